package org.neuralode.ode.batch;

/**
 * A vector field {@code dy/dt = f(t, y; theta)} evaluated on R rows (independent states, one shared
 * parameter vector) per call, with its vector-Jacobian product.
 *
 * <p>Arrays are row-major: row r's state is {@code y[r*S .. r*S+S)}, its time {@code t[r]}. A call
 * reads and writes only the first {@code rows} rows. Implementations own mutable scratch buffers:
 * an instance belongs to <b>one thread</b> (one per Spark task or worker thread) and is reused across
 * calls; they allocate no arrays per call after warm-up.
 *
 * <p>It lives beside the batched solver that consumes it, so that {@code ode} knows nothing of the network;
 * the MLP implementations are in {@code org.neuralode.nn.batch}.
 */
public interface BatchField {

    /** Number of states S. */
    int dim();

    /** Number of parameters P. */
    int numParams();

    /** The most rows one call accepts ({@link Integer#MAX_VALUE} when unbounded). */
    int maxRows();

    /**
     * Writes {@code f(t[r], y_r; theta)} into {@code out[r*S .. r*S+S)} for {@code r < rows}.
     *
     * @param t     times, length &gt;= rows
     * @param y     states {@code [rows][S]} row-major, length &gt;= rows*S
     * @param theta parameters, length &gt;= P
     * @param out   destination {@code [rows][S]}; must not overlap {@code y}
     * @param rows  number of rows, {@code 0 <= rows <= maxRows()}
     */
    void eval(double[] t, double[] y, double[] theta, double[] out, int rows);

    /**
     * Vector-Jacobian products with cotangents {@code v_r = cot[r*S .. r*S+S)}: <b>accumulates</b>
     * {@code yBar[r*S + j] += (v_r^T df/dy (t_r, y_r))_j} for every row and
     * {@code thetaBar[k] += sum_r (v_r^T df/dtheta (t_r, y_r))_k}. Nothing is overwritten; callers zero
     * the accumulators. The cotangent of t is dropped.
     *
     * @param cot      cotangents {@code [rows][S]}
     * @param yBar     state cotangents {@code [rows][S]}, accumulated
     * @param thetaBar parameter cotangent, length &gt;= P, accumulated (summed over rows)
     */
    void vjp(double[] t, double[] y, double[] theta, double[] cot, double[] yBar, double[] thetaBar, int rows);
}
