package org.neuralode.spark.cv;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.neuralode.io.RunLock;
import org.neuralode.io.Storage;

/**
 * Issue 13 (a): two {@code cv} or {@code train} runs on one {@code --out}, as child JVMs. The second, started
 * while the first holds the directory's lock, exits 2 at once naming the holder; the first completes intact
 * (every file its own). A lock left by a killed run is taken over with one warning.
 */
class ConcurrentRunsTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path tmp;

    private Process start(ChildJvms jvms, String name, List<String> args) throws IOException {
        return jvms.start(List.of("-Xmx512m", "-Dspark.master=local[2]", "-Dspark.ui.enabled=false"),
                ChildJvms.classpath(), "org.neuralode.cli.Main", args,
                Map.of("OMP_NUM_THREADS", "1", "SPARK_LOCAL_IP", "127.0.0.1"), tmp.resolve(name + ".log"));
    }

    private Path config(String name, String validation, String sweep, int steps) throws IOException {
        return Files.write(tmp.resolve(name + ".yaml").toAbsolutePath(),
                CvTestConfigs.yaml(validation, sweep, 1, steps));
    }

    /**
     * Starts {@code first}, waits for its lock, runs {@code second} on the same directory to its end and checks
     * it was refused naming the first, then lets the first complete; its run.json says completed and no lock
     * is left.
     */
    private void secondRefusedWhileFirstCompletes(String command, Path out, List<String> first, List<String> second)
            throws Exception {
        try (ChildJvms jvms = new ChildJvms(tmp)) {
            Process holder = start(jvms, "first", first);
            assertTrue(ChildJvms.await(() -> Files.exists(out.resolve(RunLock.NAME)), Duration.ofSeconds(90)),
                    () -> ChildJvms.tail(tmp.resolve("first.log"), 4000));
            Process refused = start(jvms, "second", second);
            assertTrue(refused.waitFor(120, TimeUnit.SECONDS), "the second run ended");
            String log = ChildJvms.read(tmp.resolve("second.log"));
            assertEquals(2, refused.exitValue(), log);
            assertTrue(log.contains("is in use by '" + command + "' (pid " + holder.pid() + " on "), log);
            assertFalse(log.contains("\tat ") || log.contains("Exception"), log);
            assertTrue(holder.waitFor(300, TimeUnit.SECONDS), "the first run ended");
            assertEquals(0, holder.exitValue(), ChildJvms.tail(tmp.resolve("first.log"), 4000));
        }
        assertEquals("completed", JSON.readTree(out.resolve("run.json").toFile()).get("status").asText());
        assertFalse(Files.exists(out.resolve(RunLock.NAME)));
    }

    @Test
    @Timeout(600)
    void aSecondCvOnALockedDirectoryExitsTwoAndTheFirstCompletesIntact() throws Exception {
        Path out = tmp.resolve("cv").toAbsolutePath();
        Path a = config("a", "{leave_one_out: true}", "{model.width: [3, 4]}", 300);
        Path b = config("b", "{leave_one_out: true}", "{model.width: [5]}", 20);
        secondRefusedWhileFirstCompletes("cv", out, List.of("cv", "--config", a.toString(), "--out", out.toString()),
                List.of("cv", "--config", b.toString(), "--out", out.toString(), "--overwrite"));
        String hash = CvPlan.load(Files.readAllBytes(a), a.toString(), List.of()).configHash();
        assertEquals(24, JSON.readTree(out.resolve("report.json").toFile()).get("tasks").size());
        for (String name : Storage.list(out.resolve("tasks").toString())) {
            assertEquals(hash, JSON.readTree(out.resolve("tasks").resolve(name).toFile()).get("config_hash").asText());
        }
    }

    @Test
    @Timeout(600)
    void aSecondTrainOnALockedDirectoryExitsTwoAndTheFirstCompletesIntact() throws Exception {
        Path out = tmp.resolve("train").toAbsolutePath();
        Path a = config("a", "{fraction: 0.25, seed: 0}", "{}", 30000);
        Path b = config("b", "{fraction: 0.25, seed: 0}", "{}", 10);
        secondRefusedWhileFirstCompletes("train", out, List.of("train", "--config", a.toString(), "--out",
                out.toString(), "--no-progress"), List.of("train", "--config", b.toString(), "--out", out.toString(),
                "--no-progress", "--set", "model.width=7"));
        assertTrue(Files.readString(out.resolve("config.yaml")).contains("width: 4"), "the first run's config");
        assertTrue(Files.readString(out.resolve("progress.tsv")).lines().anyMatch(l -> l.startsWith("1\t29999\t")));
    }

    /** A SIGKILLed run leaves its lock behind; the next run takes it over with one warning line. */
    @Test
    @Timeout(300)
    void aLockLeftByAKilledRunIsTakenOverWithOneWarning() throws Exception {
        Path out = tmp.resolve("train").toAbsolutePath();
        Path a = config("a", "{fraction: 0.25, seed: 0}", "{}", 10);
        try (ChildJvms jvms = new ChildJvms(tmp)) {
            Process killed = start(jvms, "killed", List.of("train", "--config", a.toString(), "--out",
                    out.toString(), "--no-progress", "--set", "strategy[0].steps=1000000"));
            assertTrue(ChildJvms.await(() -> Files.exists(out.resolve("config.yaml")), Duration.ofSeconds(90)));
            ChildJvms.kill(killed);
            assertTrue(Files.exists(out.resolve(RunLock.NAME)), "SIGKILL leaves the lock");
            Process next = start(jvms, "next", List.of("train", "--config", a.toString(), "--out", out.toString(),
                    "--no-progress"));
            assertTrue(next.waitFor(120, TimeUnit.SECONDS));
            String log = ChildJvms.read(tmp.resolve("next.log"));
            assertEquals(0, next.exitValue(), log);
            List<String> warnings = log.lines().filter(l -> l.startsWith("neuralode: warning:")).toList();
            assertEquals(1, warnings.size(), log);
            String host = InetAddress.getLocalHost().getHostName();
            assertTrue(warnings.get(0).startsWith("neuralode: warning: taking over the lock of 'train' (pid "
                    + killed.pid() + " on " + host + ", started "), warnings.get(0));
            assertTrue(warnings.get(0).endsWith("process " + killed.pid() + " is not running"), warnings.get(0));
        }
        assertFalse(Files.exists(out.resolve(RunLock.NAME)));
        assertTrue(Instant.parse(JSON.readTree(out.resolve("run.json").toFile()).get("end").asText())
                .isAfter(Instant.now().minusSeconds(300)));
    }
}
