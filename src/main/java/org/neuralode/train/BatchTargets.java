package org.neuralode.train;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * The observations a training step fits, per member of its batch: the trajectory's own, or with temporal
 * dropout ({@link Phase#temporalDropout()} = p &gt; 0) a copy in which every time point after the first of the
 * kept prefix is dropped (set to NaN: unobserved) with probability p, independently, from a generator
 * seeded by the step. The count of the points left is the loss's denominator. Owns its buffers (one per
 * engine instance, reused; no allocation once warm but the step's generator); not thread-safe.
 */
final class BatchTargets {

    private double[][] targets = new double[0][];
    private double[][] buffers = new double[0][];
    private long points;

    /**
     * Prepares the observations of trajectories {@code idx[0..count)} for a step of {@code phase}.
     *
     * @param seed the step's seed (the same seed drops the same points)
     */
    void prepare(TrajectorySet data, int[] idx, int count, Phase phase, long seed) {
        if (targets.length < count) {
            targets = new double[count][];
            double[][] grown = new double[count][];
            System.arraycopy(buffers, 0, grown, 0, buffers.length);
            buffers = grown;
        }
        if (phase.temporalDropout() == 0) {
            for (int b = 0; b < count; b++) {
                targets[b] = data.observed(idx[b]);
            }
            points = LossStats.observedPoints(data, idx, count, phase.length());
            return;
        }
        SplittableRandom rng = new SplittableRandom(seed);
        int dim = data.dim();
        points = 0;
        for (int b = 0; b < count; b++) {
            int i = idx[b];
            int keep = phase.keep(data.times(i).length);
            double[] observed = data.observed(i);
            if (buffers[b] == null || buffers[b].length < keep * dim) {
                buffers[b] = new double[observed.length];
            }
            double[] t = buffers[b];
            System.arraycopy(observed, 0, t, 0, keep * dim);
            for (int k = 1; k < keep; k++) {
                if (rng.nextDouble() < phase.temporalDropout()) {
                    Arrays.fill(t, k * dim, (k + 1) * dim, Double.NaN);
                }
            }
            for (int j = 0; j < keep * dim; j++) {
                points += Double.isNaN(t[j]) ? 0 : 1;
            }
            targets[b] = t;
        }
    }

    /** The observations of batch member {@code b} ({@code [T][S]} row-major; only the kept prefix is valid). */
    double[] observed(int b) {
        return targets[b];
    }

    /** Observed points left in the batch's prefixes. */
    long points() {
        return points;
    }
}
