package org.neuralode.ode;

import java.util.Arrays;

/**
 * Mutable scratch memory and step record of a {@link Solver}, for one state dimension S and one
 * parameter count P. Owned by exactly one thread (one per Spark task or worker thread) and reused
 * across solves: buffers grow as needed (doubling) and never shrink, so steady-state solves and
 * backward passes allocate nothing. Not thread-safe.
 *
 * <p>The record of the last {@link Solver#solve solve} holds, for each accepted step j: its start
 * time {@code t_j}, size {@code h_j}, the state {@code y_j} at its start and its s stage derivatives;
 * plus, for each output k, its position: a node (the state after {@code outStep[k]} steps, when
 * {@code outTheta[k] = 0}) or a point {@code outTheta[k]} in (0, 1) inside step {@code outStep[k]}
 * ({@link DenseOutput}). {@link Solver#backward} and {@link Solver#replay} read it.
 *
 * <p>Counters (accepted steps, rejected steps, field evaluations, vector-Jacobian products) are
 * cumulative over all solves until {@link #resetCounters()}.
 */
public final class SolverWorkspace {

    private static final int INITIAL_STEPS = 64;

    final int dim;
    final int numParams;

    // step record of the last solve
    double[] stepT = new double[INITIAL_STEPS];
    double[] stepH = new double[INITIAL_STEPS];
    double[] stepY;
    double[] stepK = new double[0];
    /** Per recorded stage, the evaluator's tape ({@code tapeSize} doubles each, stage-major like stepK). */
    double[] stepTape = new double[0];
    int tapeSize;
    int[] outStep = new int[16];
    double[] outTheta = new double[16];
    int recordedSteps;
    int recordedTimes;
    ButcherTableau recordTableau;
    SolveStatus lastStatus;

    // per-step scratch, length S (or s*S)
    final double[] stageIn;
    final double[] stageInBar;
    final double[] err;
    final double[] yBar;
    final double[] replayY;
    final double[] replayYNew;
    double[] kScratch = new double[0];
    double[] kBar = new double[0];
    double[] replayTape = new double[0];
    double[] denseW = new double[0];

    long accepted;
    long rejected;
    long evaluations;
    long vjpEvaluations;

    /**
     * @param dim       number of states S, &gt;= 0
     * @param numParams number of parameters P, &gt;= 0
     */
    public SolverWorkspace(int dim, int numParams) {
        if (dim < 0 || numParams < 0) {
            throw new IllegalArgumentException("dim and numParams must be >= 0: " + dim + ", " + numParams);
        }
        this.dim = dim;
        this.numParams = numParams;
        this.stepY = new double[(INITIAL_STEPS + 1) * dim];
        this.stageIn = new double[dim];
        this.stageInBar = new double[dim];
        this.err = new double[dim];
        this.yBar = new double[dim];
        this.replayY = new double[dim];
        this.replayYNew = new double[dim];
    }

    /** Number of states S. */
    public int dim() {
        return dim;
    }

    /** Number of parameters P. */
    public int numParams() {
        return numParams;
    }

    /** Accepted steps, cumulative since construction or {@link #resetCounters()}. */
    public long acceptedSteps() {
        return accepted;
    }

    /** Rejected steps, cumulative. */
    public long rejectedSteps() {
        return rejected;
    }

    /** Vector-field evaluations ({@code eval} calls, forward solves and replays), cumulative. */
    public long evaluations() {
        return evaluations;
    }

    /** Vector-Jacobian products ({@code vjp} calls, backward passes), cumulative. */
    public long vjpEvaluations() {
        return vjpEvaluations;
    }

    /** Sets all counters to zero; the step record is kept. */
    public void resetCounters() {
        accepted = 0;
        rejected = 0;
        evaluations = 0;
        vjpEvaluations = 0;
    }

    /** Status of the last solve, or null before the first one. */
    public SolveStatus lastStatus() {
        return lastStatus;
    }

    /** Number of accepted steps recorded by the last solve. */
    public int recordedSteps() {
        return recordedSteps;
    }

    /** Start time of recorded step j (0-based, &lt; {@link #recordedSteps()}). */
    public double stepTime(int j) {
        checkStep(j);
        return stepT[j];
    }

    /** Size of recorded step j. */
    public double stepSize(int j) {
        checkStep(j);
        return stepH[j];
    }

    private void checkStep(int j) {
        if (j < 0 || j >= recordedSteps) {
            throw new IndexOutOfBoundsException("step " + j + " of " + recordedSteps);
        }
    }

    /** Starts a new record for a solve with this tableau and number of outputs. */
    void startRecord(ButcherTableau tab, int nTimes, int tapeSize) {
        recordTableau = tab;
        this.tapeSize = tapeSize;
        recordedSteps = 0;
        recordedTimes = nTimes;
        lastStatus = null;
        int s = tab.stages();
        if (outStep.length < nTimes) {
            outStep = new int[Math.max(nTimes, 2 * outStep.length)];
            outTheta = new double[outStep.length];
        }
        if (denseW.length < s) {
            denseW = new double[s];
        }
        if (replayTape.length < s * tapeSize) {
            replayTape = new double[s * tapeSize];
        }
        if (kScratch.length < s * dim) {
            kScratch = new double[s * dim];
            kBar = new double[s * dim];
        }
        ensureSteps(2);
    }

    /** Makes room for {@code steps} recorded steps (stages, times) and {@code steps + 1} states. */
    void ensureSteps(int steps) {
        int s = recordTableau.stages();
        if (stepT.length < steps) {
            int cap = Math.max(steps, 2 * stepT.length);
            stepT = Arrays.copyOf(stepT, cap);
            stepH = Arrays.copyOf(stepH, cap);
        }
        int cap = stepT.length;
        if (stepY.length < (cap + 1) * dim) {
            stepY = Arrays.copyOf(stepY, (cap + 1) * dim);
        }
        if (stepK.length < cap * s * dim) {
            stepK = Arrays.copyOf(stepK, cap * s * dim);
        }
        if (stepTape.length < cap * s * tapeSize) {
            stepTape = Arrays.copyOf(stepTape, cap * s * tapeSize);
        }
    }

    /**
     * Writes the outputs up to {@code tEnd}, the time of the newest recorded node, from output
     * {@code next} on ({@link DenseOutput#emit}; the step before it runs from t with size h).
     */
    int emit(double[] times, int nTimes, int next, double t, double h, double tEnd, double[] out) {
        return DenseOutput.emit(recordTableau, times, nTimes, next, t, h, tEnd, stepY, stepK, recordedSteps, dim, out,
                outStep, outTheta, denseW);
    }

    SolveStatus finish(SolveStatus status) {
        lastStatus = status;
        return status;
    }
}
