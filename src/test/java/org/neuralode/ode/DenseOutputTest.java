package org.neuralode.ode;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * The continuous extensions of Tsit5 and Dopri5 ({@link ButcherTableau#denseWeights}, {@link DenseOutput}):
 * consistency at the step's ends, the continuous order conditions, the observed order against an exact
 * solution, and Dopri5's against Hipparchus' independent {@code DormandPrince54StateInterpolator}.
 */
class DenseOutputTest {

    private static final ButcherTableau[] DENSE = {Tableaus.TSIT5, Tableaus.DOPRI5};
    private static final double[] THETAS = {0.2, 0.5, 0.77, 0.95};

    @Test
    void onlyTsit5AndDopri5HaveAContinuousExtension() {
        assertTrue(Tableaus.TSIT5.hasDense() && Tableaus.DOPRI5.hasDense());
        assertFalse(Tableaus.RK4.hasDense() || Tableaus.EULER.hasDense());
        assertTrue(Tableaus.TSIT5.fixedStep().hasDense(), "the fixed-step variant keeps it");
    }

    @Test
    void weightsVanishAtZeroAndEqualTheSolutionWeightsAtOne() {
        for (ButcherTableau tab : DENSE) {
            double[] w = new double[tab.stages()];
            tab.denseWeights(0.0, w);
            for (double x : w) {
                assertEquals(0.0, x, 0.0, tab.name());
            }
            tab.denseWeights(1.0, w);
            for (int i = 0; i < w.length; i++) {
                // the polynomial coefficients are O(100) (Tsit5: r53 = -88.2): summing them costs a few ulp of 100
                assertEquals(tab.b()[i], w[i], 1e-13, tab.name() + " b_" + i + "(1)");
            }
        }
    }

    /**
     * A continuous extension of order p satisfies {@code b(theta) . Phi(tree) = theta^rho / gamma} for every
     * tree of order rho &lt;= p; equivalently, the scaled method (A/theta, c/theta, b(theta)/theta), one step of
     * size theta h, satisfies the ordinary conditions. Tsit5's and Dopri5's are of order 4. The residuals are
     * rounding only: coefficients O(100) give ~1e-14, divided by theta^4 &gt;= 1/625 in the scaling: 1e-11.
     */
    @Test
    void continuousOrderConditionsHoldUpToOrderFour() {
        for (ButcherTableau tab : DENSE) {
            int s = tab.stages();
            for (double theta : THETAS) {
                double[] w = new double[s];
                tab.denseWeights(theta, w);
                double[][] a = new double[s][];
                double[] c = new double[s];
                for (int i = 0; i < s; i++) {
                    w[i] /= theta;
                    c[i] = tab.c()[i] / theta;
                    a[i] = tab.a()[i].clone();
                    for (int j = 0; j < i; j++) {
                        a[i][j] /= theta;
                    }
                }
                for (double r : OrderConditions.residuals(a, c, w, 4)) {
                    assertEquals(0.0, r, 1e-11, tab.name() + " at theta " + theta);
                }
            }
        }
    }

    /**
     * One step of size h from the exact state of {@code y' = -y^2} ({@code y = 1/(1+t)}), read at
     * {@code theta h} for theta = 0.1 .. 0.9: the interpolant's local error is O(h^5) (order 4), so the
     * least-squares slope of log(max error over theta) against log(h) is 5 within 0.3 (as
     * {@link ConvergenceOrderTest}). The maximum over theta avoids the isolated theta where the leading
     * error coefficient crosses zero (Dopri5's near 0.6). h = 2^-3 .. 2^-6 is past the pre-asymptotic
     * range and keeps the error (~1e-8 .. 1e-13) far above rounding.
     */
    @Test
    void interpolationErrorHasOrderFiveLocally() {
        VectorField f = TestFields.withoutVjp(1, (t, y, th, dy) -> dy[0] = -y[0] * y[0]);
        VectorField.Evaluator ev = f.newEvaluator();
        double t0 = 0.2;
        for (ButcherTableau tab : DENSE) {
            double[] logH = new double[4];
            double[] logE = new double[4];
            for (int q = 0; q < 4; q++) {
                double h = Math.pow(2, -3 - q);
                double[] y = {1 / (1 + t0)};
                double[] k = new double[tab.stages()];
                RungeKuttaStepper.step(ev, new double[0], tab, t0, h, y, 0, k, 0, false, new double[1], 0, null,
                        new double[1], 1, new double[0], 0);
                double[] out = new double[1];
                double max = 0;
                for (int p = 1; p <= 9; p++) {
                    double theta = p / 10.0;
                    DenseOutput.interpolate(tab, theta, h, y, 0, k, 0, 1, new double[tab.stages()], out, 0);
                    max = Math.max(max, Math.abs(out[0] - 1 / (1 + t0 + theta * h)));
                }
                logH[q] = Math.log(h);
                logE[q] = Math.log(max);
            }
            assertEquals(5.0, ConvergenceOrderTest.slope(logH, logE), 0.3, tab.name());
        }
    }

    /**
     * The solver's Dopri5 dense output at points inside fixed steps (dt0 = 1/4, a nonlinear non-autonomous
     * field) equals Hipparchus' interpolator over the same steps. Both evaluate the same formulas in other
     * orders: the difference is rounding, ~1e-15 per step over 12 steps; 1e-12 relative to the state.
     */
    @Test
    void dopri5DenseOutputMatchesHipparchus() {
        VectorField f = TestFields.parametric();
        double[] theta = {0.7, 1.3, 0.5, 0.9};
        double[] y0 = {0.5, -0.3, 1.2};
        double h = 0.25;
        double[] times = {0.03, 0.1, 0.26, 0.9, 1.01, 1.6, 1.61, 2.2, 2.9, 2.99, 3.0};
        SolverOptions o = SolverOptions.defaults().withTableau(Tableaus.DOPRI5.fixedStep()).withDt0(h)
                .withSaveAt(SolverOptions.SaveAt.DENSE);
        SolverWorkspace ws = new SolverWorkspace(3, 4);
        double[] out = new double[times.length * 3];
        assertEquals(SolveStatus.SUCCESS, new Solver(o).solve(f.newEvaluator(), theta, y0, 0, times, times.length,
                out, ws));
        assertEquals(12, ws.recordedSteps(), "fixed steps of 1/4, none landing on the outputs");
        double[] ref = HipparchusOracle.dormandPrince54Dense(f, theta, y0, 0, 3.0, h, times);
        for (int k = 0; k < ref.length; k++) {
            assertEquals(ref[k], out[k], 1e-12 * Math.max(1, Math.abs(ref[k])), "index " + k);
        }
    }
}
