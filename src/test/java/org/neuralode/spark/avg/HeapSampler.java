package org.neuralode.spark.avg;

import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Samples this JVM's heap every {@code periodMs}: used heap ({@link MemoryMXBean}, garbage included) and
 * the heap pools' usage after their last collection (live data as of that GC). Benchmark helper.
 */
final class HeapSampler {

    private record Sample(double seconds, long used, long afterGc) { }

    private final MemoryMXBean mx;
    private final int periodMs;
    private final List<Sample> samples = new ArrayList<>();
    private final List<String> marks = new ArrayList<>();
    private volatile boolean running;
    private Thread thread;
    private long t0;

    HeapSampler(MemoryMXBean mx, int periodMs) {
        this.mx = mx;
        this.periodMs = periodMs;
    }

    void start() {
        running = true;
        t0 = System.nanoTime();
        thread = new Thread(() -> {
            while (running) {
                sample();
                try {
                    Thread.sleep(periodMs);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }, "heap-sampler");
        thread.setDaemon(true);
        thread.start();
    }

    void stop() throws InterruptedException {
        running = false;
        thread.join();
        sample();
    }

    /** Records {@code what} with the used heap now and, after a forced full GC, the live heap. */
    synchronized void mark(String what) {
        long used = mx.getHeapMemoryUsage().getUsed();
        System.gc();
        long live = mx.getHeapMemoryUsage().getUsed();
        marks.add(String.format(Locale.ROOT, "%7.1f s  used %5d MiB  live after full GC %5d MiB  %s",
                (System.nanoTime() - t0) * 1e-9, mib(used), mib(live), what));
    }

    private synchronized void sample() {
        long afterGc = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            MemoryUsage u = pool.getType() == MemoryType.HEAP ? pool.getCollectionUsage() : null;
            afterGc += u == null ? 0 : u.getUsed();
        }
        samples.add(new Sample((System.nanoTime() - t0) * 1e-9, mx.getHeapMemoryUsage().getUsed(), afterGc));
    }

    /** Marks, then per tenth of the run the largest used heap and the last live-after-GC figure. */
    synchronized void report(PrintStream out) {
        marks.forEach(out::println);
        double end = samples.get(samples.size() - 1).seconds();
        out.println("  window (s)     max used (MiB)  live after GC (MiB)");
        for (int w = 0; w < 10; w++) {
            long max = 0;
            long live = -1;
            for (Sample s : samples) {
                if (s.seconds() >= end * w / 10 && s.seconds() <= end * (w + 1) / 10) {
                    max = Math.max(max, s.used());
                    live = s.afterGc();
                }
            }
            out.printf(Locale.ROOT, "  %5.1f-%5.1f   %8d         %8d%n", end * w / 10, end * (w + 1) / 10, mib(max),
                    mib(live));
        }
        long peak = samples.stream().mapToLong(Sample::used).max().orElse(0);
        out.printf(Locale.ROOT, "  %d samples, peak used %d MiB%n", samples.size(), mib(peak));
    }

    private static long mib(long bytes) {
        return bytes >> 20;
    }
}
