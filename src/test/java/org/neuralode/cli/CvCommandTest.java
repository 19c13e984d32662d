package org.neuralode.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code cv}'s input errors exit with 2 before any Spark context exists; with {@code refit: true} (on
 * local[2]) the closing lines say where the refit went, or why there was none (exit 3).
 */
class CvCommandTest {

    @TempDir
    Path tmp;

    private String run(int expectedCode, String... args) {
        PrintStream old = System.err;
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
        try {
            assertEquals(expectedCode, Main.run(args));
        } finally {
            System.setErr(old);
        }
        return err.toString(StandardCharsets.UTF_8);
    }

    private Path config(String validation) throws IOException {
        return config(validation, "");
    }

    private Path config(String validation, String more) throws IOException {
        Path c = tmp.resolve("c.yaml");
        Files.writeString(c, "dataset: {path: datasets/michaelis-menten.zip" + validation + "}\n"
                + "strategy: [{steps: 5, batch_size: 4}]\n" + more);
        return c;
    }

    /** Runs cv on local[2] (its own Spark context, stopped by the command). */
    private String runOnSpark(int expectedCode, String... args) {
        System.setProperty("spark.master", "local[2]");
        System.setProperty("spark.ui.enabled", "false");
        try {
            return run(expectedCode, args);
        } finally {
            System.clearProperty("spark.master");
            System.clearProperty("spark.ui.enabled");
        }
    }

    @Test
    void missingValidationIsBadInput() throws IOException {
        String err = run(ExitCodes.BAD_INPUT, "cv", "--config", config("").toString(), "--out",
                tmp.resolve("out").toString());
        assertTrue(err.contains("dataset.validation: cv needs leave_one_out"), err);
    }

    @Test
    void unknownBestMetricIsBadInput() throws IOException {
        String err = run(ExitCodes.BAD_INPUT, "cv", "--config", config(", validation: {leave_one_out: true}")
                .toString(), "--out", tmp.resolve("out").toString(), "--best-metric", "validation.accuracy");
        assertTrue(err.contains("--best-metric: 'accuracy' is not one of"), err);
    }

    @Test
    void batchLargerThanAFoldIsBadInputNamingThePhase() throws IOException {
        String err = run(ExitCodes.BAD_INPUT, "cv", "--config", config(", validation: {folds: 2}").toString(),
                "--set", "strategy[0].batch_size=7", "--out", tmp.resolve("out").toString());
        assertTrue(err.contains("strategy[0].batch_size = 7 exceeds the 6 training measurements"), err);
    }

    @Test
    void aDirectoryWithForeignFilesIsRefused() throws IOException {
        Files.writeString(tmp.resolve("notes.txt"), "mine");
        String err = run(ExitCodes.BAD_INPUT, "cv", "--config", config(", validation: {folds: 2}").toString(),
                "--out", tmp.toString());
        assertTrue(err.contains("not a neuralode run"), err);
    }

    @ParameterizedTest
    @ValueSource(strings = {"3", "maybe"})
    void aRefitThatIsNotTrueOrFalseIsBadInputNamingTheKey(String value) throws IOException {
        Path out = tmp.resolve("out");
        String err = run(ExitCodes.BAD_INPUT, "cv", "--config", config(", validation: {folds: 2}", "refit: " + value
                + "\n").toString(), "--out", out.toString());
        assertTrue(err.contains("'refit' = ") && err.contains(value) && err.contains("must be true or false"), err);
        assertFalse(Files.exists(out));
    }

    @Test
    void theClosingLinesNameTheRefitsDirectory() throws IOException {
        Path out = tmp.resolve("out");
        String err = runOnSpark(ExitCodes.OK, "cv", "--config", config(", validation: {folds: 2}", "refit: true\n")
                .toString(), "--out", out.toString());
        assertTrue(err.contains("refit of grid point 0 (no sweep) on all the data: wrote " + out.resolve("best")),
                err);
        assertTrue(Files.exists(out.resolve("best/model/params.bin")));
    }

    @Test
    void withoutACompletedTaskTheRefitIsSkippedAndTheExitCodeIsThree() throws IOException {
        Path out = tmp.resolve("out");
        String err = runOnSpark(ExitCodes.DIVERGED, "cv", "--config", config(", validation: {folds: 2}",
                "refit: true\nsolver: {max_steps: 1}\ntraining: {max_failures: 1}\n").toString(), "--out",
                out.toString());
        assertTrue(err.contains("neuralode: cv: refit skipped: no task completed"), err);
        assertFalse(Files.exists(out.resolve("best")));
    }
}
