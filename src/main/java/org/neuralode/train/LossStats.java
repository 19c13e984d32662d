package org.neuralode.train;

import java.io.Serializable;
import org.neuralode.ode.SolveStatus;

/**
 * Sums over the observed points of some trajectories: squared and absolute residuals, point count and
 * failed solves. Mergeable (Spark aggregates it); the loss is {@code 0.5 * sumSq / n} and the MAE
 * {@code sumAbs / n}, penalties excluded.
 */
public final class LossStats implements Serializable {

    private static final long serialVersionUID = 1L;

    double sumSq;
    double sumAbs;
    long points;
    int failures;
    SolveStatus firstFailure;

    /** Mean 0.5 r^2 over the observed points (NaN when there are none or a solve failed). */
    public double loss() {
        return failures > 0 || points == 0 ? Double.NaN : 0.5 * sumSq / points;
    }

    /** Mean |r| over the observed points (NaN when there are none or a solve failed). */
    public double mae() {
        return failures > 0 || points == 0 ? Double.NaN : sumAbs / points;
    }

    /** Number of observed points summed. */
    public long points() {
        return points;
    }

    /** Number of trajectories whose solve failed. */
    public int failures() {
        return failures;
    }

    /** Status of the first failed solve, or null. */
    public SolveStatus firstFailure() {
        return firstFailure;
    }

    /** Adds another's sums into this one and returns this. */
    public LossStats merge(LossStats o) {
        sumSq += o.sumSq;
        sumAbs += o.sumAbs;
        points += o.points;
        if (firstFailure == null) {
            firstFailure = o.firstFailure;
        }
        failures += o.failures;
        return this;
    }

    /**
     * Adds the residuals {@code predicted - observed} of the observed points among the first {@code n}
     * values; with {@code bar} set also writes {@code scale * r} there (0 where the point is missing).
     */
    void add(double[] predicted, double[] observed, int n, double[] bar, double scale) {
        for (int j = 0; j < n; j++) {
            double y = observed[j];
            if (Double.isNaN(y)) {
                if (bar != null) {
                    bar[j] = 0.0;
                }
                continue;
            }
            double r = predicted[j] - y;
            sumSq += r * r;
            sumAbs += Math.abs(r);
            points++;
            if (bar != null) {
                bar[j] = scale * r;
            }
        }
    }

    /** Observed (non-NaN) values in the prefixes of trajectories {@code idx[0..count)} cut to {@code length}. */
    static long observedPoints(TrajectorySet data, int[] idx, int count, double length) {
        long c = 0;
        for (int b = 0; b < count; b++) {
            int i = idx[b];
            double[] observed = data.observed(i);
            int n = Phase.keep(data.times(i).length, length) * data.dim();
            for (int j = 0; j < n; j++) {
                if (!Double.isNaN(observed[j])) {
                    c++;
                }
            }
        }
        return c;
    }

    void fail(SolveStatus status) {
        failures++;
        if (firstFailure == null) {
            firstFailure = status;
        }
    }
}
