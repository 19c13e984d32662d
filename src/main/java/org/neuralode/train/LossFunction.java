package org.neuralode.train;

/**
 * The training loss over a data set's prefix-truncated trajectories and its gradient, as computed by one
 * engine ({@link LossEvaluator}: the fused per-trajectory JVM kernel; {@link BatchLossEvaluator}: batched
 * rows, JVM or ND4J). All engines compute the same function. One instance per thread.
 */
public interface LossFunction {

    /**
     * Data loss and MAE (no penalties) of trajectories {@code idx[0..count)} (all trajectories when
     * {@code idx} is null) truncated to {@link Phase#keep(int, double)} points, without gradient.
     */
    LossStats loss(double[] theta, TrajectorySet data, int[] idx, int count, double length);

    /**
     * Loss of one batch and its gradient: writes {@code dL/dtheta} (mean 0.5 r^2 over the batch's observed
     * points plus the penalties of {@code phase}) into {@code grad}. When a solve fails the returned stats
     * report it and the gradient is incomplete; the caller skips that update.
     */
    default LossStats lossAndGradient(double[] theta, TrajectorySet data, int[] idx, int count, Phase phase,
                                      double[] grad) {
        return lossAndGradient(theta, data, idx, count, phase, 0L, grad);
    }

    /**
     * As above, with the step's seed: with {@link Phase#temporalDropout()} &gt; 0 it decides which time
     * points the step leaves out (the same seed, the same points).
     */
    LossStats lossAndGradient(double[] theta, TrajectorySet data, int[] idx, int count, Phase phase, long seed,
                              double[] grad);

    /** Accepted solver steps so far (cumulative). */
    long acceptedSteps();

    /** Rejected solver steps so far (cumulative). */
    long rejectedSteps();
}
