package org.neuralode.ode;

import java.util.Arrays;

/**
 * The coefficients of an explicit Runge-Kutta method with s stages, optionally with an embedded
 * lower-order solution for error estimation.
 *
 * <p>Stage i is {@code k_i = f(t + c_i h, y + h sum_{j<i} a_ij k_j)}; the solution is
 * {@code y1 = y + h sum_i b_i k_i} and the local error estimate is {@code e = h sum_i bError_i k_i}
 * with {@code bError = b - bHat}, bHat the embedded weights.
 *
 * <p>The record validates itself on construction (shapes; row sums of {@code a} equal {@code c};
 * {@code sum b = 1}; {@code sum bError = 0}; for FSAL methods the last row of {@code a} equals
 * {@code b} and the last node is 1; all to within {@value #TOLERANCE}). The arrays are copied in and
 * must never be written by callers; instances are immutable and thread-safe.
 *
 * @param name          short lower-case name, e.g. {@code "tsit5"}
 * @param c             nodes, length s, {@code c[0] = 0}
 * @param a             strictly lower-triangular stage matrix: {@code a[i]} has length i
 * @param b             solution weights, length s
 * @param bError        {@code b - bHat}, length s, or null when the method has no embedded pair
 * @param order         order of the solution {@code b}
 * @param embeddedOrder order of the embedded solution {@code bHat}; 0 when {@code bError} is null
 * @param fsal          first-same-as-last: the last stage is {@code f(t + h, y1)}, reusable as the
 *                      first stage of the next step
 * @param dense         coefficients of the continuous extension: {@code dense[i][p-1]} multiplies
 *                      {@code theta^p} in {@code b_i(theta)}, s rows of equal length D; or null when the
 *                      method has none
 */
public record ButcherTableau(String name, double[] c, double[][] a, double[] b, double[] bError,
                             int order, int embeddedOrder, boolean fsal, double[][] dense) {

    /** Absolute tolerance of the consistency checks. */
    public static final double TOLERANCE = 1e-12;

    public ButcherTableau {
        c = c.clone();
        a = Arrays.stream(a).map(double[]::clone).toArray(double[][]::new);
        b = b.clone();
        bError = bError == null ? null : bError.clone();
        dense = dense == null ? null : Arrays.stream(dense).map(double[]::clone).toArray(double[][]::new);
        validate(name, c, a, b, bError, order, embeddedOrder, fsal);
        validateDense(name, b, dense);
    }

    /** A method without a continuous extension. */
    public ButcherTableau(String name, double[] c, double[][] a, double[] b, double[] bError, int order,
                          int embeddedOrder, boolean fsal) {
        this(name, c, a, b, bError, order, embeddedOrder, fsal, null);
    }

    /** Number of stages s. */
    public int stages() {
        return c.length;
    }

    /** Whether the method carries an error estimate, so that steps can be adapted. */
    public boolean embedded() {
        return bError != null;
    }

    /** Whether the method has a continuous extension (dense output). */
    public boolean hasDense() {
        return dense != null;
    }

    /**
     * Writes the dense-output weights {@code b_i(theta)} into {@code w[0..s)} (Horner's scheme; no
     * allocation). Requires {@link #hasDense()}.
     */
    public void denseWeights(double theta, double[] w) {
        for (int i = 0; i < dense.length; i++) {
            double[] p = dense[i];
            double acc = 0.0;
            for (int q = p.length - 1; q >= 0; q--) {
                acc = (acc + p[q]) * theta;
            }
            w[i] = acc;
        }
    }

    /**
     * The same method without its embedded pair ({@code name + "-fixed"}): the solver then takes fixed
     * steps of {@code dt0}. Used for convergence studies of adaptive methods. The continuous extension
     * is kept.
     */
    public ButcherTableau fixedStep() {
        return new ButcherTableau(name + "-fixed", c, a, b, null, order, 0, fsal, dense);
    }

    private static void validate(String name, double[] c, double[][] a, double[] b, double[] bError,
                                 int order, int embeddedOrder, boolean fsal) {
        int s = c.length;
        require(s > 0 && a.length == s && b.length == s, name, "c, a and b must have s > 0 rows");
        require(bError == null || bError.length == s, name, "bError must have length s");
        require(c[0] == 0.0, name, "c[0] must be 0");
        require(order > 0, name, "order must be positive");
        require(bError == null ? embeddedOrder == 0 : embeddedOrder > 0, name,
                "embeddedOrder must be positive iff bError is given");
        for (int i = 0; i < s; i++) {
            require(a[i].length == i, name, "a must be strictly lower triangular (a[" + i + "] of length " + i + ")");
            require(Math.abs(sum(a[i]) - c[i]) <= TOLERANCE, name, "row " + i + " of a does not sum to c[" + i + "]");
        }
        require(Math.abs(sum(b) - 1.0) <= TOLERANCE, name, "b does not sum to 1");
        require(bError == null || Math.abs(sum(bError)) <= TOLERANCE, name, "bError does not sum to 0");
        if (fsal) {
            require(c[s - 1] == 1.0, name, "FSAL method needs c[s-1] = 1");
            for (int j = 0; j < s - 1; j++) {
                require(a[s - 1][j] == b[j], name, "FSAL method needs the last row of a to equal b");
            }
            require(b[s - 1] == 0.0, name, "FSAL method needs b[s-1] = 0");
        }
    }

    private static void validateDense(String name, double[] b, double[][] dense) {
        if (dense == null) {
            return;
        }
        int degree = dense.length == 0 ? 0 : dense[0].length;
        require(dense.length == b.length && degree > 0, name, "dense must have s rows of positive length");
        double[] column = new double[degree];
        for (int i = 0; i < b.length; i++) {
            require(dense[i].length == degree, name, "dense rows must have equal length");
            require(Math.abs(sum(dense[i]) - b[i]) <= TOLERANCE, name, "dense row " + i + " does not sum to b["
                    + i + "] (b_i(1) = b_i)");
            for (int p = 0; p < degree; p++) {
                column[p] += dense[i][p];
            }
        }
        for (int p = 0; p < degree; p++) {
            require(Math.abs(column[p] - (p == 0 ? 1.0 : 0.0)) <= TOLERANCE, name,
                    "dense weights do not sum to theta (column " + p + ")");
        }
    }

    private static double sum(double[] v) {
        double acc = 0;
        for (double x : v) {
            acc += x;
        }
        return acc;
    }

    private static void require(boolean condition, String name, String what) {
        if (!condition) {
            throw new IllegalArgumentException("Butcher tableau '" + name + "': " + what);
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ButcherTableau t && name.equals(t.name) && Arrays.equals(c, t.c)
                && Arrays.deepEquals(a, t.a) && Arrays.equals(b, t.b) && Arrays.equals(bError, t.bError)
                && order == t.order && embeddedOrder == t.embeddedOrder && fsal == t.fsal
                && Arrays.deepEquals(dense, t.dense);
    }

    @Override
    public int hashCode() {
        return name.hashCode() * 31 + Arrays.hashCode(b);
    }

    @Override
    public String toString() {
        return "ButcherTableau[" + name + ", s=" + c.length + ", order=" + order
                + (bError == null ? "" : "(" + embeddedOrder + ")") + (fsal ? ", FSAL" : "") + (dense == null ? "" : ", dense") + "]";
    }
}
