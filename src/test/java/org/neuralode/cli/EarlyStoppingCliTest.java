package org.neuralode.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code training.early_stopping} through {@code train}: the saved model is the best one seen (its metrics
 * equal an {@code evaluate} of the saved model), metrics.json says where it stopped, run.json stays
 * {@code completed}; bad values (and a temporal dropout outside [0, 1)) and a missing validation set exit 2
 * naming the key.
 */
class EarlyStoppingCliTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String DATA = "datasets/michaelis-menten.zip";

    private static CliRun train(Path out, String... sets) {
        List<String> args = new ArrayList<>(List.of("train", "--config", "conf/michaelis-menten.yaml", "--out",
                out.toString(), "--no-progress", "--set", "dataset.augment.n=0",
                "--set", "strategy=[{lr: 3.0e-2, steps: 400, batch_size: 9}]", "--set", "training.print_every=10"));
        for (String s : sets) {
            args.add("--set");
            args.add(s);
        }
        return CliRun.of(args.toArray(String[]::new));
    }

    @Test
    void theSavedModelIsTheBestSeenAndEvaluateReproducesItsMetrics(@TempDir Path dir) throws IOException {
        Path out = dir.resolve("es");
        // the validation file is the whole dataset, so that evaluate can score the saved model on the same data
        CliRun r = train(out, "dataset.validation={path: " + DATA + "}",
                "training.early_stopping={patience: 3, min_delta: 0.0}");
        assertEquals(0, r.code(), r.err());
        JsonNode metrics = JSON.readTree(out.resolve("metrics.json").toFile());
        JsonNode training = metrics.get("training");
        assertTrue(training.has("stopped_early") && training.has("best_step") && training.has("best_phase"),
                training.toString());
        CliRun ev = CliRun.of("evaluate", "--model", out.resolve("model").toString(), "--dataset", DATA, "--json");
        assertEquals(0, ev.code(), ev.err());
        double saved = JSON.readTree(ev.out()).get("mae").asDouble();
        assertEquals(metrics.get("validation").get("mae").asDouble(), saved, 1e-12 * saved);
        // the best row of progress.tsv is the reported one, and no row has a lower validation loss
        double best = training.get("best_val_loss").asDouble();
        List<String> rows = Files.readAllLines(out.resolve("progress.tsv"));
        for (String row : rows.subList(1, rows.size())) {
            assertTrue(Double.parseDouble(row.split("\t")[4]) >= best, row);
        }
        assertEquals("completed", JSON.readTree(out.resolve("run.json").toFile()).get("status").asText());
    }

    @Test
    void badValuesAndAMissingValidationSetExitTwoNamingTheKey(@TempDir Path dir) {
        CliRun zero = train(dir.resolve("a"), "training.early_stopping={patience: 0, min_delta: 0.0}");
        assertEquals(2, zero.code(), zero.err());
        assertTrue(zero.err().contains("training.early_stopping.patience"), zero.err());
        CliRun negative = train(dir.resolve("b"), "training.early_stopping={patience: 2, min_delta: -1.0}");
        assertEquals(2, negative.code(), negative.err());
        assertTrue(negative.err().contains("training.early_stopping.min_delta"), negative.err());
        CliRun none = train(dir.resolve("c"), "dataset.validation=null",
                "training.early_stopping={patience: 2, min_delta: 0.0}");
        assertEquals(2, none.code(), none.err());
        assertTrue(none.err().contains("training.early_stopping") && none.err().contains("validation"), none.err());
        assertFalse(Files.exists(dir.resolve("c")));
        CliRun dropout = train(dir.resolve("d"), "strategy[0].temporal_dropout=1.5");
        assertEquals(2, dropout.code(), dropout.err());
        assertTrue(dropout.err().contains("strategy[0].temporal_dropout") && dropout.err().contains("1.5"),
                dropout.err());
    }
}
