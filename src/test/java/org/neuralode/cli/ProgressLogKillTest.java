package org.neuralode.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code progress.tsv} grows a flushed row per monitoring point: a child JVM trains one long phase and is
 * killed with SIGKILL once the file holds two rows; every row written before the kill is there, whole.
 */
class ProgressLogKillTest {

    private static final String HEADER =
            "strategy\tstep\tmean_loss\tmae\tval_loss\tval_mae\tgrad_norm\tparam_norm\tupdate_norm";
    private static final int PRINT_EVERY = 3;

    @Test
    void sigkillMidPhaseKeepsEveryRowWrittenSoFar(@TempDir Path dir) throws Exception {
        Path config = dir.resolve("job.yaml");
        Files.writeString(config, "dataset: {path: " + Path.of("datasets/michaelis-menten.zip").toAbsolutePath()
                + ", validation: {fraction: 0.25, seed: 0}}\n"
                + "model: {width: 8, depth: 1, activation: tanh, weight_scale: 1.0e-3}\n"
                + "strategy:\n  - {lr: 1.0e-3, steps: 1000000, batch_size: 5}\n"
                + "training: {print_every: " + PRINT_EVERY + "}\n");
        Path out = dir.resolve("run");
        Path tsv = out.resolve("progress.tsv");
        List<String> cmd = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), "-Djava.awt.headless=true", Main.class.getName(),
                "train", "--config", config.toString(), "--out", out.toString(), "--no-progress");
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true)
                .redirectOutput(dir.resolve("child.log").toFile()).start();
        List<String> seen;
        try {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
            seen = completeLines(tsv);
            while (seen.size() < 3 && p.isAlive() && System.nanoTime() < deadline) {
                Thread.sleep(50);
                seen = completeLines(tsv);
            }
            assertTrue(seen.size() >= 3, "header and two rows before the kill: " + seen + "\n"
                    + Files.readString(dir.resolve("child.log")));
            p.destroyForcibly(); // SIGKILL: no shutdown hook runs, nothing is rewritten
            assertTrue(p.waitFor(60, TimeUnit.SECONDS), "child exited");
        } finally {
            p.destroyForcibly();
        }
        assertEquals(137, p.exitValue(), "killed, not finished");
        String text = Files.readString(tsv, StandardCharsets.UTF_8);
        assertTrue(text.endsWith("\n"), "no partial last row");
        List<String> lines = List.of(text.split("\n"));
        assertEquals(HEADER, lines.get(0));
        assertTrue(lines.size() >= seen.size(), lines.size() + " lines after the kill, " + seen.size() + " before");
        assertEquals(seen, lines.subList(0, seen.size()), "rows seen before the kill are intact");
        for (int i = 1; i < lines.size(); i++) {
            String[] cells = lines.get(i).split("\t", -1);
            assertEquals(9, cells.length, lines.get(i));
            assertEquals("1", cells[0]);
            assertEquals(PRINT_EVERY * (i - 1), Integer.parseInt(cells[1]), "rows in order, none missing");
            for (int c = 2; c < cells.length; c++) {
                assertTrue(Double.isFinite(Double.parseDouble(cells[c])), lines.get(i));
            }
        }
        assertTrue(!Files.exists(out.resolve("metrics.json")), "the run never finished");
    }

    /** The file's lines that end with a line terminator (none when it does not exist yet). */
    private static List<String> completeLines(Path tsv) throws IOException {
        if (!Files.exists(tsv)) {
            return List.of();
        }
        String text = Files.readString(tsv, StandardCharsets.UTF_8);
        List<String> lines = new ArrayList<>(List.of(text.split("\n", -1)));
        lines.remove(lines.size() - 1); // after the last terminator: empty or a partial line
        return lines;
    }
}
