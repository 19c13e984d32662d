package org.neuralode.ode.batch;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.neuralode.nn.Activation;
import org.neuralode.nn.MlpField;
import org.neuralode.nn.MlpSpec;
import org.neuralode.nn.batch.JvmBatchField;
import org.neuralode.nn.batch.Nd4jBatchField;
import org.neuralode.ode.ButcherTableau;
import org.neuralode.ode.SolveStatus;
import org.neuralode.ode.Solver;
import org.neuralode.ode.SolverOptions;
import org.neuralode.ode.SolverWorkspace;
import org.neuralode.ode.Tableaus;
import org.neuralode.ode.VectorField;

/** BatchSolver against Solver run trajectory by trajectory, and against finite differences. */
class BatchSolverTest {

    private static final double T_MAX = 10.0;

    /** R trajectories with uneven, per-row time grids (different lengths, repeats, t0 before or at the first). */
    private record Problem(int rows, int s, double[] y0, double[] t0, double[][] times, double[][] outBar) {

        static Problem random(SplittableRandom rng, int rows, int s) {
            double[] y0 = new double[rows * s];
            double[] t0 = new double[rows];
            double[][] times = new double[rows][];
            double[][] outBar = new double[rows][];
            for (int r = 0; r < rows; r++) {
                for (int i = 0; i < s; i++) {
                    y0[r * s + i] = 2 * rng.nextDouble() - 0.5;
                }
                t0[r] = r % 3 == 0 ? 0.0 : rng.nextDouble();
                int nt = 1 + rng.nextInt(7);
                times[r] = new double[nt];
                double t = r % 3 == 0 ? t0[r] : t0[r] + rng.nextDouble();
                for (int k = 0; k < nt; k++) {
                    times[r][k] = t;
                    t += rng.nextInt(5) == 0 ? 0.0 : 3 * rng.nextDouble() * rng.nextDouble();
                }
                outBar[r] = new double[nt * s];
                for (int k = 0; k < outBar[r].length; k++) {
                    outBar[r][k] = 2 * rng.nextDouble() - 1;
                }
            }
            return new Problem(rows, s, y0, t0, times, outBar);
        }

        double[][] newOutputs() {
            double[][] out = new double[rows][];
            for (int r = 0; r < rows; r++) {
                out[r] = new double[times[r].length * s];
            }
            return out;
        }
    }

    /** Solver's results for one row: status, outputs, steps, and the gradient of outBar . out. */
    private record RowResult(SolveStatus status, double[] out, int steps, double[] thetaBar, double[] y0Bar) {
    }

    private static RowResult solveRow(Solver solver, MlpSpec spec, double[] theta, Problem p, int r) {
        int s = p.s;
        VectorField.Evaluator ev = new MlpField(spec, T_MAX).newEvaluator();
        SolverWorkspace ws = new SolverWorkspace(s, spec.numParams());
        double[] y0 = java.util.Arrays.copyOfRange(p.y0, r * s, r * s + s);
        double[] out = new double[p.times[r].length * s];
        SolveStatus st = solver.solve(ev, theta, y0, p.t0[r], p.times[r], p.times[r].length, out, ws);
        double[] thetaBar = new double[spec.numParams()];
        double[] y0Bar = new double[s];
        if (st.ok()) {
            solver.backward(ev, theta, p.outBar[r], y0Bar, thetaBar, ws);
        }
        return new RowResult(st, out, ws.recordedSteps(), thetaBar, y0Bar);
    }

