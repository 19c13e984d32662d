package org.neuralode.ode.batch;

import java.util.Arrays;
import org.neuralode.ode.ButcherTableau;
import org.neuralode.ode.SolveStatus;

/**
 * Mutable row state, per-row step records and packed stage buffers of a {@link BatchSolver}, for one
 * state dimension S and parameter count P. Owned by exactly one thread and reused across solves:
 * buffers grow (doubling) and never shrink, so steady-state solves and backward passes allocate
 * nothing. Not thread-safe.
 *
 * <p>For every row r the record of the last solve holds, per accepted step j, its start time, size,
 * start state and s stage derivatives (as {@link org.neuralode.ode.SolverWorkspace} does for one
 * trajectory), and per output k its position (a node, or a point inside a step:
 * {@link org.neuralode.ode.DenseOutput}). Memory is
 * about {@code sum_r steps_r * (s+1) * S} doubles.
 *
 * <p>Counters are cumulative until {@link #resetCounters()}: accepted and rejected steps (over all
 * rows), lock-step rounds, field calls and the rows they carried (forward and backward).
 */
public final class BatchWorkspace {

    private static final int INITIAL_STEPS = 16;

    final int dim;
    final int numParams;
    int rows;
    ButcherTableau tableau;

    // row state during a solve
    double[] t = new double[0];
    double[] h = new double[0];
    double[] hStep = new double[0];
    boolean[] lands = new boolean[0];
    boolean[] known = new boolean[0];
    int[] next = new int[0];
    int[] attempts = new int[0];
    int[] nTimes = new int[0];
    SolveStatus[] status = new SolveStatus[0];

    // per-row step records
    double[][] stepT = new double[0][];
    double[][] stepH = new double[0][];
    double[][] stepY = new double[0][];
    double[][] stepK = new double[0][];
    int[][] outStep = new int[0][];
    double[][] outTheta = new double[0][];
    int[] recorded = new int[0];

    // packed buffers for one field call: row index, time, state, result / cotangent, state cotangent
    int[] active = new int[0];
    int[] members = new int[0];
    double[] tIn = new double[0];
    double[] yIn = new double[0];
    double[] kOut = new double[0];
    double[] cotIn = new double[0];
    double[] yInBar = new double[0];
    final double[] err;
    double[] denseW = new double[0];

    // backward state: yBar per row [R*S], kBar per row [R*s*S], current step per row
    double[] yBar = new double[0];
    double[] kBar = new double[0];
    int[] step = new int[0];

    long accepted;
    long rejected;
    long rounds;
    long fieldCalls;
    long fieldRows;
    long vjpCalls;
    long vjpRows;

    /**
     * @param dim       number of states S, &gt;= 1
     * @param numParams number of parameters P, &gt;= 0
     */
    public BatchWorkspace(int dim, int numParams) {
        if (dim < 1 || numParams < 0) {
            throw new IllegalArgumentException("need dim >= 1 and numParams >= 0: " + dim + ", " + numParams);
        }
        this.dim = dim;
        this.numParams = numParams;
        this.err = new double[dim];
    }

    /** Number of states S. */
    public int dim() {
        return dim;
    }

    /** Number of parameters P. */
    public int numParams() {
        return numParams;
    }

    /** Number of rows of the last solve. */
    public int rows() {
        return rows;
    }

    /** Status of row r in the last solve. */
    public SolveStatus status(int r) {
        checkRow(r);
        return status[r];
    }

    /** Accepted steps recorded for row r by the last solve. */
    public int recordedSteps(int r) {
        checkRow(r);
        return recorded[r];
    }

    /** Accepted steps over all rows, cumulative. */
    public long acceptedSteps() {
        return accepted;
    }

    /** Rejected steps over all rows, cumulative. */
    public long rejectedSteps() {
        return rejected;
    }

    /** Lock-step rounds (forward solve rounds plus backward rounds), cumulative. */
    public long rounds() {
        return rounds;
    }

