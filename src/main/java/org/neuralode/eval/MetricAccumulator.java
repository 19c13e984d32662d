package org.neuralode.eval;

import java.io.Serializable;

/**
 * Mergeable sufficient statistics for {@link MetricSet}: add many measurements (or partitions of them),
 * merge accumulators in any order, and read the metrics once at the end. The result equals
 * {@link Metrics#compute(double[], double[], int)} on the concatenated arrays up to rounding (a relative
 * few 1e-16 per merge; the order of additions only changes rounding).
 *
 * <p>Statistics held: n, sum r^2, sum |r|, sum |y| (plain sums of non-negative terms: no cancellation,
 * relative error at most about n * 1.1e-16), and for R^2 the mean of y and M2 = sum (y - mean)^2.
 *
 * <p><b>Cancellation.</b> The textbook form M2 = sum y^2 - n mean^2 subtracts two nearly equal numbers
 * when the spread of y is small against its mean (relative error about eps * (mean/std)^2: already 1e-6
 * for concentrations of 1e4 +- 1). Instead each added array is reduced by two passes (its own mean, then
 * squared deviations from it), and arrays and accumulators are combined with the pairwise update of
 * Chan, Golub and LeVeque (1979), "Updating formulae and a pairwise algorithm for computing sample
 * variances": {@code M2 = M2a + M2b + delta^2 na nb / n}, {@code delta = mean_b - mean_a}, which never
 * forms the large sums.
 *
 * <p>Mutable and <b>not thread-safe</b>: one instance per task; {@link #add} and {@link #merge} modify this
 * instance and return it, as Spark's {@code treeAggregate(zero, seqOp, combOp)} expects. Serializable with
 * plain primitive fields, so it travels in Spark closures and results.
 */
public final class MetricAccumulator implements Serializable {

    private static final long serialVersionUID = 1L;

    private long n;
    private double meanY;
    private double m2Y;
    private double sumR2;
    private double sumAbsR;
    private double sumAbsY;

    /** An empty accumulator (n = 0), the zero of {@link #merge}. */
    public MetricAccumulator() {
    }

    /**
     * Adds flattened observations of one measurement (or any chunk of points).
     *
     * @param observed  y, NaN = missing point (skipped)
     * @param predicted yhat, same length
     * @return this
     * @throws IllegalArgumentException if lengths differ or an observation is infinite
     * @throws IllegalStateException    if a prediction at an observed point is not finite (names the index);
     *                                  this accumulator is then unchanged
     */
    public MetricAccumulator add(double[] observed, double[] predicted) {
        checkLengths(observed, predicted, "");
        return addChunk(observed, predicted, -1);
    }

    /**
     * Adds one measurement in matrix layout.
     *
     * @param observed  y as {@code [nTimes][nStates]}, NaN = missing
     * @param predicted yhat as {@code [nTimes][nStates]}
     * @return this
     * @throws IllegalArgumentException if shapes differ or an observation is infinite
     * @throws IllegalStateException    if a prediction at an observed point is not finite (names {@code [t][s]});
     *                                  the rows before the failing one stay added
     */
    public MetricAccumulator add(double[][] observed, double[][] predicted) {
        if (observed.length != predicted.length) {
            throw new IllegalArgumentException("observed has " + observed.length
                    + " time points but predicted has " + predicted.length);
        }
        for (int t = 0; t < observed.length; t++) {
            checkLengths(observed[t], predicted[t], " at time index " + t);
            addChunk(observed[t], predicted[t], t);
        }
        return this;
    }

    /**
     * Merges another accumulator into this one; {@code other} is left unchanged.
     *
     * @param other statistics of disjoint points
     * @return this
     */
    public MetricAccumulator merge(MetricAccumulator other) {
        combine(other.n, other.meanY, other.m2Y);
        sumR2 += other.sumR2;
        sumAbsR += other.sumAbsR;
        sumAbsY += other.sumAbsY;
        return this;
    }

    /**
     * The metrics of all points added and merged so far.
     *
     * @param nParameters k &gt;= 0
     * @return the metric set (all metrics NaN when no point was observed)
     */
    public MetricSet result(int nParameters) {
        return Metrics.fromSums(n, nParameters, sumR2, sumAbsR, sumAbsY, m2Y);
    }

    /** Number of observed points so far. */
    public long count() {
        return n;
    }

    /** Reduces one chunk locally (so a throw leaves this accumulator unchanged), then combines it. */
    private MetricAccumulator addChunk(double[] y, double[] yhat, int row) {
        long count = 0;
        double sumY = 0;
        double chunkR2 = 0;
        double chunkAbsR = 0;
        double chunkAbsY = 0;
        for (int i = 0; i < y.length; i++) {
            if (Double.isNaN(y[i])) {
                continue;
            }
            if (Double.isInfinite(y[i])) {
                throw new IllegalArgumentException("observed" + location(row, i) + " is " + y[i]);
            }
            if (!Double.isFinite(yhat[i])) {
                throw new IllegalStateException("predicted" + location(row, i) + " is " + yhat[i]
                        + " at an observed point; check the solve status before computing metrics");
            }
            double r = y[i] - yhat[i];
            count++;
            sumY += y[i];
            chunkAbsY += Math.abs(y[i]);
            chunkR2 += r * r;
            chunkAbsR += Math.abs(r);
        }
        if (count == 0) {
            return this;
        }
        double chunkMean = sumY / count;
        double chunkM2 = 0;
        for (double v : y) {
            if (!Double.isNaN(v)) {
                double d = v - chunkMean;
                chunkM2 += d * d;
            }
        }
        combine(count, chunkMean, chunkM2);
        sumR2 += chunkR2;
        sumAbsR += chunkAbsR;
        sumAbsY += chunkAbsY;
        return this;
    }

    /** Chan-Golub-LeVeque pairwise update of (n, mean, M2). */
    private void combine(long nb, double meanB, double m2B) {
        if (nb == 0) {
            return;
        }
        if (n == 0) {
            n = nb;
            meanY = meanB;
            m2Y = m2B;
            return;
        }
        long total = n + nb;
        double delta = meanB - meanY;
        double fractionB = (double) nb / total;
        meanY += delta * fractionB;
        m2Y += m2B + delta * delta * n * fractionB;
        n = total;
    }

    private static void checkLengths(double[] observed, double[] predicted, String where) {
        if (observed.length != predicted.length) {
            throw new IllegalArgumentException("observed has " + observed.length + " values but predicted has "
                    + predicted.length + where);
        }
    }

    private static String location(int row, int i) {
        return row < 0 ? "[" + i + "]" : "[" + row + "][" + i + "]";
    }
}
