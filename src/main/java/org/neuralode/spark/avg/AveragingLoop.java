package org.neuralode.spark.avg;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.neuralode.nn.NeuralOde;
import org.neuralode.train.LossStats;
import org.neuralode.train.Phase;
import org.neuralode.train.ProgressRow;
import org.neuralode.train.Strategy;
import org.neuralode.train.TrainResult;
import org.neuralode.train.Trainer;
import org.neuralode.train.TrainingDivergedException;
import org.neuralode.train.TrainingListener;

/**
 * The driver's side of one parameter-averaged training run over cached shards. Per phase: fresh AdaBelief
 * moments; then rounds until the phase's steps are done. A round broadcasts parameters, optimiser state
 * and streaks, lets every partition run the round's steps, and replaces the state by the shard-weighted
 * average from one {@code treeAggregate}; the broadcast is destroyed afterwards.
 *
 * <p><b>Monitoring.</b> A round covers {@code averaging_frequency} steps but ends early at a monitoring
 * step (every {@code print_every} steps and a phase's last step, as in {@link Trainer}), so what is
 * monitored is always an averaged model. Its losses are computed by the next round's tasks on the
 * broadcast parameters before they step (one Spark job per round instead of two), or by a monitoring-only
 * job after the last round. Listener events that must follow the row (the end of a phase, the start of
 * the next) wait for it, so listeners see exactly the local trainer's order of events.
 *
 * <p>Counters are totals over partitions (a skipped update on two partitions counts twice); a step is
 * reported skipped to the listener when any partition skipped it. One instance per run; not thread-safe.
 */
final class AveragingLoop {

    private static final int DEPTH = 2;

    /** A monitoring point whose losses are still to be computed. */
    private record Pending(int phase, int step, int globalStep, double length, int failedSteps) { }

    private final JavaSparkContext sc;
    private final JavaRDD<Shard> shards;
    private final TrainingSetup setup;
    private final int partitions;
    private final int frequency;
    private final int printEvery;
    private final boolean validating;
    private final NeuralOde initial;
    private final TrainingListener listener;
    private final List<ProgressRow> history = new ArrayList<>();
    private final List<Runnable> deferred = new ArrayList<>();
    private final long[] phaseNanos;
    private Pending pending;
    private double[] theta;
    private double[] lastGood;
    private int[] streaks;
    private long monitorNanos;
    private int failedSteps;
    private long solverSteps;
    private long rejectedSteps;
    private long trajectories;
    private int phaseOffset;

    AveragingLoop(JavaSparkContext sc, JavaRDD<Shard> shards, TrainingSetup setup, int frequency, int printEvery,
                  boolean validating, NeuralOde initial, Strategy strategy, TrainingListener listener) {
        this.sc = sc;
        this.shards = shards;
        this.partitions = shards.getNumPartitions();
        this.setup = setup;
        this.frequency = frequency;
        this.printEvery = printEvery;
        this.validating = validating;
        this.initial = initial;
        this.listener = listener;
        this.phaseNanos = new long[strategy.phases().size()];
        this.theta = initial.theta();
        this.lastGood = theta.clone();
        this.streaks = new int[partitions];
    }

    /** Runs every phase of {@code strategy}. @throws TrainingDivergedException as the local trainer does */
    TrainResult run(Strategy strategy) {
        for (int p = 0; p < strategy.phases().size(); p++) {
            Phase phase = strategy.phases().get(p);
            int number = p + 1;
            emit(() -> listener.phaseStarted(number, phase));
            runPhase(p, phase);
            phaseOffset += phase.steps();
            NeuralOde model = initial.withTheta(theta);
            emit(() -> listener.phaseFinished(number, phase, model));
        }
        if (pending != null) {
            resolve(monitor(pending.length()));
        }
        return result();
    }

    /**
     * Exclusive end of the round that starts at {@code start}: after {@code k} steps, after the first
     * monitoring step, or at the phase's end, whichever comes first.
     */
    static int roundEnd(int start, int steps, int k, int printEvery) {
        int end = (int) Math.min((long) start + k, steps);
        for (int step = start; step < end; step++) {
            if (Trainer.monitorsAt(step, steps, printEvery)) {
                return step + 1;
            }
        }
        return end;
    }

