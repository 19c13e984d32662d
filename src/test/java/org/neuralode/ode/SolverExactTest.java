package org.neuralode.ode;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Reference problems with exact solutions (Hipparchus TestProblem style). */
class SolverExactTest {

    private static final double RTOL = 1e-6;
    private static final double ATOL = 1e-9;
    /**
     * The controller bounds the local error per step to ~(atol + rtol|y|); over the O(10..100) steps of
     * these problems the global error of Tsit5/Dopri5 stays within a few local tolerances (observed:
     * at most ~3x). 20x leaves room without hiding an order-of-magnitude defect, which a wrong
     * coefficient or a mislanded output time produces.
     */
    private static final double GLOBAL_FACTOR = 20;

    private static final SolverOptions TIGHT = SolverOptions.defaults().withTolerances(RTOL, ATOL);

    @Test
    void exponentialDecay() {
        VectorField f = TestFields.linear(new double[][] {{-1}});
        double[] times = {0, 0.5, 1, 2, 3.5, 5};
        for (ButcherTableau tab : new ButcherTableau[] {Tableaus.TSIT5, Tableaus.DOPRI5}) {
            double[] out = solve(TIGHT.withTableau(tab), f, new double[] {2.0}, 0, times);
            for (int k = 0; k < times.length; k++) {
                assertClose(2 * Math.exp(-times[k]), out[k], 2.0, tab.name() + " t=" + times[k]);
            }
        }
    }

    @Test
    void harmonicOscillator() {
        double w = 2.0;
        VectorField f = TestFields.linear(new double[][] {{0, 1}, {-w * w, 0}});
        double[] times = new double[21];
        for (int k = 0; k < times.length; k++) {
            times[k] = 0.5 * k;
        }
        double[] out = solve(TIGHT, f, new double[] {1, 0}, 0, times);
        for (int k = 0; k < times.length; k++) {
            double t = times[k];
            // the error of a rotation grows linearly with the number of periods (~3 here)
            assertClose(Math.cos(w * t), out[2 * k], 3 * GLOBAL_FACTOR, "x at t=" + t);
            assertClose(-w * Math.sin(w * t), out[2 * k + 1], 3 * GLOBAL_FACTOR * w, "v at t=" + t);
        }
    }

    @Test
    void linearSystemAgainstMatrixExponential() {
        double[][] a = {{-0.5, 1.0, 0.2}, {-1.0, -0.3, 0.0}, {0.3, 0.1, -0.8}};
        double[] y0 = {1.0, -2.0, 0.5};
        double[] times = {0.0, 0.7, 1.9, 4.0, 8.0};
        double[] out = solve(TIGHT, TestFields.linear(a), y0, 0, times);
        for (int k = 0; k < times.length; k++) {
            double[] exact = MatrixExponential.apply(MatrixExponential.expm(scale(a, times[k])), y0);
            for (int i = 0; i < 3; i++) {
                assertClose(exact[i], out[3 * k + i], 2.0, "y" + i + " at t=" + times[k]);
            }
        }
    }

    @Test
    void matrixExponentialHelperMatchesJordanBlock() {
        // exp(t J) for J = -I + N (N nilpotent shift) is e^-t [[1, t, t^2/2], [0, 1, t], [0, 0, 1]]
        double t = 1.7;
        double[][] j = {{-t, t, 0}, {0, -t, t}, {0, 0, -t}};
        double[][] e = MatrixExponential.expm(j);
        double s = Math.exp(-t);
        double[][] exact = {{s, s * t, s * t * t / 2}, {0, s, s * t}, {0, 0, s}};
        for (int i = 0; i < 3; i++) {
            assertArrayEquals(exact[i], e[i], 1e-14);
        }
    }

    @Test
    void landingStepsHitUnevenOutputTimesExactlyFromAnEarlierStart() {
        VectorField f = TestFields.linear(new double[][] {{-0.3}});
        double t0 = -1.0;
        double[] times = {0.3, 0.31, 1.7, 1.7, 4.0, 9.99};
        SolverWorkspace ws = new SolverWorkspace(1, 0);
        double[] out = new double[times.length];
        SolveStatus st = new Solver(TIGHT.withSaveAt(SolverOptions.SaveAt.LAND)).solve(f.newEvaluator(), new double[0], new double[] {1.5}, t0, times,
                times.length, out, ws);
        assertEquals(SolveStatus.SUCCESS, st);
        Set<Double> stepEnds = new HashSet<>();
        for (int j = 0; j < ws.recordedSteps(); j++) {
            stepEnds.add(j + 1 < ws.recordedSteps() ? ws.stepTime(j + 1) : Double.NaN);
            if (j > 0) {
                assertEquals(ws.stepTime(j - 1) + ws.stepSize(j - 1), ws.stepTime(j), Math.ulp(10.0),
                        "steps are contiguous");
            }
        }
        assertEquals(t0, ws.stepTime(0));
        int last = ws.recordedSteps() - 1;
        assertEquals(times[times.length - 1], ws.stepTime(last) + ws.stepSize(last), 0.0, "last step lands");
        for (int k = 0; k < times.length - 1; k++) {
            assertTrue(stepEnds.contains(times[k]), "a step starts exactly at output time " + times[k]);
            assertClose(1.5 * Math.exp(-0.3 * (times[k] - t0)), out[k], 2.0, "t=" + times[k]);
        }
        assertEquals(out[2], out[3], 0.0, "repeated output time gives the same state");
    }

