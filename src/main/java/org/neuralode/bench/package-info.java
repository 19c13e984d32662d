/**
 * Measurement: wall-clock {@link org.neuralode.bench.Timing} (median of samples, interleaved
 * comparisons), heap {@link org.neuralode.bench.Allocation} per call, and the
 * {@link org.neuralode.bench.KernelBench} survey of the vector-field engines with its
 * {@link org.neuralode.bench.KernelReport}. No training code; nothing here prints (the {@code bench}
 * command does). Timing and Allocation are reusable for any {@link java.lang.Runnable}.
 */
package org.neuralode.bench;
