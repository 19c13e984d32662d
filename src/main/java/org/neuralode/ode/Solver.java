package org.neuralode.ode;

import java.util.Arrays;

/**
 * Explicit Runge-Kutta ODE solver with outputs at given times and a discretise-then-optimise
 * gradient.
 *
 * <p>Forward: integrates {@code dy/dt = f(t, y; theta)} from {@code t0}. With an embedded tableau the
 * step size is adapted by the {@link IController}; otherwise steps are {@code dt0}. With
 * {@link SolverOptions.SaveAt#DENSE} (and a tableau with a continuous extension) steps go where the
 * controller puts them, only the last one is clipped to end at the last output time, and an output
 * inside a step is the step's dense output ({@link DenseOutput}), as diffrax's {@code SaveAt(ts=...)}
 * does; with {@link SolverOptions.SaveAt#LAND} (or RK4, Euler) every step that would pass the next
 * output time is clipped to land on it. Every accepted step is recorded in the
 * {@link SolverWorkspace}. Failures are returned as a {@link SolveStatus}, never thrown.
 *
 * <p>Backward: reverse-mode differentiation of the recorded discrete computation with the step
 * sizes held constant (as diffrax's {@code RecursiveCheckpointAdjoint} and Catalax do), so the
 * gradient equals the derivative of {@link #replay} exactly (up to rounding), which the tests check
 * against central finite differences.
 *
 * <p>The solver holds only its immutable options: one instance is safe to share across threads
 * and Spark tasks; each thread brings its own workspace and evaluator. No allocation per step.
 *
 * <p>Modelled on Hipparchus' {@code EmbeddedRungeKuttaIntegrator} and diffrax's
 * {@code AbstractRungeKutta} with {@code PIDController} (I-coefficients) and
 * {@code SaveAt(ts=...)}.
 */
public final class Solver {

    /** A step within this relative distance of its target time (next or last output) is stretched onto it. */
    private static final double LANDING_SLACK = 1e-10;

    /**
     * Whether a step of size {@code h} reaches a target {@code remaining} away, and so is taken as exactly
     * {@code remaining}: it would pass the target or fall short of it by less than a relative 1e-10 (which
     * would leave a sliver of a step). Shared with the batched solver.
     */
    public static boolean reaches(double h, double remaining) {
        return h >= remaining * (1 - LANDING_SLACK);
    }

    private final SolverOptions options;
    private final IController controller;

    /** A solver for these options (for an embedded tableau, with an {@link IController} from them). */
    public Solver(SolverOptions options) {
        this.options = options;
        this.controller = options.tableau().embedded() ? IController.of(options) : null;
    }

    /** The options this solver was built with. */
    public SolverOptions options() {
        return options;
    }

