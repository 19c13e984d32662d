package org.neuralode.spark.cv;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.spark.api.java.JavaSparkContext;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.neuralode.report.CvBestMetric;

/**
 * Killing the driver: a child JVM runs {@code neuralode cv} on local[2] and is killed with SIGKILL once
 * some task results exist; the same command rerun (here in-process) computes only the missing tasks,
 * leaves the finished ones untouched, and writes a report.json byte-identical to an uninterrupted run.
 */
@Tag("cluster")
class CvDriverKillTest {

    @TempDir
    Path tmp;

    @Test
    void rerunAfterDriverKillComputesOnlyMissingTasksAndGivesTheSameReport() throws Exception {
        Path config = tmp.resolve("cv.yaml").toAbsolutePath();
        Files.write(config, CvTestConfigs.yaml("{leave_one_out: true}", "{model.width: [3, 4]}", 1, 150));
        String source = config.toString();
        CvPlan plan = CvPlan.load(Files.readAllBytes(config), source, List.of());
        int total = plan.tasks().size();
        Path out = tmp.resolve("killed");
        int done;
        try (ChildJvms jvms = new ChildJvms(tmp)) {
            Path log = tmp.resolve("driver.log");
            Process driver = jvms.start(List.of("-Xmx512m", "-Dspark.master=local[2]", "-Dspark.ui.enabled=false",
                            "-Dlog4j2.configurationFile=" + jvms.infoLogging()), ChildJvms.classpath(),
                    "org.neuralode.cli.Main", List.of("cv", "--config", source, "--out", out.toString()),
                    Map.of("OMP_NUM_THREADS", "1", "SPARK_LOCAL_IP", "127.0.0.1"), log);
            assertTrue(ChildJvms.await(() -> taskFiles(out).size() >= 3, Duration.ofSeconds(90)),
                    () -> ChildJvms.tail(log, 4000));
            ChildJvms.kill(driver);
            done = taskFiles(out).size();
            assertTrue(done < total, "the driver finished before it was killed");
        }
        Map<Path, FileTime> before = times(taskFiles(out));

        JavaSparkContext sc = CvTestConfigs.localContext(2);
        try {
            CvJob resumed = CvJob.open(plan, out.toString(), false, CvBestMetric.DEFAULT);
            assertEquals(total - done, resumed.pending().size());
            CvJob.Outcome outcome = resumed.run(sc);
            assertEquals(done, outcome.skipped());
            assertEquals(total - done, outcome.computed());
            Path reference = tmp.resolve("uninterrupted");
            CvJob.open(plan, reference.toString(), false, CvBestMetric.DEFAULT).run(sc);
            assertArrayEquals(Files.readAllBytes(reference.resolve("report.json")),
                    Files.readAllBytes(out.resolve("report.json")));
        } finally {
            sc.stop();
        }
        assertEquals(before, times(before.keySet()), "finished tasks were not recomputed");
        assertEquals(total, taskFiles(out).size());
    }

    private static List<Path> taskFiles(Path out) {
        Path tasks = out.resolve("tasks");
        if (!Files.isDirectory(tasks)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(tasks)) {
            return s.filter(p -> p.getFileName().toString().matches("g\\d+-f\\d+-m\\d+\\.json")).toList();
        } catch (IOException e) {
            return List.of();
        }
    }

    private static Map<Path, FileTime> times(Iterable<Path> files) throws IOException {
        Map<Path, FileTime> m = new HashMap<>();
        for (Path p : files) {
            m.put(p, Files.getLastModifiedTime(p));
        }
        return m;
    }
}
