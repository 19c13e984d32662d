package org.neuralode.eval;

/**
 * The Catalax metric set (Catalax's metrics, Dataset.metrics) of a prediction against observed data.
 *
 * <p>Arrays are flattened observed points y and predictions yhat of equal length; {@code NaN} in y marks a
 * missing point and is excluded everywhere (n counts only observed points). A non-finite prediction at an
 * observed point throws {@link IllegalStateException} naming the index: callers must check the solve
 * status before computing metrics, a failed solve is never silently scored on the points that survived.
 * Stateless and thread-safe.
 *
 * <p>The single-array path and {@link MetricAccumulator} share one implementation, so
 * {@code compute(y, yhat, k)} equals {@code new MetricAccumulator().add(y, yhat).result(k)} bit for bit.
 */
public final class Metrics {

    /** Lower bound of chi-square per point, as lmfit and Catalax do, so that ln(X2/n) stays finite. */
    static final double CHI_SQUARE_FLOOR_PER_POINT = 1e-250;

    private Metrics() {
    }

    /**
     * Metrics of flattened observations.
     *
     * @param observed    y, length n_total, NaN = missing (units of concentration)
     * @param predicted   yhat, same length; may be anything (even NaN) where y is missing
     * @param nParameters k &gt;= 0, number of fitted parameters (for reduced chi-square, AIC, BIC)
     * @return the metric set; metrics undefined for the data are NaN (see {@link MetricSet})
     * @throws IllegalArgumentException if lengths differ, k &lt; 0, or an observation is infinite
     * @throws IllegalStateException    if a prediction at an observed point is NaN or infinite
     */
    public static MetricSet compute(double[] observed, double[] predicted, int nParameters) {
        return new MetricAccumulator().add(observed, predicted).result(nParameters);
    }

    /**
     * Metrics of one measurement in the project's matrix layout.
     *
     * @param observed    y as {@code [nTimes][nStates]}, NaN = missing
     * @param predicted   yhat as {@code [nTimes][nStates]}
     * @param nParameters k &gt;= 0
     * @return the metric set
     * @throws IllegalArgumentException if shapes differ, k &lt; 0, or an observation is infinite
     * @throws IllegalStateException    if a prediction at an observed point is not finite; the message
     *                                  names {@code [t][s]}
     */
    public static MetricSet compute(double[][] observed, double[][] predicted, int nParameters) {
        return new MetricAccumulator().add(observed, predicted).result(nParameters);
    }

    /**
     * Assembles the metric set from sufficient statistics (the formulas of Catalax's Dataset.metrics).
     *
     * @param n       number of observed points
     * @param k       number of parameters
     * @param sumR2   sum of squared residuals (unfloored)
     * @param sumAbsR sum of absolute residuals
     * @param sumAbsY sum of absolute observations
     * @param ssTot   sum of squared deviations of y from its mean
     */
    static MetricSet fromSums(long n, int k, double sumR2, double sumAbsR, double sumAbsY, double ssTot) {
        if (k < 0) {
            throw new IllegalArgumentException("nParameters must be >= 0, got " + k);
        }
        if (n == 0) {
            double nan = Double.NaN;
            return new MetricSet(0, k, nan, nan, nan, nan, nan, nan, nan, nan);
        }
        double chiSquare = Math.max(sumR2, CHI_SQUARE_FLOOR_PER_POINT * n);
        double logLikelihoodTerm = n * Math.log(chiSquare / n);
        return new MetricSet(n, k,
                0.5 * sumR2 / n,
                sumAbsR / n,
                chiSquare,
                chiSquare / Math.max(1, n - k),
                sumAbsY > 0 ? sumAbsR / sumAbsY : Double.NaN,
                logLikelihoodTerm + 2.0 * k,
                logLikelihoodTerm + Math.log(n) * k,
                ssTot > 0 ? 1.0 - sumR2 / ssTot : Double.NaN);
    }
}
