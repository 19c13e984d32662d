package org.neuralode.spark.avg;

import java.io.Serializable;
import java.util.Arrays;
import java.util.List;
import org.neuralode.train.AdaBelief;
import org.neuralode.train.MonitorSums;
import org.neuralode.train.PhaseSteps;
import org.neuralode.train.StepCounts;

/**
 * The mergeable aggregate of one averaging round: shard-size-weighted exact sums of every partition's
 * parameters, AdaBelief moments and update count; summed step counters; per step of the round the number
 * of partitions that skipped it; every partition's streak of skipped updates; the lowest-numbered
 * partition that diverged, if any; every partition's weight and the gradient and update norms of its last
 * step; and, when the round monitors, every partition's loss sums. Its size
 * does not grow with the data: {@code O(parameters + steps + partitions)}. Every merge is exact, integer
 * or keyed by partition, so the result does not depend on the order Spark merges partitions in.
 * Mutable, not thread-safe; serialisable.
 */
final class RoundSum implements Serializable {

    private static final long serialVersionUID = 1L;

    private final ExactSum theta;
    private final ExactSum lastGood;
    private final ExactSum m;
    private final ExactSum s;
    private final ExactSum count;
    private final int[] streaks;
    private final int[] skips;
    /** Per partition {weight, gradient norm, update norm} of its last step; NaN until it reports. */
    private final double[][] norms;
    private long trajectories;
    private long solverSteps;
    private long rejectedSteps;
    private int failedSteps;
    private int divergedPartition = -1;
    private int divergedStep;
    private String divergence;
    private final ByPartition<MonitorSums> losses;
    private long monitorNanos;
    private long taskNanos;
    private long stepNanos;

    /** The zero of a round of {@code steps} steps over {@code partitions} partitions. */
    RoundSum(int numParams, int partitions, int steps) {
        theta = new ExactSum(numParams);
        lastGood = new ExactSum(numParams);
        m = new ExactSum(numParams);
        s = new ExactSum(numParams);
        count = new ExactSum(1);
        streaks = new int[partitions];
        Arrays.fill(streaks, -1);
        skips = new int[steps];
        norms = new double[partitions][];
        for (int j = 0; j < partitions; j++) {
            norms[j] = new double[] {Double.NaN, Double.NaN, Double.NaN};
        }
        losses = new ByPartition<>(partitions);
    }

    /** Records a partition's monitoring sums and the nanoseconds it took to compute them. */
    RoundSum addLosses(int partition, MonitorSums l, long nanos) {
        losses.put(partition, l);
        monitorNanos = Math.max(monitorNanos, nanos);
        return this;
    }

    /**
     * Records that a partition's task computed for {@code task} nanoseconds, {@code steps} of them in its
     * optimiser steps (the round keeps the longest of each).
     */
    RoundSum addTaskNanos(long task, long steps) {
        taskNanos = Math.max(taskNanos, task);
        stepNanos = Math.max(stepNanos, steps);
        return this;
    }

    /**
     * Adds one partition's state at the end of its round (or at its divergence).
     *
     * @param weight   the shard's share {@code n_j / N}
     * @param steps    the partition's steps (last good parameters, norms of its last step)
     * @param skipped  per step of the round, whether this partition skipped it
     * @param diverged 0-based phase step at which it diverged, or -1
     * @param message  the divergence message, or null
     */
    RoundSum add(int partition, double weight, double[] params, PhaseSteps steps, AdaBelief opt, StepCounts c,
                 boolean[] skipped, int diverged, String message) {
        theta.addScaled(weight, params);
        lastGood.addScaled(weight, steps.lastGood());
        norms[partition] = new double[] {weight, steps.gradNorm(), steps.updateNorm()};
        m.addScaled(weight, opt.firstMoment());
        s.addScaled(weight, opt.secondMoment());
        count.add(0, weight * opt.count());
        streaks[partition] = c.consecutiveFailures();
        for (int i = 0; i < skipped.length; i++) {
            skips[i] += skipped[i] ? 1 : 0;
        }
        trajectories += c.trajectories();
        solverSteps += c.solverSteps();
        rejectedSteps += c.rejectedSteps();
        failedSteps += c.failedSteps();
        if (diverged >= 0 && (divergedPartition < 0 || partition < divergedPartition)) {
            divergedPartition = partition;
            divergedStep = diverged;
            divergence = message;
        }
        return this;
    }

