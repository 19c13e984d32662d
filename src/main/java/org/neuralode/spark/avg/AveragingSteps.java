package org.neuralode.spark.avg;

import java.util.List;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.neuralode.train.MonitorSums;
import org.neuralode.train.Phase;
import org.neuralode.train.RoundResult;
import org.neuralode.train.StepExecutor;

/**
 * The {@link StepExecutor} of parameter-averaged training over cached shards: the driver's side. Per phase
 * fresh AdaBelief moments; per round one Spark job ({@link ShardJobs}) carries parameters, optimiser state and
 * every partition's streak of skipped updates ({@link RoundInput}, in the job's task binary, which Spark
 * broadcasts), lets every partition run the round's steps on its cached shard with its {@link ResidentState},
 * and replaces the state by the shard-weighted average of the partitions' results. Monitoring losses asked
 * for with a round are computed by its tasks on the round's parameters before they step; {@link #monitor}
 * is a monitoring-only job. With a {@link RoundPlanner} (k: auto) each phase starts with a short round
 * that measures a step, then runs rounds of the planner's k.
 *
 * <p>Counters are totals over partitions (a skipped update on two partitions counts twice); a step counts as
 * skipped when any partition skipped it. The gradient and update norms of a round are the shard-weighted
 * means of the partitions' norms at their last local step (each partition's gradient is of its own batch,
 * and an average of k-step updates is no step's update, so the norm of averaged quantities would describe
 * no step); with one partition they are that partition's norms, bit for bit those of local training. The
 * parameter norm is the trainer's, of the averaged parameters. One instance per run; not thread-safe.
 */
final class AveragingSteps implements StepExecutor {

    private final JavaSparkContext sc;
    private final JavaRDD<Shard> shards;
    private final Broadcast<TrainingSetup> setup;
    private final int partitions;
    private final RoundPlanner planner;
    private final RoundClock clock;
    private int frequency;
    private boolean probing;
    private Phase phase;
    private int phaseIndex;
    private double[] lastGood;
    private double[] m;
    private double[] s;
    private long count;
    private int[] streaks;

    /**
     * @param shards    the cached shards, one per partition
     * @param frequency local steps k between averages, >= 1
     * @param planner   picks k per phase instead (then {@code frequency} is ignored), or null
     * @param theta     the initial parameters (the first "last good" model)
     * @param clock     where the rounds' timings go
     */
    AveragingSteps(JavaSparkContext sc, JavaRDD<Shard> shards, Broadcast<TrainingSetup> setup, int frequency,
                   RoundPlanner planner, double[] theta, RoundClock clock) {
        this.sc = sc;
        this.shards = shards;
        this.setup = setup;
        this.partitions = shards.getNumPartitions();
        this.frequency = frequency;
        this.planner = planner;
        this.clock = clock;
        this.lastGood = theta.clone();
        this.streaks = new int[partitions];
    }

    @Override
    public int roundSteps() {
        return frequency;
    }

    @Override
    public void startPhase(int index, Phase settings) {
        phase = settings;
        phaseIndex = index;
        m = new double[lastGood.length];
        s = new double[lastGood.length];
        count = 0;
        if (planner != null) {
            planner.measureFloor(shards);
            frequency = RoundPlanner.PROBE_STEPS;
            probing = true;
        } else {
            clock.phaseFrequency(index, frequency);
        }
    }

    @Override
    public RoundResult round(int start, int end, double[] theta, double monitorLength) {
        RoundInput in = new RoundInput(phaseIndex, phase, start, end - start, theta.clone(), lastGood, m, s, count,
                streaks, monitorLength);
        long t0 = System.nanoTime();
        Broadcast<TrainingSetup> su = setup;
        int parts = partitions;
        List<RoundSum> sums = ShardJobs.run(shards, shard -> ShardTasks.round(
                new RoundSum(theta.length, parts, in.steps()), shard, in, su.value()));
        RoundSum sum = sums.get(0);
        sums.subList(1, sums.size()).forEach(sum::merge);
        clock.add(System.nanoTime() - t0, sum.taskNanos());
        if (probing) {
            frequency = planner.k(phaseIndex, phase, sum.stepNanos() / (end - start));
            clock.phaseFrequency(phaseIndex, frequency);
            probing = false;
        }
        System.arraycopy(sum.theta(), 0, theta, 0, theta.length);
        lastGood = sum.lastGood();
        m = sum.firstMoment();
        s = sum.secondMoment();
        count = sum.count();
        streaks = sum.streaks();
        int ran = sum.diverged() ? sum.divergedStep() - start + 1 : end - start;
        boolean[] skipped = new boolean[ran];
        for (int i = 0; i < ran; i++) {
            skipped[i] = sum.skips(i) > 0;
        }
        return new RoundResult(skipped, sum.diverged() ? sum.divergedStep() : -1,
                sum.diverged() ? sum.divergenceMessage() : null, sum.diverged() ? lastGood.clone() : null,
                Double.isNaN(monitorLength) ? null : total(sum.losses()), sum.monitorNanos(), sum.failedSteps(),
                sum.solverSteps(), sum.rejectedSteps(), sum.trajectories(), sum.gradNorm(), sum.updateNorm());
    }

    @Override
    public MonitorSums monitor(double[] theta, double length) {
        return monitor(sc, shards, setup, theta, length);
    }

    /** The monitoring losses of {@code theta} over {@code shards}: a monitoring-only job. */
    static MonitorSums monitor(JavaSparkContext sc, JavaRDD<Shard> shards, Broadcast<TrainingSetup> setup,
                               double[] theta, double length) {
        Broadcast<double[]> bc = sc.broadcast(theta.clone());
        try {
            return total(ShardJobs.run(shards, shard -> ShardTasks.losses(shard, bc.value(), length, setup.value())));
        } finally {
            bc.destroy();
        }
    }

    /** The partitions' monitoring sums merged in partition order (so the result never depends on scheduling). */
    private static MonitorSums total(List<MonitorSums> parts) {
        MonitorSums total = MonitorSums.empty();
        parts.forEach(total::merge);
        return total;
    }
}
