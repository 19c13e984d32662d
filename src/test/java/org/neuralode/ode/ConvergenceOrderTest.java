package org.neuralode.ode;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/**
 * Observed order of accuracy: the least-squares slope of log(error) against log(h) must equal the
 * method's order within +-0.3. The global-order tests use a forced harmonic oscillator (non-autonomous,
 * so the nodes c enter) with an exact solution. Step sizes are powers of two (exact in binary, so
 * every run takes exactly T/h steps), chosen so that errors lie between the pre-asymptotic regime and
 * rounding (~1e-14). (Tsit5 was designed for a tiny principal error coefficient: on some nonlinear
 * problems its global error still falls like h^6 down to rounding level, so the problem matters.)
 */
class ConvergenceOrderTest {

    private static final double SLOPE_TOL = 0.3;
    private static final double[] THETA = {0.7, 1.3, 0.5, 0.9};
    private static final double[] Y0 = {0.5, -0.3, 1.2};
    private static final double T_END = 4.0;
    private static final double FORCE = 1.5;

    /** {@code x' = v, v' = -4x + F cos t}, x(0) = 1, v(0) = 0. */
    private static final VectorField FORCED = TestFields.withoutVjp(2, (t, y, th, dy) -> {
        dy[0] = y[1];
        dy[1] = -4 * y[0] + FORCE * Math.cos(t);
    });

    /** The exact solution at T_END: x = (1 - F/3) cos 2t + (F/3) cos t. */
    private static double[] forcedExact() {
        double a = 1 - FORCE / 3;
        double b = FORCE / 3;
        return new double[] {a * Math.cos(2 * T_END) + b * Math.cos(T_END),
            -2 * a * Math.sin(2 * T_END) - b * Math.sin(T_END)};
    }

    @Test
    void globalOrderOfEveryTableauInFixedStepMode() {
        for (ButcherTableau tab : Tableaus.ALL) {
            ButcherTableau fixed = tab.embedded() ? tab.fixedStep() : tab;
            assertEquals(tab.order(), globalSlope(fixed, exponents(tab.order())), SLOPE_TOL, tab.name());
        }
    }

    @Test
    void globalOrderOfTheEmbeddedSolutions() {
        for (ButcherTableau tab : new ButcherTableau[] {Tableaus.TSIT5, Tableaus.DOPRI5}) {
            ButcherTableau hat = new ButcherTableau(tab.name() + "-hat", tab.c(), tab.a(),
                    ButcherTableauTest.embeddedWeights(tab), null, tab.embeddedOrder(), 0, false);
            assertEquals(tab.embeddedOrder(), globalSlope(hat, exponents(tab.embeddedOrder())), SLOPE_TOL,
                    hat.name());
        }
    }

    @Test
    void localErrorEstimateScalesWithEmbeddedOrderPlusOne() {
        VectorField f = TestFields.parametric();
        VectorField.Evaluator ev = f.newEvaluator();
        for (ButcherTableau tab : new ButcherTableau[] {Tableaus.TSIT5, Tableaus.DOPRI5}) {
            int s = tab.stages();
            double[] logH = new double[4];
            double[] logE = new double[4];
            for (int q = 0; q < 4; q++) {
                double h = Math.pow(2, -2 - q);
                double[] k = new double[s * 3];
                double[] err = new double[3];
                RungeKuttaStepper.step(ev, THETA, tab, 0.3, h, Y0, 0, k, 0, false, new double[3], 0, err,
                        new double[3], 3, new double[s * ev.tapeSize()], 0);
                logH[q] = Math.log(h);
                logE[q] = Math.log(norm(err));
            }
            assertEquals(tab.embeddedOrder() + 1, slope(logH, logE), SLOPE_TOL, tab.name() + " error estimate");
        }
    }

    /** Step exponents k (h = 2^-k) for a method of this order. */
    private static int[] exponents(int order) {
        return switch (order) {
            case 1 -> new int[] {6, 7, 8, 9, 10};
            case 4 -> new int[] {4, 5, 6, 7, 8};
            case 5 -> new int[] {4, 5, 6, 7};
            default -> throw new IllegalArgumentException("no step range for order " + order);
        };
    }

    private static double globalSlope(ButcherTableau tab, int[] ks) {
        double[] ref = forcedExact();
        double[] logH = new double[ks.length];
        double[] logE = new double[ks.length];
        for (int q = 0; q < ks.length; q++) {
            double h = Math.pow(2, -ks[q]);
            SolverOptions o = SolverOptions.defaults().withTableau(tab).withDt0(h).withMaxSteps(100_000);
            double[] out = new double[2];
            SolverWorkspace ws = new SolverWorkspace(2, 0);
            SolveStatus st = new Solver(o).solve(FORCED.newEvaluator(), new double[0], new double[] {1, 0}, 0,
                    new double[] {T_END}, 1, out, ws);
            assertEquals(SolveStatus.SUCCESS, st);
            assertEquals((int) (T_END / h), ws.recordedSteps(), "fixed steps of " + h);
            for (int i = 0; i < 2; i++) {
                out[i] -= ref[i];
            }
            logH[q] = Math.log(h);
            logE[q] = Math.log(norm(out));
        }
        return slope(logH, logE);
    }

    private static double norm(double[] v) {
        double m = 0;
        for (double x : v) {
            m = Math.max(m, Math.abs(x));
        }
        return m;
    }

    static double slope(double[] x, double[] y) {
        double mx = 0;
        double my = 0;
        for (int i = 0; i < x.length; i++) {
            mx += x[i] / x.length;
            my += y[i] / y.length;
        }
        double sxy = 0;
        double sxx = 0;
        for (int i = 0; i < x.length; i++) {
            sxy += (x[i] - mx) * (y[i] - my);
            sxx += (x[i] - mx) * (x[i] - mx);
        }
        return sxy / sxx;
    }
}
