package org.neuralode.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;

/**
 * Java-heap allocation of an operation, from HotSpot's per-thread allocation counter
 * ({@code com.sun.management.ThreadMXBean.getThreadAllocatedBytes}). Counts every object and array
 * the calling thread allocates on the heap (TLAB-accurate, not GC-dependent); off-heap (ND4J,
 * JavaCPP) memory is not included. Stateless.
 */
public final class Allocation {

    private Allocation() {
    }

    /** Whether this JVM can count allocated bytes per thread. */
    public static boolean supported() {
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        return mx instanceof com.sun.management.ThreadMXBean sun && sun.isThreadAllocatedMemorySupported()
                && sun.isThreadAllocatedMemoryEnabled();
    }

    /** Bytes allocated by the calling thread so far, or -1 when unsupported. */
    public static long allocatedBytes() {
        if (!supported()) {
            return -1;
        }
        com.sun.management.ThreadMXBean mx = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        return mx.getThreadAllocatedBytes(Thread.currentThread().getId());
    }

    /**
     * Mean heap bytes allocated per call over {@code calls} calls (run them warm: the first calls of a
     * fresh object may allocate lazily-built state), or NaN when unsupported.
     */
    public static double bytesPerCall(Runnable op, int calls) {
        if (calls < 1) {
            throw new IllegalArgumentException("calls must be >= 1, got " + calls);
        }
        long before = allocatedBytes();
        if (before < 0) {
            return Double.NaN;
        }
        // the counter itself allocates nothing; measure the reading cost anyway and remove it
        long empty = allocatedBytes() - before;
        long start = allocatedBytes();
        for (int c = 0; c < calls; c++) {
            op.run();
        }
        long used = allocatedBytes() - start - empty;
        return Math.max(0.0, (double) used / calls);
    }
}