    private static double[] uniform(SplittableRandom rng, int n, double scale) {
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            v[i] = scale * (2 * rng.nextDouble() - 1);
        }
        return v;
    }

    @Test
    void jvmBatchEqualsSolverPerTrajectoryBitForBit() {
        SplittableRandom rng = new SplittableRandom(17);
        SolverOptions base = SolverOptions.defaults();
        SolverOptions land = base.withSaveAt(SolverOptions.SaveAt.LAND);
        SolverOptions[] methods = {base, base.withTableau(Tableaus.DOPRI5).withTolerances(1e-6, 1e-8),
            base.withTableau(Tableaus.RK4).withDt0(0.13), base.withTableau(Tableaus.EULER).withDt0(0.05),
            base.withTableau(Tableaus.TSIT5.fixedStep()).withDt0(0.3), land,
            land.withTableau(Tableaus.DOPRI5).withTolerances(1e-6, 1e-8),
            land.withTableau(Tableaus.TSIT5.fixedStep()).withDt0(0.3)};
        Activation[] acts = {Activation.TANH, Activation.SOFTPLUS, Activation.CELU};
        int caseNo = 0;
        long rejected = 0;
        for (SolverOptions opts : methods) {
            for (int trial = 0; trial < 2; trial++) {
                int s = 1 + (caseNo % 2);
                MlpSpec spec = new MlpSpec(s, 3 + rng.nextInt(6), 1 + trial, acts[caseNo % 3], caseNo % 4 == 1);
                double[] theta = uniform(rng, spec.numParams(), 0.8);
                Problem p = Problem.random(rng, 9, s);
                rejected += compareWithSolver(opts, spec, theta, p, new JvmBatchField(spec, T_MAX), 0.0, 0.0);
                caseNo++;
            }
        }
        assertTrue(rejected > 0, "the cases should exercise rejected steps");
    }

    @Test
    void nd4jBatchMatchesSolverToRounding() {
        SplittableRandom rng = new SplittableRandom(23);
        MlpSpec spec = new MlpSpec(2, 8, 2, Activation.TANH);
        double[] theta = uniform(rng, spec.numParams(), 0.8);
        Problem p = Problem.random(rng, 6, 2);
        // BLAS rounding (~1e-16 per product) grows through ~50 steps; the step sequences are the same
        // unless an error norm sits within ~1e-14 of 1, which these random problems do not
        compareWithSolver(SolverOptions.defaults(), spec, theta, p, new Nd4jBatchField(spec, T_MAX, 6), 1e-9, 1e-12);
    }

    /**
     * Outputs, statuses and step counts per row, y0 gradients per row, theta gradient per row (outBar
     * zero elsewhere) and summed over rows. rel = 0 asks for bit-identical results, except the summed
     * theta gradient whose sum over rows runs in another order (1e-12 relative).
     */
    private static long compareWithSolver(SolverOptions opts, MlpSpec spec, double[] theta, Problem p,
                                          BatchField f, double rel, double abs) {
        Solver solver = new Solver(opts);
        BatchSolver batch = new BatchSolver(opts);
        BatchWorkspace ws = new BatchWorkspace(p.s, spec.numParams());
        double[][] out = p.newOutputs();
        int ok = batch.solve(f, theta, p.y0, p.t0, p.times, out, ws);
        double[] thetaBar = new double[spec.numParams()];
        double[] y0Bar = new double[p.rows * p.s];
        batch.backward(f, theta, p.outBar, y0Bar, thetaBar, ws);
        double[] sumBar = new double[spec.numParams()];
        int expectedOk = 0;
        for (int r = 0; r < p.rows; r++) {
            RowResult want = solveRow(solver, spec, theta, p, r);
            String what = opts.tableau().name() + " " + opts.saveAt() + " row " + r;
            assertEquals(want.status, ws.status(r), what);
            expectedOk += want.status.ok() ? 1 : 0;
            assertEquals(want.steps, ws.recordedSteps(r), what + " steps");
            assertClose(want.out, out[r], rel, abs, what + " outputs");
            assertClose(want.y0Bar, java.util.Arrays.copyOfRange(y0Bar, r * p.s, r * p.s + p.s), rel, abs, what + " y0Bar");
            for (int k = 0; k < sumBar.length; k++) {
                sumBar[k] += want.thetaBar[k];
            }
            double[] rowBar = new double[spec.numParams()];
            batch.backward(f, theta, onlyRow(p, r), null, rowBar, ws);
            assertClose(want.thetaBar, rowBar, rel, abs, what + " thetaBar");
        }
        assertEquals(expectedOk, ok);
        assertClose(sumBar, thetaBar, Math.max(rel, 1e-12), Math.max(abs, 1e-14), opts.tableau().name() + " summed thetaBar");
        return ws.rejectedSteps();
    }

    private static double[][] onlyRow(Problem p, int r) {
        double[][] bar = new double[p.rows][];
        for (int q = 0; q < p.rows; q++) {
            bar[q] = q == r ? p.outBar[q] : new double[p.outBar[q].length];
        }
        return bar;
    }

    static void assertClose(double[] expected, double[] actual, double rel, double abs, String what) {
        if (rel == 0 && abs == 0) {
            assertArrayEquals(expected, actual, 0.0, what);
            return;
        }
        for (int i = 0; i < expected.length; i++) {
            double tol = rel * Math.max(Math.abs(expected[i]), Math.abs(actual[i])) + abs;
            assertTrue(Math.abs(expected[i] - actual[i]) <= tol,
                    what + "[" + i + "]: expected " + expected[i] + ", got " + actual[i]);
        }
    }

    @Test
    void failedRowsCarryTheirStatusAndAreSkippedByBackward() {
        SplittableRandom rng = new SplittableRandom(4);
        MlpSpec spec = new MlpSpec(1, 5, 2, Activation.TANH);
        double[] theta = uniform(rng, spec.numParams(), 1.0);
        Problem p = Problem.random(rng, 8, 1);
        p.y0[3] = Double.NaN;
        p.times[5] = new double[] {0.0, 500.0};   // far too long for 12 steps
        p.t0[5] = 0.0;
        p.outBar[5] = new double[] {1.0, 1.0};
        SolverOptions opts = SolverOptions.defaults().withTolerances(1e-8, 1e-10).withMaxSteps(12);
        compareWithSolver(opts, spec, theta, p, new JvmBatchField(spec, T_MAX), 0.0, 0.0);
        BatchWorkspace ws = new BatchWorkspace(1, spec.numParams());
        new BatchSolver(opts).solve(new JvmBatchField(spec, T_MAX), theta, p.y0, p.t0, p.times, p.newOutputs(), ws);
        assertEquals(SolveStatus.NON_FINITE, ws.status(3));
        assertEquals(SolveStatus.MAX_STEPS, ws.status(5));
    }

    @Test
    void gradientMatchesCentralFiniteDifferencesWithFixedSteps() {
        // fixed steps (dt0): the step sequence does not depend on theta or y0, so the discrete adjoint is
        // the exact derivative of the computed outputs. RK4 lands on the outputs; Tsit5's and Dopri5's
        // fixed-step variants interpolate them inside steps of 0.37 (dense output)
        for (ButcherTableau tab : new ButcherTableau[] {Tableaus.RK4, Tableaus.TSIT5.fixedStep(),
            Tableaus.DOPRI5.fixedStep()}) {
            SplittableRandom rng = new SplittableRandom(9);
            MlpSpec spec = new MlpSpec(2, 6, 2, Activation.SOFTPLUS, true);
            double[] theta = uniform(rng, spec.numParams(), 0.7);
            Problem p = Problem.random(rng, 5, 2);
            BatchSolver batch = new BatchSolver(SolverOptions.defaults().withTableau(tab).withDt0(0.37));
            BatchField f = new JvmBatchField(spec, T_MAX);
            BatchWorkspace ws = new BatchWorkspace(2, spec.numParams());
            assertEquals(p.rows, batch.solve(f, theta, p.y0, p.t0, p.times, p.newOutputs(), ws));
            double[] thetaBar = new double[theta.length];
            double[] y0Bar = new double[p.y0.length];
            batch.backward(f, theta, p.outBar, y0Bar, thetaBar, ws);
            double[] du = uniform(rng, theta.length, 1.0);
            double[] dy = uniform(rng, p.y0.length, 1.0);
            double eps = 1e-6;
            double fdTheta = (loss(batch, f, shift(theta, du, eps), p.y0, p)
                    - loss(batch, f, shift(theta, du, -eps), p.y0, p)) / (2 * eps);
            double fdY = (loss(batch, f, theta, shift(p.y0, dy, eps), p)
                    - loss(batch, f, theta, shift(p.y0, dy, -eps), p)) / (2 * eps);
            // truncation eps^2 * L''' ~ 1e-11 and rounding 1e-16 * |L| / eps ~ 1e-10 for |L| ~ 1
            assertEquals(fdTheta, dot(thetaBar, du), 1e-6 * Math.max(1, Math.abs(fdTheta)), tab.name());
            assertEquals(fdY, dot(y0Bar, dy), 1e-6 * Math.max(1, Math.abs(fdY)), tab.name());
        }
    }

    private static double loss(BatchSolver batch, BatchField f, double[] theta, double[] y0, Problem p) {
        double[][] out = p.newOutputs();
        BatchWorkspace ws = new BatchWorkspace(p.s, theta.length);
        assertEquals(p.rows, batch.solve(f, theta, y0, p.t0, p.times, out, ws));
        double l = 0;
        for (int r = 0; r < p.rows; r++) {
            l += dot(out[r], p.outBar[r]);
        }
        return l;
    }

    @Test
    void rejectsBadArguments() {
        MlpSpec spec = new MlpSpec(1, 3, 1, Activation.TANH);
        BatchSolver batch = new BatchSolver(SolverOptions.defaults());
        BatchField f = new JvmBatchField(spec, T_MAX);
        double[] theta = new double[spec.numParams()];
        BatchWorkspace ws = new BatchWorkspace(1, spec.numParams());
        double[][] out = {new double[2]};
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> batch.solve(f, theta,
                new double[] {1}, new double[] {0}, new double[][] {{1.0, 0.5}}, out, ws));
        assertTrue(e.getMessage().contains("times[0][1] = 0.5"), e.getMessage());
        assertThrows(IllegalStateException.class, () -> batch.backward(f, theta, out, null, theta.clone(),
                new BatchWorkspace(1, spec.numParams())));
        assertThrows(IllegalArgumentException.class, () -> batch.solve(f, theta, new double[] {1}, new double[] {0},
                new double[][] {{1.0}}, out, new BatchWorkspace(2, spec.numParams())));
    }

    private static double[] shift(double[] v, double[] d, double eps) {
        double[] r = v.clone();
        for (int i = 0; i < r.length; i++) {
            r[i] += eps * d[i];
        }
        return r;
    }

    private static double dot(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += a[i] * b[i];
        }
        return s;
    }
}
