package org.neuralode.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.neuralode.cli.Main;

/**
 * Issue 13 (c): configurations too large for the heap are refused before any work, exit 2, one stderr line
 * naming the key, the estimate and the limit, nothing written. Each runs in a child JVM with a 256 MiB heap
 * (the {@code @Timeout} only guards against a hang: without the check these ran for a minute or died of an
 * OutOfMemoryError).
 */
class ResourceChecksCliTest {

    @TempDir
    Path dir;

    private Path config() throws IOException {
        return Files.writeString(dir.resolve("job.yaml"), "dataset: {path: "
                + Path.of("datasets/michaelis-menten.zip").toAbsolutePath() + ", augment: {n: 2, sigma: 0.01}}\n"
                + "model: {width: 8, depth: 1, activation: tanh, weight_scale: 1.0e-3}\n"
                + "strategy:\n  - {lr: 1.0e-3, steps: 20, batch_size: 5}\n"
                + "training: {progress: false}\n");
    }

    /** Runs {@code neuralode args} in a child JVM with a 256 MiB heap; returns exit code and stderr. */
    private String[] run(List<String> args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m", "-cp", System.getProperty("java.class.path"), "-Dspark.master=local[2]",
                Main.class.getName()));
        cmd.addAll(args);
        Path err = dir.resolve("err.txt");
        Process p = new ProcessBuilder(cmd).redirectError(err.toFile()).redirectOutput(dir.resolve("out.txt").toFile())
                .start();
        try {
            assertTrue(p.waitFor(120, TimeUnit.SECONDS), "the child ended");
        } finally {
            p.destroyForcibly();
        }
        return new String[] {String.valueOf(p.exitValue()), Files.readString(err)};
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "train | model.width=100000000 | model.width = 100000000",
        "train | model.depth=100000    | model.depth = 100000",
        "train | dataset.augment.n=1000000000 | dataset.augment.n = 1000000000",
        "cv    | model.width=100000000 | model.width = 100000000",
        "cv    | dataset.augment.n=1000000000 | dataset.augment.n = 1000000000"})
    @Timeout(180)
    void tooLargeForTheHeapIsRefusedBeforeAnyWork(String command, String set, String named) throws Exception {
        Path out = dir.resolve("out");
        List<String> args = new ArrayList<>(List.of(command, "--config", config().toString(), "--out", out.toString(),
                "--set", set));
        if (command.equals("cv")) {
            args.addAll(List.of("--set", "dataset.validation={folds: 3, seed: 0}"));
        } else {
            args.add("--no-progress");
        }
        String[] r = run(args);
        List<String> lines = r[1].strip().lines().filter(l -> !l.startsWith("OpenJDK")).toList();
        assertEquals("2", r[0], r[1]);
        assertEquals(1, lines.size(), r[1]);
        String line = lines.get(0);
        assertTrue(line.contains(named) && line.contains("needs about") && line.contains("max heap")
                && line.contains("-Xmx"), line);
        assertFalse(r[1].contains("\tat ") || r[1].contains("Exception") || r[1].contains("OutOfMemory"), r[1]);
        assertFalse(Files.exists(out), "nothing written");
    }

    /** The same configuration at its normal size passes the check and trains. */
    @Test
    @Timeout(180)
    void aNormalConfigurationPassesTheCheck() throws Exception {
        String[] r = run(List.of("train", "--config", config().toString(), "--out", dir.resolve("out").toString(),
                "--no-progress"));
        assertEquals("0", r[0], r[1]);
    }
}
