package org.neuralode.model;

/**
 * The map from an unconstrained fitted value {@code u} to a parameter {@code p} that keeps it within its
 * bounds: both bounds finite, {@code p = lo + (hi - lo) * sigmoid(u)}; a lower bound only,
 * {@code p = lo + exp(u)} (a positive parameter, {@code lo = 0}, is fitted in log space); an upper bound only,
 * {@code p = hi - exp(-u)}; none, {@code p = u}. Immutable.
 *
 * @param lower lower bound or {@code -Infinity}
 * @param upper upper bound or {@code +Infinity}
 */
record ParameterTransform(double lower, double upper) {

    /**
     * The transform for a parameter with these fitting settings that starts at {@code start}: a parameter
     * with no bounds and a positive start is taken to be positive (lower bound 0).
     */
    static ParameterTransform of(FitSettings s, double start) {
        boolean unbounded = Double.isInfinite(s.lower()) && Double.isInfinite(s.upper());
        return unbounded && start > 0 ? new ParameterTransform(0.0, Double.POSITIVE_INFINITY)
                : new ParameterTransform(s.lower(), s.upper());
    }

    /** Whether {@code p} lies strictly inside the bounds (where {@link #inverse} is defined). */
    boolean admits(double p) {
        return p > lower && p < upper;
    }

    /** The parameter of unconstrained value {@code u}. */
    double apply(double u) {
        boolean lo = Double.isFinite(lower);
        boolean hi = Double.isFinite(upper);
        if (lo && hi) {
            return lower + (upper - lower) / (1.0 + Math.exp(-u));
        }
        if (lo) {
            return lower + Math.exp(u);
        }
        return hi ? upper - Math.exp(-u) : u;
    }

    /** {@code dp/du} at the parameter value {@code p = apply(u)}. */
    double derivative(double p) {
        boolean lo = Double.isFinite(lower);
        boolean hi = Double.isFinite(upper);
        if (lo && hi) {
            return (p - lower) * (upper - p) / (upper - lower);
        }
        if (lo) {
            return p - lower;
        }
        return hi ? upper - p : 1.0;
    }

    /** The unconstrained value of parameter {@code p} (inside the bounds). */
    double inverse(double p) {
        boolean lo = Double.isFinite(lower);
        boolean hi = Double.isFinite(upper);
        if (lo && hi) {
            return Math.log((p - lower) / (upper - p));
        }
        if (lo) {
            return Math.log(p - lower);
        }
        return hi ? -Math.log(upper - p) : p;
    }
}
