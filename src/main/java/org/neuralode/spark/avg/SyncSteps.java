package org.neuralode.spark.avg;

import java.io.Serializable;
import java.util.Arrays;
import java.util.List;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.neuralode.train.AdaBelief;
import org.neuralode.train.LossStats;
import org.neuralode.train.MonitorSums;
import org.neuralode.train.Phase;
import org.neuralode.train.PhaseSteps;
import org.neuralode.train.PhaseStepsExecutor;
import org.neuralode.train.StepCounts;

/**
 * Synchronous data-parallel training ({@code parallel.mode: sync}): every step is one Spark job in which each
 * partition computes the loss gradient of its own batch (its sampler seeded by (seed, phase, partition), as in
 * averaging) at the step's parameters, and the driver sums them weighted by observed points, adds the
 * penalty gradient and takes the AdaBelief step. That is exactly one step of local training on the union of
 * the partitions' batches (up to the order of a floating-point sum; with one partition, bit for bit).
 * One instance per run; not thread-safe.
 */
final class SyncSteps extends PhaseStepsExecutor {

    /** What a step's job carries to its tasks. */
    record Input(int phaseIndex, Phase phase, int step, double[] theta) implements Serializable { }

    /**
     * A partition's share of a step: its loss sums and its data gradient (the mean over its own observed points,
     * no penalty), the solver steps it took and the nanoseconds its task computed.
     */
    record Part(LossStats stats, double[] grad, long accepted, long rejected, long nanos) implements Serializable { }

    private final JavaSparkContext sc;
    private final JavaRDD<Shard> shards;
    private final Broadcast<TrainingSetup> setup;
    private final RoundClock clock;

    SyncSteps(JavaSparkContext sc, JavaRDD<Shard> shards, Broadcast<TrainingSetup> setup, RoundClock clock) {
        super(setup.value().maxFailures());
        this.sc = sc;
        this.shards = shards;
        this.setup = setup;
        this.clock = clock;
    }

    @Override
    protected PhaseSteps newSteps(int index, Phase phase, double[] theta, StepCounts counts, int maxFailures) {
        int trajectories = ShardJobs.run(shards, s -> ShardTasks.batchSize(s, phase)).stream()
                .mapToInt(Integer::intValue).sum();
        return new PhaseSteps(new Source(index, phase), trajectories, phase.optimiser(theta.length), theta,
                counts, maxFailures, theta);
    }

    @Override
    public MonitorSums monitor(double[] theta, double length) {
        return AveragingSteps.monitor(sc, shards, setup, theta, length);
    }

    /** The gradient of one step summed over the partitions by one job. */
    private final class Source implements PhaseSteps.GradientSource {
        private final int phaseIndex;
        private final Phase phase;
        private int step;
        private long accepted;
        private long rejected;

        Source(int phaseIndex, Phase phase) {
            this.phaseIndex = phaseIndex;
            this.phase = phase;
        }

        @Override
        public LossStats lossAndGradient(double[] theta, double[] grad) {
            long t0 = System.nanoTime();
            Input in = new Input(phaseIndex, phase, step++, theta.clone());
            Broadcast<TrainingSetup> su = setup;
            List<Part> parts = ShardJobs.run(shards, shard -> ShardTasks.gradient(shard, in, su.value()));
            clock.add(System.nanoTime() - t0, parts.stream().mapToLong(Part::nanos).max().orElse(0));
            LossStats total = new LossStats();
            parts.forEach(p -> total.merge(p.stats()));
            Arrays.fill(grad, 0.0);
            for (Part p : parts) {
                accepted += p.accepted();
                rejected += p.rejected();
                double w = total.points() == 0 ? 0.0 : (double) p.stats().points() / total.points();
                for (int j = 0; j < grad.length; j++) {
                    grad[j] += w * p.grad()[j];
                }
            }
            setup.value().model().addPenaltyGradient(theta, phase.alpha(), phase.l1(), grad);
            return total;
        }

        @Override
        public long acceptedSteps() {
            return accepted;
        }

        @Override
        public long rejectedSteps() {
            return rejected;
        }
    }
}
