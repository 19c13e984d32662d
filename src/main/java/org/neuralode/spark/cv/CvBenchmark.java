package org.neuralode.spark.cv;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;
import org.neuralode.data.Hashes;
import org.neuralode.report.CvBestMetric;

/**
 * Times the same cv sweep on several Spark masters, one after the other in this JVM (e.g. {@code local[1]}
 * against {@code local[2]}), each into a fresh directory under a local scratch directory, and checks that
 * every master produced the same {@code report.json}. Not a test: the figures depend on the machine.
 * Driver side; not thread-safe.
 */
public final class CvBenchmark {

    /**
     * One timed run.
     *
     * @param master       the Spark master it ran on
     * @param jobSeconds   wall seconds of the Spark job (the tasks)
     * @param totalSeconds wall seconds of the whole run (job and reports, without starting Spark)
     * @param tasks        tasks run
     * @param reportSha256 SHA-256 of the run's report.json
     */
    public record Timing(String master, double jobSeconds, double totalSeconds, int tasks, String reportSha256) {
    }

    private CvBenchmark() {
    }

    /**
     * Runs the plan once per master.
     *
     * @param plan    the sweep
     * @param masters Spark master URLs, as given by the user
     * @param scratch a local directory for the runs' outputs (created if missing)
     * @param warmup  first run the sweep once, untimed, on the first master (JIT warm-up of the shared JVM)
     * @return one timing per master, in order
     */
    public static List<Timing> run(CvPlan plan, List<String> masters, Path scratch, boolean warmup) {
        try {
            Path root = Files.createTempDirectory(Files.createDirectories(scratch), "bench-cv-");
            if (warmup) {
                once(plan, masters.get(0), root.resolve("warmup"));
            }
            List<Timing> out = new ArrayList<>();
            for (int i = 0; i < masters.size(); i++) {
                out.add(once(plan, masters.get(i), root.resolve("run-" + i)));
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Timing once(CvPlan plan, String master, Path dir) throws IOException {
        SparkConf conf = new SparkConf().setAppName("neuralode bench-cv").setMaster(master)
                .setIfMissing("spark.ui.enabled", "false").setIfMissing("spark.ui.showConsoleProgress", "false")
                .setIfMissing("spark.executorEnv.OMP_NUM_THREADS", "1");
        JavaSparkContext sc = new JavaSparkContext(conf);
        try {
            long t0 = System.nanoTime();
            CvJob.Outcome o = CvJob.open(plan, dir.toString(), false, CvBestMetric.DEFAULT).run(sc);
            double total = (System.nanoTime() - t0) * 1e-9;
            String sha = Hashes.sha256(Files.readAllBytes(dir.resolve("report.json")));
            return new Timing(master, o.seconds(), total, o.computed(), sha);
        } finally {
            sc.stop();
        }
    }
}
