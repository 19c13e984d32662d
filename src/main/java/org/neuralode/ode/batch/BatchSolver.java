package org.neuralode.ode.batch;

import static org.neuralode.ode.RkCombination.combine;
import static org.neuralode.ode.RkCombination.finite;

import org.neuralode.ode.ButcherTableau;
import org.neuralode.ode.DenseOutput;
import org.neuralode.ode.IController;
import org.neuralode.ode.SolveStatus;
import org.neuralode.ode.Solver;
import org.neuralode.ode.SolverOptions;

/**
 * The adaptive explicit Runge-Kutta solver of {@link org.neuralode.ode.Solver}, stepping R
 * trajectories in lock-step rounds so that every stage is one {@link BatchField} call for all rows.
 *
 * <p>Each row has its own start time, initial state, output times, step size, accept/reject decision
 * and status; rows share the field and its parameters. A round tries one step on every running row:
 * stage i of all of them is evaluated in one call (stage 0 only for rows that do not already know it
 * from FSAL or a rejection), then each row accepts or rejects its step exactly as {@code Solver} does
 * (same tableau, {@link IController}, error norm, dense output or landing on output times
 * ({@link org.neuralode.ode.SolverOptions.SaveAt}, written by the same {@link DenseOutput}), statuses). Rows that are
 * done simply drop out; rejected rows retry in the next round. Per row, the arithmetic is the same as
 * {@code Solver}'s, in the same order, so with a field that computes bit-identical values (e.g.
 * {@link org.neuralode.nn.batch.JvmBatchField} against {@link org.neuralode.nn.MlpField}) outputs and
 * step sequences are bit-identical too.
 *
 * <p>{@link BatchSolver#backward} is the discrete adjoint of the recorded steps (step sizes held
 * constant), also in lock-step rounds over rows; it gives the same gradient as {@code Solver.backward}
 * per trajectory, summed over trajectories (equal up to the order of that sum).
 *
 * <p>Immutable and thread-safe; each thread brings its own {@link BatchWorkspace} and field. No
 * allocation per step once the workspace has grown.
 */
public final class BatchSolver {

    private final SolverOptions options;
    private final IController controller;

    public BatchSolver(SolverOptions options) {
        this.options = options;
        this.controller = options.tableau().embedded() ? IController.of(options) : null;
    }

    public SolverOptions options() {
        return options;
    }

    /**
     * Integrates R = {@code times.length} trajectories and writes each row's states at its output times.
     *
     * @param f     batch field (S states, P parameters, {@code maxRows() >= R}), owned by this thread
     * @param theta parameters shared by all rows, length &gt;= P
     * @param y0    initial states {@code [R][S]} row-major
     * @param t0    start times {@code [R]}, {@code t0[r] <= times[r][0]}
     * @param times per-row output times, finite and non-decreasing (rows may differ in length)
     * @param out   per-row outputs: {@code out[r][k*S + i] = y_r(times[r][k])_i}, length &gt;=
     *              {@code times[r].length * S}; entries not reached before a failure are untouched
     * @param ws    this thread's workspace; its records and row statuses are overwritten
     * @return the number of rows with status SUCCESS; see {@link BatchWorkspace#status(int)} per row
     */
    public int solve(BatchField f, double[] theta, double[] y0, double[] t0, double[][] times,
                     double[][] out, BatchWorkspace ws) {
        BatchArguments.checkSolve(f, theta, y0, t0, times, out, ws);
        int rows = times.length;
        ButcherTableau tab = options.tableau();
        ws.start(rows, tab);
        for (int r = 0; r < rows; r++) {
            startRow(r, y0, t0[r], times[r], out[r], ws);
        }
        while (true) {
            int count = 0;
            for (int r = 0; r < rows; r++) {
                if (ws.status[r] == null) {
                    ws.active[count++] = r;
                }
            }
            if (count == 0) {
                break;
            }
            ws.rounds++;
            count = prepareSteps(count, times, ws);
            for (int i = 0; i < tab.stages(); i++) {
                evaluateStage(f, theta, tab, i, count, ws);
            }
            for (int q = 0; q < count; q++) {
                int r = ws.active[q];
                if (ws.status[r] == null) {
                    finishStep(r, tab, times[r], out[r], ws);
                }
            }
        }
        int ok = 0;
        for (int r = 0; r < rows; r++) {
            ok += ws.status[r] == SolveStatus.SUCCESS ? 1 : 0;
        }
        return ok;
    }

