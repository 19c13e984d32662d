package org.neuralode.bench;

import java.util.Arrays;

/**
 * Wall-clock timing of a repeated operation: warm-up, then samples of several back-to-back calls,
 * reported as the median (and extremes) of the per-call time in microseconds.
 *
 * <p>A sample groups enough calls to last at least {@link Budget#sampleNanos()} (timer resolution
 * and per-sample overhead vanish); the number of samples is what fits in {@link Budget#targetNanos()},
 * clamped to {@code [minSamples, maxSamples]}. The median resists the odd GC pause or a neighbour's
 * load spike. Stateless; measures on the calling thread.
 */
public final class Timing {

    private Timing() {
    }

    /**
     * How long to measure.
     *
     * @param warmupNanos least warm-up time (JIT compilation), at least two calls run
     * @param sampleNanos least duration of one sample
     * @param targetNanos total time aimed at for the samples of one measurement
     * @param minSamples  fewest samples, &gt;= 1
     * @param maxSamples  most samples
     * @param maxCallNanos surveys skip a measurement whose single call is expected to take longer
     */
    public record Budget(long warmupNanos, long sampleNanos, long targetNanos, int minSamples, int maxSamples,
                         long maxCallNanos) {

        public Budget {
            if (minSamples < 1 || maxSamples < minSamples || warmupNanos < 0 || sampleNanos < 0 || targetNanos < 0
                    || maxCallNanos <= 0) {
                throw new IllegalArgumentException("invalid timing budget: " + warmupNanos + ", " + sampleNanos
                        + ", " + targetNanos + ", " + minSamples + ", " + maxSamples + ", " + maxCallNanos);
            }
        }

        /** About 0.1 s per measurement, at least 3 samples, calls over 0.15 s skipped: a ~30 s survey. */
        public static Budget quick() {
            return new Budget(40_000_000L, 1_000_000L, 60_000_000L, 3, 25, 150_000_000L);
        }

        /** About 0.7 s per measurement, at least 7 samples, calls over 5 s skipped. */
        public static Budget full() {
            return new Budget(250_000_000L, 2_000_000L, 400_000_000L, 7, 101, 5_000_000_000L);
        }
    }

    /**
     * Per-call times of one measurement, microseconds.
     *
     * @param medianMicros   median over samples of the mean time per call
     * @param minMicros      fastest sample
     * @param maxMicros      slowest sample
     * @param samples        number of samples
     * @param callsPerSample calls in each sample
     */
    public record Result(double medianMicros, double minMicros, double maxMicros, int samples, int callsPerSample) {
    }

    /** Warms {@code op} up, then times it under {@code budget}. */
    public static Result measure(Runnable op, Budget budget) {
        return measureInterleaved(new Runnable[] {op}, budget)[0];
    }

    /**
     * Times several operations against each other: each is warmed up and calibrated, then the samples
     * run round-robin (one sample of each operation per round), so a load change on a shared machine
     * hits all of them alike. Every operation gets the same number of samples: what fits the budget's
     * target, clamped to {@code [minSamples, maxSamples]}.
     */
    public static Result[] measureInterleaved(Runnable[] ops, Budget budget) {
        int n = ops.length;
        int[] calls = new int[n];
        long roundNanos = 0;
        for (int i = 0; i < n; i++) {
            double perCall = warmUp(ops[i], budget.warmupNanos());
            calls[i] = (int) Math.max(1, Math.min(Integer.MAX_VALUE, Math.ceil(budget.sampleNanos() / perCall)));
            roundNanos += (long) (calls[i] * perCall);
        }
        int samples = (int) Math.max(budget.minSamples(),
                Math.min(budget.maxSamples(), budget.targetNanos() / Math.max(1, roundNanos)));
        double[][] micros = new double[n][samples];
        for (int k = 0; k < samples; k++) {
            for (int i = 0; i < n; i++) {
                micros[i][k] = sample(ops[i], calls[i]);
            }
        }
        Result[] results = new Result[n];
        for (int i = 0; i < n; i++) {
            double[] m = micros[i];
            Arrays.sort(m);
            double median = samples % 2 == 1 ? m[samples / 2] : 0.5 * (m[samples / 2 - 1] + m[samples / 2]);
            results[i] = new Result(median, m[0], m[samples - 1], samples, calls[i]);
        }
        return results;
    }

    /** Runs {@code op} for at least {@code nanos} (and at least twice); returns nanoseconds per call. */
    public static double warmUp(Runnable op, long nanos) {
        long start = System.nanoTime();
        int count = 0;
        long elapsed;
        do {
            op.run();
            count++;
            elapsed = System.nanoTime() - start;
        } while (count < 2 || elapsed < nanos);
        return Math.max(1.0, (double) elapsed / count);
    }

    /** Mean microseconds per call over {@code calls} back-to-back calls. */
    public static double sample(Runnable op, int calls) {
        long t0 = System.nanoTime();
        for (int c = 0; c < calls; c++) {
            op.run();
        }
        return (System.nanoTime() - t0) / 1e3 / calls;
    }
}
