package org.neuralode.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.neuralode.io.ModelFiles;

/** Training that goes wrong: divergence (exit 3) and SIGTERM during training (exit 143), nothing lost. */
class FailureModesTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static Path config(Path dir, double lr, int steps) throws IOException {
        Path c = dir.resolve("job.yaml");
        Files.writeString(c, "dataset: {path: " + Path.of("datasets/michaelis-menten.zip").toAbsolutePath()
                + ", validation: {fraction: 0.25, seed: 0}}\n"
                + "model: {width: 8, depth: 1, activation: tanh, weight_scale: 1.0e-3}\n"
                + "strategy:\n  - {lr: " + lr + ", steps: " + steps + ", batch_size: 5}\n"
                + "training: {print_every: 10, max_failures: 5}\n");
        return c;
    }

    @Test
    void divergingTrainingExitsThreeKeepingTheLastGoodModel(@TempDir Path dir) throws IOException {
        Path out = dir.resolve("run");
        CliRun r = CliRun.of("train", "--config", config(dir, 1e3, 200).toString(), "--out", out.toString(),
                "--no-progress");
        assertEquals(3, r.code(), r.err());
        assertTrue(r.err().contains("training diverged: 5 consecutive updates failed"), r.err());
        assertTrue(r.noStackTrace(), r.err());
        JsonNode run = JSON.readTree(out.resolve("run.json").toFile());
        assertEquals("diverged", run.get("status").asText());
        JsonNode metrics = JSON.readTree(out.resolve("metrics.json").toFile());
        assertEquals(5, metrics.get("training").get("skipped_updates").asInt());
        // the kept model is one whose loss was finite: it solves every measurement
        assertTrue(metrics.get("validation").get("mae").isNumber(), metrics.toString());
        assertTrue(Double.isFinite(ModelFiles.load(out.resolve("model").toString()).theta()[0]));
    }

    /** A child JVM trains; SIGTERM mid-run: exit 143, the last completed model saved, run.json says so. */
    @Test
    void sigtermDuringTrainingSavesTheLastModelAndExits143(@TempDir Path dir) throws Exception {
        Path out = dir.resolve("run");
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), "-Djava.awt.headless=true",
                Main.class.getName(), "train", "--config", config(dir, 1e-3, 1_000_000).toString(),
                "--out", out.toString(), "--no-progress"));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true)
                .redirectOutput(dir.resolve("child.log").toFile()).start();
        try {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (!Files.exists(out.resolve("config.yaml")) && System.nanoTime() < deadline) {
                Thread.sleep(100);
            }
            assertTrue(Files.exists(out.resolve("config.yaml")), "training started");
            Thread.sleep(1500);
            p.destroy(); // SIGTERM
            assertTrue(p.waitFor(60, TimeUnit.SECONDS), "child exited");
            String log = Files.readString(dir.resolve("child.log"));
            assertEquals(143, p.exitValue(), log);
            assertTrue(log.contains("saved the last completed model"), log);
            JsonNode run = JSON.readTree(out.resolve("run.json").toFile());
            assertEquals("interrupted", run.get("status").asText());
            for (String f : List.of("model/params.bin", "milestones/interrupted/model.json", "metrics.json")) {
                assertTrue(Files.isRegularFile(out.resolve(f)), f);
            }
            assertEquals(ModelFiles.load(out.resolve("model").toString()),
                    ModelFiles.load(out.resolve("milestones/interrupted").toString()));
        } finally {
            p.destroyForcibly();
        }
        assertTrue(new File(out.toFile(), "progress.tsv").length() > 0);
    }

    /** An OutOfMemoryError, also as the cause of another exception, is one line naming the heap and the flag. */
    @Test
    void outOfMemoryIsOneLineNamingTheHeapAndTheFlag() {
        String line = Main.outOfMemory(new IllegalStateException(new OutOfMemoryError("Java heap space")));
        assertTrue(line.startsWith("neuralode: out of memory (Java heap space); the JVM's max heap is "), line);
        assertTrue(line.contains("NEURALODE_JAVA_OPTS=-Xmx") && line.contains("--driver-memory")
                && line.contains("--executor-memory") && line.lines().count() == 1, line);
        assertTrue(Main.outOfMemory(new IllegalStateException("no")) == null);
    }

    /** A run that fails (here: its dataset is missing) leaves an existing output directory byte-identical. */
    @Test
    void failedRunLeavesAnExistingDirectoryAsItWas(@TempDir Path dir) throws IOException {
        Path out = dir.resolve("mine");
        Files.createDirectories(out.resolve("sub"));
        Files.writeString(out.resolve("report.txt"), "last week's report");
        Files.write(out.resolve("sub/data.bin"), new byte[] {1, 2, 3});
        java.util.Map<String, String> before = snapshot(out);
        CliRun r = CliRun.of("train", "--config", config(dir, 1e-3, 5).toString(), "--set",
                "dataset.path=" + dir.resolve("missing.zip"), "--out", out.toString(), "--overwrite", "--no-progress");
        assertEquals(2, r.code(), r.err());
        assertTrue(r.err().contains("missing.zip: no such file"), r.err());
        assertEquals(before, snapshot(out));
    }

    private static java.util.Map<String, String> snapshot(Path root) throws IOException {
        java.util.Map<String, String> m = new java.util.TreeMap<>();
        try (var s = Files.walk(root)) {
            for (Path p : (Iterable<Path>) s::iterator) {
                if (Files.isRegularFile(p)) {
                    m.put(root.relativize(p).toString(), java.util.HexFormat.of().formatHex(Files.readAllBytes(p)));
                }
            }
        }
        return m;
    }
}
