package org.neuralode.spark.avg;

import java.io.Serializable;
import java.util.Arrays;

/**
 * Exact sums of a vector of doubles: each component keeps its running sum as a short list of
 * non-overlapping partials (Shewchuk's expansions, "Adaptive Precision Floating-Point Arithmetic and Fast
 * Robust Geometric Predicates", 1997, as in Python's {@code math.fsum}), and {@link #value} rounds the
 * exact total once, to nearest-even.
 *
 * <p>Why: Spark merges partition results in the order tasks finish, and rounded floating-point sums
 * depend on that order. An exact sum does not, so the averaged parameters never depend on scheduling,
 * and a one-term sum returns its term unchanged (so one partition reproduces local training to the bit).
 *
 * <p>Values must be finite (the caller checks; overflow of the partials is not handled). Mutable, not
 * thread-safe; serialisable (a Spark aggregate).
 */
final class ExactSum implements Serializable {

    private static final long serialVersionUID = 1L;
    private static final double[] EMPTY = new double[0];

    /** partials[i]: non-overlapping, increasing magnitude; their exact sum is component i's total. */
    private final double[][] partials;

    /** A zero sum of {@code n} components. */
    ExactSum(int n) {
        partials = new double[n][];
        Arrays.fill(partials, EMPTY);
    }

    /** Number of components. */
    int size() {
        return partials.length;
    }

    /** Adds {@code w * x[i]} (the product rounded once, as plain Java computes it) to every component. */
    ExactSum addScaled(double w, double[] x) {
        for (int i = 0; i < partials.length; i++) {
            add(i, w * x[i]);
        }
        return this;
    }

    /** Adds {@code x} to component {@code i} exactly. */
    void add(int i, double x) {
        double[] p = partials[i];
        double[] out = new double[p.length + 1];
        int n = 0;
        for (double y : p) {
            if (Math.abs(x) < Math.abs(y)) {
                double t = x;
                x = y;
                y = t;
            }
            double hi = x + y;
            double lo = y - (hi - x);
            if (lo != 0.0) {
                out[n++] = lo;
            }
            x = hi;
        }
        out[n++] = x;
        partials[i] = n == out.length ? out : Arrays.copyOf(out, n);
    }

    /** Adds every partial of {@code other} (same size) into this one; {@code other} is unchanged. */
    ExactSum merge(ExactSum other) {
        if (other.partials.length != partials.length) {
            throw new IllegalArgumentException("sizes differ: " + partials.length + " and " + other.partials.length);
        }
        for (int i = 0; i < partials.length; i++) {
            for (double x : other.partials[i]) {
                add(i, x);
            }
        }
        return this;
    }

    /** The exact total of component {@code i}, correctly rounded (0.0 when nothing was added). */
    double value(int i) {
        double[] p = partials[i];
        int n = p.length;
        if (n == 0) {
            return 0.0;
        }
        double hi = p[--n];
        double lo = 0.0;
        while (n > 0) {
            double x = hi;
            double y = p[--n];
            hi = x + y;
            double yr = hi - x;
            lo = y - yr;
            if (lo != 0.0) {
                break;
            }
        }
        // Round half to even across the remaining partials (fsum's correction): if the rounding of
        // hi + lo was a tie broken against the sign of the next partial, move hi by one step.
        if (n > 0 && ((lo < 0 && p[n - 1] < 0) || (lo > 0 && p[n - 1] > 0))) {
            double y = lo * 2;
            double x = hi + y;
            double yr = x - hi;
            if (y == yr) {
                hi = x;
            }
        }
        return hi;
    }

    /** All components' totals. */
    double[] values() {
        double[] v = new double[partials.length];
        for (int i = 0; i < v.length; i++) {
            v[i] = value(i);
        }
        return v;
    }
}