    /**
     * Reverse sweep through the steps recorded by the last {@link #solve} on {@code ws}. Given per-row
     * output cotangents {@code outBar[r][k*S + i]}, <b>accumulates</b> {@code dLoss/dtheta} (summed over
     * rows) into {@code thetaBar[0..P)} and, when {@code y0Bar} is not null, {@code dLoss/dy0_r} into
     * {@code y0Bar[r*S ..]}. Rows whose solve did not succeed are skipped (they contribute nothing);
     * callers check {@link BatchWorkspace#status(int)}. {@code theta} must be that solve's parameters.
     *
     * @throws IllegalStateException if no solve was recorded in {@code ws}
     */
    public void backward(BatchField f, double[] theta, double[][] outBar, double[] y0Bar, double[] thetaBar,
                         BatchWorkspace ws) {
        BatchArguments.checkBackward(f, theta, outBar, y0Bar, thetaBar, ws);
        BatchAdjoint.run(f, theta, outBar, y0Bar, thetaBar, ws);
    }

    /** Row set-up: initial state, outputs at t0, initial step (Solver's order of checks). */
    private void startRow(int r, double[] y0, double t0, double[] times, double[] out, BatchWorkspace ws) {
        int n = ws.dim;
        ws.nTimes[r] = times.length;
        ws.recorded[r] = 0;
        ws.ensureSteps(r, 2);
        ws.ensureOutputs(r, times.length);
        System.arraycopy(y0, r * n, ws.stepY[r], 0, n);
        if (!finite(y0, r * n, n)) {
            ws.status[r] = SolveStatus.NON_FINITE;
            return;
        }
        ws.t[r] = t0;
        ws.next[r] = 0;
        ws.next[r] = emit(r, times, t0, 0.0, t0, out, ws);
        ws.h[r] = options.initialStep(t0, times, times.length);
        ws.known[r] = false;
        ws.attempts[r] = 0;
        if (ws.next[r] >= times.length) {
            ws.status[r] = SolveStatus.SUCCESS;
        }
    }

    /** Step-limit and step-size checks, the clipped step and record room; returns the rows kept. */
    private int prepareSteps(int count, double[][] times, BatchWorkspace ws) {
        int kept = 0;
        for (int q = 0; q < count; q++) {
            int r = ws.active[q];
            double t = ws.t[r];
            double h = ws.h[r];
            if (ws.attempts[r] >= options.maxSteps()) {
                ws.status[r] = SolveStatus.MAX_STEPS;
                continue;
            }
            if (!(t + h > t)) {
                ws.status[r] = SolveStatus.STEP_TOO_SMALL;
                continue;
            }
            double remaining = target(r, times[r], ws) - t;
            ws.lands[r] = Solver.reaches(h, remaining);
            ws.hStep[r] = ws.lands[r] ? remaining : h;
            ws.ensureSteps(r, ws.recorded[r] + 2);
            ws.active[kept++] = r;
        }
        return kept;
    }