    /** Forward field calls ({@code BatchField.eval}), cumulative. */
    public long fieldCalls() {
        return fieldCalls;
    }

    /** Rows carried by forward field calls, cumulative (each is one vector-field evaluation). */
    public long fieldRows() {
        return fieldRows;
    }

    /** Backward calls ({@code BatchField.vjp}), cumulative. */
    public long vjpCalls() {
        return vjpCalls;
    }

    /** Rows carried by backward calls, cumulative. */
    public long vjpRows() {
        return vjpRows;
    }

    /** Sets the counters to zero; records are kept. */
    public void resetCounters() {
        accepted = 0;
        rejected = 0;
        rounds = 0;
        fieldCalls = 0;
        fieldRows = 0;
        vjpCalls = 0;
        vjpRows = 0;
    }

    private void checkRow(int r) {
        if (r < 0 || r >= rows) {
            throw new IndexOutOfBoundsException("row " + r + " of " + rows);
        }
    }

    /** Sizes the row state and packed buffers for {@code n} rows with this tableau. */
    void start(int n, ButcherTableau tab) {
        rows = n;
        tableau = tab;
        if (t.length < n) {
            int cap = Math.max(n, 2 * t.length);
            t = new double[cap];
            h = new double[cap];
            hStep = new double[cap];
            lands = new boolean[cap];
            known = new boolean[cap];
            next = new int[cap];
            attempts = new int[cap];
            nTimes = new int[cap];
            status = new SolveStatus[cap];
            recorded = new int[cap];
            step = new int[cap];
            active = new int[cap];
            members = new int[cap];
            tIn = new double[cap];
            stepT = Arrays.copyOf(stepT, cap);
            stepH = Arrays.copyOf(stepH, cap);
            stepY = Arrays.copyOf(stepY, cap);
            stepK = Arrays.copyOf(stepK, cap);
            outStep = Arrays.copyOf(outStep, cap);
            outTheta = Arrays.copyOf(outTheta, cap);
            yIn = new double[cap * dim];
            kOut = new double[cap * dim];
            cotIn = new double[cap * dim];
            yInBar = new double[cap * dim];
            yBar = new double[cap * dim];
        }
        int s = tab.stages();
        if (kBar.length < t.length * s * dim) {
            kBar = new double[t.length * s * dim];
        }
        if (denseW.length < s) {
            denseW = new double[s];
        }
        Arrays.fill(status, 0, n, null);
    }

    /** Makes room in row r's record for {@code steps} steps and {@code steps + 1} states. */
    void ensureSteps(int r, int steps) {
        int s = tableau.stages();
        if (stepT[r] == null) {
            int cap = Math.max(INITIAL_STEPS, steps);
            stepT[r] = new double[cap];
            stepH[r] = new double[cap];
            stepY[r] = new double[(cap + 1) * dim];
            stepK[r] = new double[cap * s * dim];
        }
        if (stepT[r].length < steps) {
            int cap = Math.max(steps, 2 * stepT[r].length);
            stepT[r] = Arrays.copyOf(stepT[r], cap);
            stepH[r] = Arrays.copyOf(stepH[r], cap);
        }
        int cap = stepT[r].length;
        if (stepY[r].length < (cap + 1) * dim) {
            stepY[r] = Arrays.copyOf(stepY[r], (cap + 1) * dim);
        }
        if (stepK[r].length < cap * s * dim) {
            stepK[r] = Arrays.copyOf(stepK[r], cap * s * dim);
        }
    }

    /** Makes room for row r's output positions (step and theta) of {@code nTimes} outputs. */
    void ensureOutputs(int r, int nTimes) {
        if (outStep[r] == null || outStep[r].length < nTimes) {
            outStep[r] = new int[Math.max(nTimes, outStep[r] == null ? 4 : 2 * outStep[r].length)];
            outTheta[r] = new double[outStep[r].length];
        }
    }
}
