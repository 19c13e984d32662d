package org.neuralode.ode;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The discretise-then-optimise gradient against central finite differences of the same discrete
 * computation ({@link Solver#replay} with the recorded steps), for every tableau.
 *
 * <p>FD step: {@code eps = 1e-5 * max(1, |x|)}. The central difference has truncation error
 * ~eps^2 |L'''|/6 ~ 1e-11 and rounding error ~ u |L| / eps ~ 1e-16 * 10 / 1e-5 = 1e-10, both four
 * orders below the required relative accuracy of 1e-6 (gradient entries here are O(0.1..10)).
 */
class SolverGradientTest {

    private static final double REL_TOL = 1e-6;
    private static final double[] THETA = {0.7, 1.3, 0.5, 0.9};
    private static final double[] Y0 = {0.5, -0.3, 1.2};
    private static final double T0 = 0.1;
    private static final double[] TIMES = {0.1, 0.4, 0.45, 1.3, 2.0, 2.05, 3.7};

    /**
     * Every tableau, both output modes, output grids sparse (steps end on outputs or between them) and fine
     * and uneven (with dense output, many outputs are interpolated inside steps, so their cotangents flow
     * through the dense weights into the stages, including Tsit5's and Dopri5's last one).
     */
    @Test
    void parameterAndInitialStateGradientsMatchFiniteDifferencesForEveryTableau() {
        double[] fine = new double[40];
        for (int k = 0; k < fine.length; k++) {
            fine[k] = 0.3 + 0.08 * k + 0.03 * Math.sin(k); // uneven spacing 0.05 .. 0.11
        }
        for (ButcherTableau tab : Tableaus.ALL) {
            for (SolverOptions.SaveAt mode : SolverOptions.SaveAt.values()) {
                SolverOptions o = (tab.embedded()
                        ? SolverOptions.defaults().withTableau(tab).withTolerances(1e-5, 1e-7)
                        : SolverOptions.defaults().withTableau(tab).withDt0(0.07)).withSaveAt(mode);
                check(o, T0, TIMES);
                check(o, -0.5, new double[] {0.3, 0.31, 2.9}); // t0 < times[0]
                int steps = check(o, 0.0, fine);
                if (o.interpolates()) {
                    assertTrue(steps < fine.length - 1, tab.name() + ": steps span outputs (" + steps + ")");
                }
            }
            if (tab.hasDense()) { // fixed steps of 0.37 put every output but the last inside a step
                check(SolverOptions.defaults().withTableau(tab.fixedStep()).withDt0(0.37), 0.0, fine);
            }
        }
    }

    @Test
    void backwardAccumulatesIntoTheGivenArrays() {
        VectorField f = TestFields.parametric();
        Solver solver = new Solver(SolverOptions.defaults());
        SolverWorkspace ws = new SolverWorkspace(3, 4);
        double[] out = new double[TIMES.length * 3];
        assertEquals(SolveStatus.SUCCESS, solver.solve(f.newEvaluator(), THETA, Y0, T0, TIMES, TIMES.length, out, ws));
        double[] outBar = weights(TIMES.length * 3, 7);
        double[] once = new double[4];
        solver.backward(f.newEvaluator(), THETA, outBar, null, once, ws);
        double[] twice = once.clone();
        solver.backward(f.newEvaluator(), THETA, outBar, null, twice, ws);
        for (int p = 0; p < 4; p++) {
            assertEquals(2 * once[p], twice[p], 1e-14 * Math.abs(once[p]));
        }
    }

    /** Checks replay and the gradient against finite differences; returns the number of steps. */
    private static int check(SolverOptions o, double t0, double[] times) {
        VectorField f = TestFields.parametric();
        VectorField.Evaluator ev = f.newEvaluator();
        Solver solver = new Solver(o);
        SolverWorkspace ws = new SolverWorkspace(3, 4);
        int nOut = times.length * 3;
        double[] out = new double[nOut];
        assertEquals(SolveStatus.SUCCESS, solver.solve(ev, THETA, Y0, t0, times, times.length, out, ws));
        assertTrue(o.interpolates() || ws.recordedSteps() >= times.length - 1, "landing steps");
        double[] outBar = weights(nOut, 42);
        double[] thetaBar = new double[4];
        double[] y0Bar = new double[3];
        solver.backward(ev, THETA, outBar, y0Bar, thetaBar, ws);

        // replay reproduces the solve (stage 0 re-evaluated at t_j instead of t_{j-1} + h_{j-1}: 1 ulp in t)
        double[] again = new double[nOut];
        assertEquals(SolveStatus.SUCCESS, solver.replay(ev, THETA, Y0, again, ws));
        for (int k = 0; k < nOut; k++) {
            assertEquals(out[k], again[k], 1e-13 * (1 + Math.abs(out[k])), "replay of " + o.tableau().name());
        }

        String what = o.tableau().name() + " " + o.saveAt() + " t0=" + t0;
        for (int p = 0; p < 4; p++) {
            int q = p;
            double fd = centralDifference(THETA[p], x -> {
                double[] th = THETA.clone();
                th[q] = x;
                return loss(solver, ev, th, Y0, outBar, ws);
            });
            assertRelative(fd, thetaBar[p], what + " dL/dtheta" + p);
        }
        for (int i = 0; i < 3; i++) {
            int q = i;
            double fd = centralDifference(Y0[i], x -> {
                double[] y = Y0.clone();
                y[q] = x;
                return loss(solver, ev, THETA, y, outBar, ws);
            });
            assertRelative(fd, y0Bar[i], what + " dL/dy0_" + i);
        }
        return ws.recordedSteps();
    }

    private static double loss(Solver solver, VectorField.Evaluator ev, double[] theta, double[] y0, double[] w,
                               SolverWorkspace ws) {
        double[] out = new double[w.length];
        assertEquals(SolveStatus.SUCCESS, solver.replay(ev, theta, y0, out, ws));
        double l = 0;
        for (int k = 0; k < w.length; k++) {
            l += w[k] * out[k];
        }
        return l;
    }

    private static double centralDifference(double x, java.util.function.DoubleUnaryOperator g) {
        double eps = 1e-5 * Math.max(1, Math.abs(x));
        return (g.applyAsDouble(x + eps) - g.applyAsDouble(x - eps)) / (2 * eps);
    }

    private static void assertRelative(double expected, double actual, String what) {
        assertTrue(Math.abs(expected) > 1e-3, what + " is too small to compare relatively: " + expected);
        assertEquals(expected, actual, REL_TOL * Math.abs(expected), what);
    }

    /** Seeded cotangents in [0.5, 1.5) (positive, so no gradient entry cancels to ~0 by accident). */
    private static double[] weights(int n, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        double[] w = new double[n];
        for (int k = 0; k < n; k++) {
            w[k] = 0.5 + r.nextDouble();
        }
        return w;
    }
}