    /** Stage i of the current step of every running row, in one field call. */
    private static void evaluateStage(BatchField f, double[] theta, ButcherTableau tab, int i, int count,
                                      BatchWorkspace ws) {
        int n = ws.dim;
        int s = tab.stages();
        int m = 0;
        for (int q = 0; q < count; q++) {
            int r = ws.active[q];
            if (ws.status[r] != null || (i == 0 && ws.known[r])) {
                continue;
            }
            int j = ws.recorded[r];
            if (i == 0) {
                ws.tIn[m] = ws.t[r];
                System.arraycopy(ws.stepY[r], j * n, ws.yIn, m * n, n);
            } else {
                double h = ws.hStep[r];
                ws.tIn[m] = ws.t[r] + tab.c()[i] * h;
                combine(tab.a()[i], i, h, ws.stepY[r], j * n, ws.stepK[r], j * s * n, n, ws.yIn, m * n);
            }
            ws.members[m++] = r;
        }
        if (m == 0) {
            return;
        }
        f.eval(ws.tIn, ws.yIn, theta, ws.kOut, m);
        ws.fieldCalls++;
        ws.fieldRows += m;
        for (int p = 0; p < m; p++) {
            int r = ws.members[p];
            int kOff = ws.recorded[r] * s * n + i * n;
            System.arraycopy(ws.kOut, p * n, ws.stepK[r], kOff, n);
            if (!finite(ws.stepK[r], kOff, n)) {
                ws.status[r] = SolveStatus.NON_FINITE;
            }
        }
    }

    /** New state, error control, accept (record, FSAL, outputs) or reject, as in Solver.solve. */
    private void finishStep(int r, ButcherTableau tab, double[] times, double[] out, BatchWorkspace ws) {
        int n = ws.dim;
        int s = tab.stages();
        int j = ws.recorded[r];
        int yOff = j * n;
        int kOff = j * s * n;
        double[] y = ws.stepY[r];
        double[] k = ws.stepK[r];
        double hStep = ws.hStep[r];
        combine(tab.b(), s, hStep, y, yOff, k, kOff, n, y, yOff + n);
        if (tab.embedded()) {
            combine(tab.bError(), s, hStep, null, 0, k, kOff, n, ws.err, 0);
        }
        ws.attempts[r]++;
        if (!finite(y, yOff + n, n)) {
            ws.status[r] = SolveStatus.NON_FINITE;
            return;
        }
        double h = ws.h[r];
        double hNext = h;
        if (controller != null) {
            double err = controller.errorNorm(ws.err, 0, y, yOff, y, yOff + n, n);
            if (Double.isNaN(err)) {
                ws.status[r] = SolveStatus.NON_FINITE;
                return;
            }
            if (!controller.accepts(err)) {
                ws.rejected++;
                ws.h[r] = hStep * controller.rejectFactor(err);
                ws.known[r] = true;
                return;
            }
            hNext = hStep * controller.acceptFactor(err);
            if (hStep < h) {
                hNext = Math.max(hNext, h);
            }
        }
        ws.stepT[r][j] = ws.t[r];
        ws.stepH[r][j] = hStep;
        ws.recorded[r] = j + 1;
        ws.accepted++;
        if (tab.fsal()) {
            System.arraycopy(k, kOff + (s - 1) * n, k, kOff + s * n, n);
        }
        ws.known[r] = tab.fsal();
        double tEnd = ws.lands[r] ? target(r, times, ws) : ws.t[r] + hStep;
        ws.next[r] = emit(r, times, ws.t[r], hStep, tEnd, out, ws);
        ws.t[r] = tEnd;
        ws.h[r] = hNext;
        if (ws.next[r] >= times.length) {
            ws.status[r] = SolveStatus.SUCCESS;
        }
    }

    /** The time row r's current step may not pass: the last output (dense) or the next one (landing). */
    private double target(int r, double[] times, BatchWorkspace ws) {
        return times[options.interpolates() ? times.length - 1 : ws.next[r]];
    }

    /** Writes row r's outputs up to its newest node at {@code tEnd} (step from t of size h before it). */
    private static int emit(int r, double[] times, double t, double h, double tEnd, double[] out, BatchWorkspace ws) {
        return DenseOutput.emit(ws.tableau, times, times.length, ws.next[r], t, h, tEnd, ws.stepY[r], ws.stepK[r],
                ws.recorded[r], ws.dim, out, ws.outStep[r], ws.outTheta[r], ws.denseW);
    }
}
