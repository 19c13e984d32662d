package org.neuralode.workflow;

/**
 * The heap one training may use, what it is and how to raise it, for {@link MemoryEstimate#check}.
 *
 * @param bytes the limit
 * @param what  what the limit is, e.g. "the JVM's max heap"
 * @param raise the flag that raises it, e.g. "NEURALODE_JAVA_OPTS=-Xmx8g for submit/neuralode"
 */
public record MemoryBudget(long bytes, String what, String raise) {

    /** How to raise this JVM's heap, for messages. */
    public static final String RAISE_HEAP = "NEURALODE_JAVA_OPTS=-Xmx<size> for submit/neuralode, --driver-memory "
            + "for spark-submit";

    /** This JVM's max heap ({@code Runtime.maxMemory()}), shared by {@code tasks} trainings at once. */
    public static MemoryBudget heap(int tasks) {
        long max = Runtime.getRuntime().maxMemory();
        return tasks <= 1 ? new MemoryBudget(max, "the JVM's max heap", RAISE_HEAP)
                : new MemoryBudget(max / tasks, "a task's share of the JVM's max heap (" + MemoryEstimate.size(max)
                        + " / " + tasks + " local tasks)", RAISE_HEAP);
    }
}