    /** Adds {@code o}'s partitions (disjoint from this one's) and returns this. */
    RoundSum merge(RoundSum o) {
        theta.merge(o.theta);
        lastGood.merge(o.lastGood);
        m.merge(o.m);
        s.merge(o.s);
        count.merge(o.count);
        for (int j = 0; j < streaks.length; j++) {
            if (o.streaks[j] >= 0) {
                streaks[j] = o.streaks[j];
            }
        }
        for (int i = 0; i < skips.length; i++) {
            skips[i] += o.skips[i];
        }
        for (int j = 0; j < norms.length; j++) {
            if (!Double.isNaN(o.norms[j][0])) {
                norms[j] = o.norms[j];
            }
        }
        trajectories += o.trajectories;
        solverSteps += o.solverSteps;
        rejectedSteps += o.rejectedSteps;
        failedSteps += o.failedSteps;
        losses.merge(o.losses);
        monitorNanos = Math.max(monitorNanos, o.monitorNanos);
        taskNanos = Math.max(taskNanos, o.taskNanos);
        stepNanos = Math.max(stepNanos, o.stepNanos);
        if (o.divergedPartition >= 0 && (divergedPartition < 0 || o.divergedPartition < divergedPartition)) {
            divergedPartition = o.divergedPartition;
            divergedStep = o.divergedStep;
            divergence = o.divergence;
        }
        return this;
    }

    /** The weighted average of the parameters (weights sum to 1). */
    double[] theta() {
        return theta.values();
    }

    /** The weighted average of the partitions' last parameters with a finite loss. */
    double[] lastGood() {
        return lastGood.values();
    }

    /** The weighted average of the first moments. */
    double[] firstMoment() {
        return m.values();
    }

    /** The weighted average of the second moments. */
    double[] secondMoment() {
        return s.values();
    }

    /** The weighted average update count, rounded to the nearest integer. */
    long count() {
        return Math.round(count.value(0));
    }

    /** Every partition's streak of skipped updates after the round. */
    int[] streaks() {
        return streaks.clone();
    }

    /**
     * The shard-weighted mean over partitions, summed in partition order, of the gradient norm of each
     * partition's last step (one partition: its norm unchanged).
     */
    double gradNorm() {
        return weightedMean(1);
    }

    /** As {@link #gradNorm()}, of the update norms. */
    double updateNorm() {
        return weightedMean(2);
    }

    private double weightedMean(int column) {
        double sum = 0;
        for (double[] n : norms) {
            sum += n[0] * n[column];
        }
        return sum;
    }

    /** Number of partitions that skipped step {@code i} of the round. */
    int skips(int i) {
        return skips[i];
    }

    long trajectories() {
        return trajectories;
    }

    long solverSteps() {
        return solverSteps;
    }

    long rejectedSteps() {
        return rejectedSteps;
    }

    int failedSteps() {
        return failedSteps;
    }

    /** The partitions' monitoring sums, in partition order (empty when the round did not monitor). */
    List<MonitorSums> losses() {
        return losses.inOrder();
    }

    /** The longest time a partition spent on monitoring, in nanoseconds. */
    long monitorNanos() {
        return monitorNanos;
    }

    /** The longest time a partition's task computed, in nanoseconds ({@link RoundClock}). */
    long taskNanos() {
        return taskNanos;
    }

    /** The longest time a partition spent in its optimiser steps, in nanoseconds ({@link RoundPlanner}). */
    long stepNanos() {
        return stepNanos;
    }

    /** Whether some partition diverged in this round. */
    boolean diverged() {
        return divergedPartition >= 0;
    }

    /** 0-based phase step of the divergence of the lowest diverged partition. */
    int divergedStep() {
        return divergedStep;
    }

    /** Its message, naming the partition when there are several. */
    String divergenceMessage() {
        return streaks.length == 1 ? divergence : divergence + " on partition " + divergedPartition + " of "
                + streaks.length;
    }
}
