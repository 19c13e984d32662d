package org.neuralode.spark.avg;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Where a run's rounds spent their time: the number of rounds (Spark jobs of training steps), their wall time
 * on the driver, and per round the longest task's own compute time (measured inside the task, from the
 * shard in hand to the aggregate handed back). Their difference is the round's overhead: scheduling, task
 * and result serialisation, broadcasts and the driver's merge. Also the local steps between averages each
 * phase ran with (the planner's choice under {@code auto}). Mutable, driver side only; not thread-safe.
 */
final class RoundClock {

    private int rounds;
    private long wallNanos;
    private long taskNanos;
    private final List<Integer> frequencies = new ArrayList<>();

    /** Records that phase {@code phase} (0-based) averages every {@code k} local steps. */
    void phaseFrequency(int phase, int k) {
        while (frequencies.size() <= phase) {
            frequencies.add(null);
        }
        frequencies.set(phase, k);
    }

    /**
     * The run's plan and timings for {@code run.json}: mode, partitions, per phase the local steps between
     * averages (average mode), rounds, mean round and overhead milliseconds.
     */
    Map<String, Object> summary(String mode, int partitions) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("mode", mode);
        m.put("partitions", partitions);
        if (!frequencies.isEmpty()) {
            m.put("averaging_frequency", List.copyOf(frequencies));
        }
        m.put("rounds", rounds);
        m.put("mean_round_ms", rounds == 0 ? null : meanRoundMillis());
        m.put("mean_round_overhead_ms", rounds == 0 ? null : meanOverheadMillis());
        return m;
    }

    /** Records one round of {@code wall} nanoseconds on the driver whose longest task computed {@code task}. */
    void add(long wall, long task) {
        rounds++;
        wallNanos += wall;
        taskNanos += task;
    }

    /** Rounds recorded. */
    int rounds() {
        return rounds;
    }

    /** Mean wall milliseconds of a round on the driver (NaN without rounds). */
    double meanRoundMillis() {
        return rounds == 0 ? Double.NaN : wallNanos * 1e-6 / rounds;
    }

    /** Mean milliseconds per round beyond its longest task's compute (NaN without rounds). */
    double meanOverheadMillis() {
        return rounds == 0 ? Double.NaN : (wallNanos - taskNanos) * 1e-6 / rounds;
    }
}
