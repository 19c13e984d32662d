package org.neuralode.spark.avg;

import java.util.Arrays;
import java.util.Locale;
import org.apache.spark.api.java.JavaRDD;
import org.neuralode.train.Phase;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code parallel.averaging_frequency: auto}: picks, per phase, the local steps k between averages so that a
 * round's compute is at least {@value #TARGET} times the cost of a Spark job, measured on this cluster: the
 * job floor is the median of {@value #FLOOR_JOBS} empty jobs over the cached shards (after {@value #WARM_JOBS}
 * untimed ones: Spark's first jobs in a JVM are several times slower), a step's cost is the slowest partition's mean step in the phase's first round ({@value #PROBE_STEPS}
 * steps, fewer when a monitoring step ends it). Then
 * {@code k = ceil(TARGET * floor / step)}, at most the phase's steps; rounds still end at every monitoring step.
 * Logs its choice with the expected efficiency {@code k step / (k step + floor)}. The choice depends on
 * measured times, so runs with {@code auto} are repeatable only with the k it logged. Driver side; one per run.
 */
final class RoundPlanner {

    /** Round compute over job cost. */
    static final double TARGET = 10;
    /** Steps of a phase's first round, which measures a step. */
    static final int PROBE_STEPS = 3;
    private static final int FLOOR_JOBS = 5;
    private static final int WARM_JOBS = 3;
    private static final Logger LOG = LoggerFactory.getLogger(RoundPlanner.class);

    private final int printEvery;
    private double floorNanos = Double.NaN;

    /** @param printEvery steps between monitoring points (rounds end there whatever k is) */
    RoundPlanner(int printEvery) {
        this.printEvery = printEvery;
    }

    /** Measures the job floor on {@code shards} (once; later calls return at once). */
    void measureFloor(JavaRDD<Shard> shards) {
        if (!Double.isNaN(floorNanos)) {
            return;
        }
        for (int i = 0; i < WARM_JOBS; i++) {
            ShardJobs.run(shards, Shard::partition);
        }
        long[] nanos = new long[FLOOR_JOBS];
        for (int i = 0; i < nanos.length; i++) {
            long t0 = System.nanoTime();
            ShardJobs.run(shards, Shard::partition);
            nanos[i] = System.nanoTime() - t0;
        }
        Arrays.sort(nanos);
        floorNanos = nanos[FLOOR_JOBS / 2];
    }

    /**
     * The k of phase {@code phaseIndex} (0-based) whose slowest partition took {@code stepNanos} per step.
     */
    int k(int phaseIndex, Phase phase, long stepNanos) {
        double step = Math.max(1.0, stepNanos);
        int k = choose(floorNanos, step, phase.steps());
        int effective = Math.min(k, printEvery);
        LOG.info(String.format(Locale.ROOT, "planner: phase %d: a step takes %.2f ms on the slowest partition, a "
                        + "Spark job %.2f ms: averaging_frequency %d%s, expected efficiency %.0f%%", phaseIndex + 1,
                step * 1e-6, floorNanos * 1e-6, k, effective < k ? " (rounds end every print_every = "
                        + printEvery + " steps)" : "", 100 * effective * step / (effective * step + floorNanos)));
        return k;
    }

    /** {@code ceil(TARGET * floor / step)} in {@code [1, steps]}. */
    static int choose(double floorNanos, double stepNanos, int steps) {
        return (int) Math.min(steps, Math.max(1, Math.ceil(TARGET * floorNanos / stepNanos)));
    }
}