    /**
     * Integrates from {@code (t0, y0)} and writes the state at each output time.
     *
     * @param f      evaluator of the vector field (S states, P parameters), owned by this thread
     * @param theta  parameters, length &gt;= P
     * @param y0     initial state, length &gt;= S
     * @param t0     start time, {@code t0 <= times[0]}
     * @param times  output times, non-decreasing, finite; only the first {@code nTimes} are used
     * @param nTimes number of outputs
     * @param out    receives {@code y(times[k])} at {@code out[k*S + i]}; length &gt;= nTimes*S.
     *               Entries for outputs not reached before a failure are left untouched.
     * @param ws     this thread's workspace for S and P; its step record is overwritten
     * @return SUCCESS, or MAX_STEPS (more than {@code maxSteps} attempts), NON_FINITE (a stage or state
     *         became NaN/infinite) or STEP_TOO_SMALL (the step no longer advances t)
     */
    public SolveStatus solve(VectorField.Evaluator f, double[] theta, double[] y0, double t0,
                             double[] times, int nTimes, double[] out, SolverWorkspace ws) {
        int n = ws.dim;
        checkSolveArguments(theta, y0, t0, times, nTimes, out, ws);
        ButcherTableau tab = options.tableau();
        int s = tab.stages();
        boolean dense = options.interpolates();
        ws.startRecord(tab, nTimes, f.tapeSize());
        System.arraycopy(y0, 0, ws.stepY, 0, n);
        if (!RkCombination.finite(y0, 0, n)) {
            return ws.finish(SolveStatus.NON_FINITE);
        }
        double t = t0;
        int next = ws.emit(times, nTimes, 0, t, 0.0, t, out);
        double h = options.initialStep(t0, times, nTimes);
        boolean knownFirstStage = false;
        int attempts = 0;
        while (next < nTimes) {
            if (attempts >= options.maxSteps()) {
                return ws.finish(SolveStatus.MAX_STEPS);
            }
            if (!(t + h > t)) {
                return ws.finish(SolveStatus.STEP_TOO_SMALL);
            }
            double target = times[dense ? nTimes - 1 : next];
            double remaining = target - t;
            boolean lands = reaches(h, remaining);
            double hStep = lands ? remaining : h;
            int j = ws.recordedSteps;
            ws.ensureSteps(j + 2);
            int yOff = j * n;
            int kOff = j * s * n;
            boolean finite = RungeKuttaStepper.step(f, theta, tab, t, hStep, ws.stepY, yOff, ws.stepK, kOff,
                    knownFirstStage, ws.stepY, yOff + n, ws.err, ws.stageIn, n, ws.stepTape, j * s * ws.tapeSize);
            ws.evaluations += knownFirstStage ? s - 1 : s;
            attempts++;
            if (!finite) {
                return ws.finish(SolveStatus.NON_FINITE);
            }
            double hNext = h;
            if (controller != null) {
                double err = controller.errorNorm(ws.err, 0, ws.stepY, yOff, ws.stepY, yOff + n, n);
                if (Double.isNaN(err)) {
                    return ws.finish(SolveStatus.NON_FINITE);
                }
                if (!controller.accepts(err)) {
                    ws.rejected++;
                    h = hStep * controller.rejectFactor(err);
                    knownFirstStage = true; // stage 0 is still f(t, y_j)
                    continue;
                }
                hNext = hStep * controller.acceptFactor(err);
                if (hStep < h) {
                    hNext = Math.max(hNext, h); // continue from the unclipped proposal
                }
            }
            ws.stepT[j] = t;
            ws.stepH[j] = hStep;
            ws.recordedSteps = j + 1;
            ws.accepted++;
            if (tab.fsal()) {
                System.arraycopy(ws.stepK, kOff + (s - 1) * n, ws.stepK, kOff + s * n, n);
                int ts = ws.tapeSize;
                System.arraycopy(ws.stepTape, (j * s + s - 1) * ts, ws.stepTape, (j + 1) * s * ts, ts);
            }
            knownFirstStage = tab.fsal();
            double tEnd = lands ? target : t + hStep;
            next = ws.emit(times, nTimes, next, t, hStep, tEnd, out);
            t = tEnd;
            h = hNext;
        }
        return ws.finish(SolveStatus.SUCCESS);
    }

    /**
     * Reverse sweep through the steps recorded by the last (successful) {@link #solve} on {@code ws}.
     * Given the cotangent {@code outBar[k*S + i] = dLoss/d out[k*S + i]}, <b>accumulates</b>
     * {@code dLoss/dtheta} into {@code thetaBar[0..P)} and, when {@code y0Bar} is not null,
     * {@code dLoss/dy0} into {@code y0Bar[0..S)}. Step sizes, times and the outputs' positions inside
     * their steps are constants; an interpolated output's cotangent flows into its step's stages
     * (weights {@code h b_i(theta)}) and start state. {@code theta} must be the parameters of that solve.
     *
     * @throws IllegalStateException if the last solve on {@code ws} did not succeed
     */
    public void backward(VectorField.Evaluator f, double[] theta, double[] outBar, double[] y0Bar,
                         double[] thetaBar, SolverWorkspace ws) {
        requireRecord(ws);
        int n = ws.dim;
        if (outBar.length < ws.recordedTimes * n || thetaBar.length < ws.numParams
                || (y0Bar != null && y0Bar.length < n)) {
            throw new IllegalArgumentException("outBar, thetaBar or y0Bar too short");
        }
        ButcherTableau tab = ws.recordTableau;
        int s = tab.stages();
        double[] yBar = ws.yBar;
        Arrays.fill(yBar, 0.0);
        int next = ws.recordedTimes - 1;
        for (int j = ws.recordedSteps - 1; j >= 0; j--) {
            double h = ws.stepH[j];
            next = DenseOutput.addNodeCotangents(j + 1, next, ws.outStep, ws.outTheta, outBar, yBar, 0, n);
            RkCombination.seedStageCotangents(tab.b(), s, h, yBar, 0, ws.kBar, 0, n);
            next = DenseOutput.addInteriorCotangents(tab, j, h, next, ws.outStep, ws.outTheta, outBar, yBar, 0,
                    ws.kBar, 0, n, ws.denseW);
            ws.vjpEvaluations += RungeKuttaStepper.stepVjp(f, theta, tab, ws.stepT[j], h, ws.stepY, j * n,
                    ws.stepK, j * s * n, yBar, ws.kBar, ws.stageIn, ws.stageInBar, thetaBar, n, ws.stepTape,
                    j * s * ws.tapeSize, ws.tapeSize);
        }
        DenseOutput.addNodeCotangents(0, next, ws.outStep, ws.outTheta, outBar, yBar, 0, n);
        if (y0Bar != null) {
            for (int i = 0; i < n; i++) {
                y0Bar[i] += yBar[i];
            }
        }
    }

