package org.neuralode.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code cv}'s input errors exit with 2 before any Spark context exists. */
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
        Path c = tmp.resolve("c.yaml");
        Files.writeString(c, "dataset: {path: datasets/michaelis-menten.zip" + validation + "}\n"
                + "strategy: [{steps: 5, batch_size: 4}]\n");
        return c;
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
}