    private void runPhase(int p, Phase phase) {
        double[] m = new double[theta.length];
        double[] s = new double[theta.length];
        long count = 0;
        int start = 0;
        while (start < phase.steps()) {
            int end = roundEnd(start, phase.steps(), frequency, printEvery);
            long t0 = System.nanoTime();
            RoundSum sum = round(RoundInput.of(p, phase, start, end - start, theta, lastGood, m, s, count, streaks,
                    pending == null ? Double.NaN : pending.length()));
            theta = sum.theta();
            lastGood = sum.lastGood();
            m = sum.firstMoment();
            s = sum.secondMoment();
            count = sum.count();
            streaks = sum.streaks();
            failedSteps += sum.failedSteps();
            solverSteps += sum.solverSteps();
            rejectedSteps += sum.rejectedSteps();
            trajectories += sum.trajectories();
            monitorNanos += sum.monitorNanos();
            phaseNanos[p] += System.nanoTime() - t0 - sum.monitorNanos();
            if (pending != null) {
                resolve(sum.losses());
            }
            int last = sum.diverged() ? sum.divergedStep() : end;
            for (int step = start; step < last; step++) {
                listener.stepFinished(p + 1, step, sum.skips(step - start) > 0);
            }
            if (sum.diverged()) {
                theta = lastGood;
                throw new TrainingDivergedException(sum.divergenceMessage(), result());
            }
            if (Trainer.monitorsAt(end - 1, phase.steps(), printEvery)) {
                pending = new Pending(p + 1, end - 1, phaseOffset + end - 1, phase.length(), failedSteps);
            }
            start = end;
        }
    }

    private RoundSum round(RoundInput in) {
        Broadcast<RoundInput> bc = sc.broadcast(in);
        try {
            TrainingSetup su = setup;
            RoundSum zero = new RoundSum(theta.length, partitions, in.steps());
            return shards.treeAggregate(zero, (agg, shard) -> ShardTasks.round(agg, shard, bc.value(), su),
                    RoundSum::merge, DEPTH);
        } finally {
            bc.destroy();
        }
    }

    /** A monitoring-only pass over the shards with the current parameters. */
    private List<ShardTasks.Losses> monitor(double length) {
        long t0 = System.nanoTime();
        Broadcast<double[]> bc = sc.broadcast(theta.clone());
        try {
            TrainingSetup su = setup;
            return shards.treeAggregate(new ByPartition<ShardTasks.Losses>(partitions),
                    (agg, shard) -> agg.put(shard.partition(), ShardTasks.losses(shard, bc.value(), length, su)),
                    ByPartition::merge, DEPTH).inOrder();
        } finally {
            bc.destroy();
            monitorNanos += System.nanoTime() - t0;
        }
    }

    /** Emits the pending row from the partitions' sums (merged in partition order), then deferred events. */
    private void resolve(List<ShardTasks.Losses> parts) {
        LossStats t = new LossStats();
        LossStats v = new LossStats();
        for (ShardTasks.Losses l : parts) {
            t.merge(l.train());
            v.merge(l.validation());
        }
        Pending at = pending;
        pending = null;
        ProgressRow row = new ProgressRow(at.phase(), at.step(), at.globalStep(), t.loss(), t.mae(),
                validating ? v.loss() : Double.NaN, validating ? v.mae() : Double.NaN, at.failedSteps());
        history.add(row);
        listener.monitored(row);
        List<Runnable> events = new ArrayList<>(deferred);
        deferred.clear();
        events.forEach(Runnable::run);
    }

    /** Runs {@code event} now, or after the pending monitoring row when there is one. */
    private void emit(Runnable event) {
        if (pending == null) {
            event.run();
        } else {
            deferred.add(event);
        }
    }

    private TrainResult result() {
        double[] seconds = new double[phaseNanos.length];
        for (int i = 0; i < seconds.length; i++) {
            seconds[i] = phaseNanos[i] * 1e-9;
        }
        return new TrainResult(initial.withTheta(theta), List.copyOf(history), seconds, monitorNanos * 1e-9,
                failedSteps, solverSteps, rejectedSteps, trajectories);
    }
}
