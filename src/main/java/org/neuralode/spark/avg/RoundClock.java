package org.neuralode.spark.avg;

/**
 * Where a run's rounds spent their time: the number of rounds (Spark jobs of training steps), their wall time
 * on the driver, and per round the longest task's own compute time (measured inside the task, from the
 * shard in hand to the aggregate handed back). Their difference is the round's overhead: scheduling, task
 * and result serialisation, broadcasts and the driver's merge. Mutable, driver side only; not thread-safe.
 */
final class RoundClock {

    private int rounds;
    private long wallNanos;
    private long taskNanos;

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
