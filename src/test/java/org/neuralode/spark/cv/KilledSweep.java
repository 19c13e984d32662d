package org.neuralode.spark.cv;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.api.java.JavaSparkContext;
import org.neuralode.io.Storage;
import org.neuralode.report.CvBestMetric;

/**
 * Killing the driver of a {@code cv} sweep, for any locations {@link Storage} handles (local paths,
 * {@code hdfs://}): a child JVM runs {@code neuralode cv} on local[2] and is killed with SIGKILL once some
 * task results exist; the same plan rerun in-process computes only the missing tasks, leaves the finished
 * ones untouched, and writes a report.json byte-identical to an uninterrupted run's.
 */
final class KilledSweep {

    private KilledSweep() {
    }

    /** Stops the child driver of a sweep and waits for it to end. */
    interface Stopper {
        void stop(Process driver) throws Exception;
    }

    /**
     * Kills a sweep into {@code out}, resumes it and compares its report with a run into {@code reference}.
     *
     * @param tmp    where the child's log goes
     * @param config the cv configuration's location (its sweep must have more than three tasks)
     */
    static void killResumeAndCompare(Path tmp, String config, String out, String reference) throws Exception {
        resumeAndCompare(config, out, reference, stopMidSweep(tmp, config, out, ChildJvms::kill));
    }

    /**
     * Resumes a stopped sweep in-process: only the missing tasks run, finished ones are untouched, and
     * report.json is byte-identical to an uninterrupted run's into {@code reference}.
     *
     * @param done task results in {@code out} when it was stopped
     */
    static void resumeAndCompare(String config, String out, String reference, int done) throws Exception {
        CvPlan plan = CvPlan.load(Storage.read(config), config, List.of());
        int total = plan.tasks().size();
        Map<String, Long> before = times(out);
        JavaSparkContext sc = CvTestConfigs.localContext(2);
        try {
            CvJob resumed = CvJob.open(plan, out, false, CvBestMetric.DEFAULT);
            assertEquals(total - done, resumed.pending().size());
            CvJob.Outcome outcome = resumed.run(sc);
            assertEquals(done, outcome.skipped());
            assertEquals(total - done, outcome.computed());
            CvJob.open(plan, reference, false, CvBestMetric.DEFAULT).run(sc);
            assertArrayEquals(Storage.read(Storage.resolve(reference, "report.json")),
                    Storage.read(Storage.resolve(out, "report.json")));
        } finally {
            sc.stop();
        }
        Map<String, Long> after = times(out);
        assertEquals(total, after.size());
        after.keySet().retainAll(before.keySet());
        assertEquals(before, after, "finished tasks were not recomputed");
    }

    /**
     * Runs the sweep in a child JVM on local[2] (stdout, with INFO logging, to {@code tmp/driver.log}, stderr
     * to {@code tmp/driver.err}) until at least 3 task results exist, then stops it with {@code stopper}.
     *
     * @return how many task results exist once it ended
     */
    static int stopMidSweep(Path tmp, String config, String out, Stopper stopper) throws Exception {
        int total = CvPlan.load(Storage.read(config), config, List.of()).tasks().size();
        try (ChildJvms jvms = new ChildJvms(tmp)) {
            Path log = tmp.resolve("driver.log");
            Path err = tmp.resolve("driver.err");
            Process driver = jvms.start(List.of("-Xmx512m", "-Dspark.master=local[2]", "-Dspark.ui.enabled=false",
                            "-Dlog4j2.configurationFile=" + jvms.infoLogging()), ChildJvms.classpath(),
                    "org.neuralode.cli.Main", List.of("cv", "--config", config, "--out", out),
                    Map.of("OMP_NUM_THREADS", "1", "SPARK_LOCAL_IP", "127.0.0.1"), log, err);
            assertTrue(ChildJvms.await(() -> taskFiles(out).size() >= 3, Duration.ofSeconds(90)),
                    () -> ChildJvms.tail(log, 4000) + ChildJvms.tail(err, 4000));
            stopper.stop(driver);
            int done = taskFiles(out).size();
            assertTrue(done < total, "the driver finished before it was stopped");
            return done;
        }
    }

    private static List<String> taskFiles(String out) {
        return Storage.list(Storage.resolve(out, TaskResultFiles.TASKS)).stream()
                .filter(name -> name.matches("g\\d+-f\\d+-m\\d+\\.json")).toList();
    }

    /** Modification time of every task result file, by name. */
    private static Map<String, Long> times(String out) throws IOException {
        Map<String, Long> m = new HashMap<>();
        for (String name : taskFiles(out)) {
            org.apache.hadoop.fs.Path p = new org.apache.hadoop.fs.Path(
                    Storage.resolve(Storage.resolve(out, TaskResultFiles.TASKS), name));
            m.put(name, p.getFileSystem(new Configuration()).getFileStatus(p).getModificationTime());
        }
        return m;
    }
}