    /**
     * Dense output: the steps are the controller's (contiguous, only the last one clipped to end on the last
     * output), so a fine grid costs far fewer steps than outputs, while landing needs at least one step per
     * interval; both meet the same error bound (the interpolant is of order 4, its error below the step's
     * local tolerance).
     */
    @Test
    void denseOutputStepsPastOutputTimesAndEndsOnTheLast() {
        VectorField f = TestFields.linear(new double[][] {{-0.3}});
        double t0 = -1.0;
        double[] times = new double[101];
        for (int k = 0; k < times.length; k++) {
            times[k] = 0.3 + 0.0969 * k;
        }
        times[50] = times[49]; // a repeated time
        for (SolverOptions.SaveAt mode : SolverOptions.SaveAt.values()) {
            SolverWorkspace ws = new SolverWorkspace(1, 0);
            double[] out = new double[times.length];
            assertEquals(SolveStatus.SUCCESS, new Solver(TIGHT.withSaveAt(mode)).solve(f.newEvaluator(), new double[0],
                    new double[] {1.5}, t0, times, times.length, out, ws));
            int steps = ws.recordedSteps();
            for (int j = 1; j < steps; j++) {
                assertEquals(ws.stepTime(j - 1) + ws.stepSize(j - 1), ws.stepTime(j), Math.ulp(10.0), "contiguous");
            }
            assertEquals(times[100], ws.stepTime(steps - 1) + ws.stepSize(steps - 1), 0.0, mode + ": last step lands");
            assertTrue(mode == SolverOptions.SaveAt.DENSE ? steps < 30 : steps >= 100, mode + " took " + steps);
            for (int k = 0; k < times.length; k++) {
                assertClose(1.5 * Math.exp(-0.3 * (times[k] - t0)), out[k], 2.0, mode + " t=" + times[k]);
            }
            assertEquals(out[49], out[50], 0.0, "repeated output time gives the same state");
        }
    }

    @Test
    void outputAtStartIsTheInitialStateAndNothingElseIsNeeded() {
        VectorField f = TestFields.linear(new double[][] {{-1, 0}, {0, 2}});
        double[] y0 = {0.1 + 0.2, Math.PI};
        double[] out = new double[4];
        SolverWorkspace ws = new SolverWorkspace(2, 0);
        Solver solver = new Solver(TIGHT);
        assertEquals(SolveStatus.SUCCESS, solver.solve(f.newEvaluator(), new double[0], y0, 0, new double[] {0, 0},
                2, out, ws));
        assertArrayEquals(new double[] {y0[0], y0[1], y0[0], y0[1]}, out, 0.0);
        assertEquals(0, ws.recordedSteps());
    }

    @Test
    void fixedStepMethodsUseDt0FromTheTimesAndLandOnOutputs() {
        VectorField f = TestFields.linear(new double[][] {{-1}});
        double[] times = {0, 0.25, 0.5, 0.75, 1.0, 1.1};
        SolverWorkspace ws = new SolverWorkspace(1, 0);
        double[] out = new double[times.length];
        Solver rk4 = new Solver(SolverOptions.defaults().withTableau(Tableaus.RK4));
        assertEquals(SolveStatus.SUCCESS, rk4.solve(f.newEvaluator(), new double[0], new double[] {1}, 0, times,
                times.length, out, ws));
        assertEquals(5, ws.recordedSteps());
        for (int j = 0; j < 4; j++) {
            assertEquals(0.25, ws.stepSize(j), 0.0);
        }
        assertEquals(0.1, ws.stepSize(4), 1e-15, "last step clipped onto t=1.1");
        // RK4 with h = 1/4: local error ~ h^5/120 per step; global ~ 3e-5 at most
        for (int k = 0; k < times.length; k++) {
            assertEquals(Math.exp(-times[k]), out[k], 3e-5);
        }
    }

    static double[] solve(SolverOptions opts, VectorField f, double[] y0, double t0, double[] times) {
        double[] out = new double[times.length * f.dim()];
        SolveStatus st = new Solver(opts).solve(f.newEvaluator(), new double[f.numParams()], y0, t0, times,
                times.length, out, new SolverWorkspace(f.dim(), f.numParams()));
        assertEquals(SolveStatus.SUCCESS, st);
        return out;
    }

    /** |actual - exact| <= GLOBAL_FACTOR * (atol + rtol * scale). */
    private static void assertClose(double exact, double actual, double scale, String what) {
        double tol = GLOBAL_FACTOR * (ATOL + RTOL * scale);
        assertEquals(exact, actual, tol, what);
    }

    private static double[][] scale(double[][] a, double t) {
        double[][] r = new double[a.length][];
        for (int i = 0; i < a.length; i++) {
            r[i] = a[i].clone();
            for (int j = 0; j < r[i].length; j++) {
                r[i][j] *= t;
            }
        }
        return r;
    }
}