    /**
     * Re-integrates with exactly the step sequence (times and sizes) recorded by the last successful
     * {@link #solve} on {@code ws}, without error control, for new {@code theta} or {@code y0}: the
     * discrete function whose derivative {@link #backward} computes (stage 0 of every step is evaluated
     * afresh at {@code (t_j, y_j)}; outputs inside a step are interpolated at their recorded
     * {@code theta}). Writes the same outputs as that solve into {@code out}. The recorded trajectory is
     * left untouched, so {@code backward} still refers to the original solve.
     *
     * @return SUCCESS or NON_FINITE
     */
    public SolveStatus replay(VectorField.Evaluator f, double[] theta, double[] y0, double[] out,
                              SolverWorkspace ws) {
        requireRecord(ws);
        int n = ws.dim;
        ButcherTableau tab = ws.recordTableau;
        double[] y = ws.replayY;
        double[] yNew = ws.replayYNew;
        System.arraycopy(y0, 0, y, 0, n);
        int next = writeReplayOutputs(0, 0, y, out, ws);
        for (int j = 0; j < ws.recordedSteps; j++) {
            double h = ws.stepH[j];
            boolean finite = RungeKuttaStepper.step(f, theta, tab, ws.stepT[j], h, y, 0,
                    ws.kScratch, 0, false, yNew, 0, null, ws.stageIn, n, ws.replayTape, 0);
            ws.evaluations += tab.stages();
            if (!finite) {
                return SolveStatus.NON_FINITE;
            }
            while (next < ws.recordedTimes && ws.outStep[next] == j && ws.outTheta[next] != 0.0) {
                DenseOutput.interpolate(tab, ws.outTheta[next], h, y, 0, ws.kScratch, 0, n, ws.denseW, out, next * n);
                next++;
            }
            System.arraycopy(yNew, 0, y, 0, n);
            next = writeReplayOutputs(j + 1, next, y, out, ws);
        }
        return SolveStatus.SUCCESS;
    }

    /** Copies {@code y}, the state at node {@code node}, to the outputs recorded there. */
    private static int writeReplayOutputs(int node, int next, double[] y, double[] out, SolverWorkspace ws) {
        int n = ws.dim;
        while (next < ws.recordedTimes && ws.outStep[next] == node && ws.outTheta[next] == 0.0) {
            System.arraycopy(y, 0, out, next * n, n);
            next++;
        }
        return next;
    }

    private static void requireRecord(SolverWorkspace ws) {
        if (ws.lastStatus != SolveStatus.SUCCESS) {
            throw new IllegalStateException("no successful solve recorded in this workspace (last status: "
                    + ws.lastStatus + ")");
        }
    }

    private static void checkSolveArguments(double[] theta, double[] y0, double t0, double[] times,
                                            int nTimes, double[] out, SolverWorkspace ws) {
        int n = ws.dim;
        if (theta.length < ws.numParams || y0.length < n || nTimes < 0 || times.length < nTimes
                || out.length < nTimes * n) {
            throw new IllegalArgumentException("array too short: theta " + theta.length + " (P=" + ws.numParams
                    + "), y0 " + y0.length + " (S=" + n + "), times " + times.length + " for nTimes " + nTimes
                    + ", out " + out.length);
        }
        double prev = t0;
        for (int k = 0; k < nTimes; k++) {
            if (!Double.isFinite(times[k]) || times[k] < prev) {
                throw new IllegalArgumentException("output times must be finite, non-decreasing and >= t0 ("
                        + t0 + "): times[" + k + "] = " + times[k]);
            }
            prev = times[k];
        }
        if (!Double.isFinite(t0)) {
            throw new IllegalArgumentException("t0 must be finite: " + t0);
        }
    }
}
