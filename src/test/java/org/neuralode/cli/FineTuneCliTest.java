package org.neuralode.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.neuralode.CatalaxReference;
import org.neuralode.data.Hashes;
import org.neuralode.io.ModelFiles;
import org.neuralode.io.Storage;
import org.neuralode.model.MechanisticFit;

/**
 * {@code train --init MODEL}: fine-tuning from a saved model or Catalax {@code .eqx}. One step at a negligible
 * learning rate reproduces the initial model's metrics; {@code run.json} records the model's path and SHA-256;
 * a model that does not match the configuration is refused naming the key, before anything is written.
 */
class FineTuneCliTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String EQX = CatalaxReference.file("menten_trained.eqx").toString();
    private static final String ZIP = CatalaxReference.file("croissant_dataset.zip").toString();
    private static final String ONE_TINY_STEP = "strategy=[{lr: 1.0e-12, steps: 1, batch_size: 3}]";

    private static CliRun train(String config, String init, Path out, String... overrides) {
        return CliRun.withSets(List.of("train", "--config", config, "--init", init, "--out", out.toString(),
                "--no-progress"), overrides);
    }

    @Test
    void oneTinyStepFromACatalaxModelReproducesItsMetrics(@TempDir Path dir) throws IOException {
        CliRun before = CliRun.of("evaluate", "--model", EQX, "--dataset", ZIP, "--json");
        assertEquals(0, before.code(), before.err());
        Path out = dir.resolve("tuned");
        CliRun r = train("conf/catalax-notebook.yaml", EQX, out, "dataset.augment.n=0", "dataset.validation=null",
                ONE_TINY_STEP);
        assertEquals(0, r.code(), r.err());
        JsonNode expected = JSON.readTree(before.out());
        JsonNode after = JSON.readTree(out.resolve("metrics.json").toFile()).get("train");
        for (String metric : List.of("mae", "loss", "chi_square", "weighted_mape", "r_squared")) {
            double e = expected.get(metric).asDouble();
            assertEquals(e, after.get(metric).asDouble(), 1e-9 * Math.abs(e), metric);
        }
        assertEquals(expected.get("n_points").asInt(), after.get("n_points").asInt());
        JsonNode init = JSON.readTree(out.resolve("run.json").toFile()).get("init");
        assertEquals(EQX, init.get("path").asText());
        assertEquals(Hashes.sha256(Files.readAllBytes(Path.of(EQX))), init.get("sha256").asText());
    }

    @Test
    void aNetworkOfAnotherShapeOrKindIsRefusedNamingTheKey(@TempDir Path dir) {
        Path out = dir.resolve("x");
        CliRun width = train("conf/catalax-notebook.yaml", EQX, out, "model.width=8");
        assertEquals(2, width.code(), width.err());
        assertTrue(width.err().strip().startsWith("neuralode: error: conf/catalax-notebook.yaml: model.width: 8, but "
                + "the initial model " + EQX + " has "), width.err());
        CliRun activation = train("conf/catalax-notebook.yaml", EQX, out, "model.activation=tanh");
        assertEquals(2, activation.code(), activation.err());
        assertTrue(activation.err().contains("model.activation: tanh, but the initial model"), activation.err());
        CliRun kind = train("conf/michaelis-menten-fit.yaml", EQX, out);
        assertEquals(2, kind.code(), kind.err());
        assertEquals("neuralode: error: --init " + EQX + ": is a neural model but conf/michaelis-menten-fit.yaml "
                + "has model.kind mechanistic", kind.err().strip());
        assertFalse(Files.exists(out));
    }

    @Test
    void aMechanisticModelFineTunesWhenItsFitMatches(@TempDir Path dir) throws IOException {
        String file = "conf/michaelis-menten-guess.model.yaml";
        MechanisticFit start = MechanisticFit.start(Storage.read(file), file, List.of("v_max", "K_m"), Map.of(), "t");
        double[] theta = start.theta();
        theta[0] += 0.5;
        Path saved = dir.resolve("start");
        ModelFiles.save(start.withTheta(theta), saved.toString(), Map.of());
        Path out = dir.resolve("tuned");
        CliRun ok = train("conf/michaelis-menten-fit.yaml", saved.toString(), out, ONE_TINY_STEP);
        assertEquals(0, ok.code(), ok.err());
        JsonNode parameters = JSON.readTree(out.resolve("metrics.json").toFile()).get("parameters");
        Map<String, Double> expected = start.withTheta(theta).namedParameters();
        assertEquals(expected.get("v_max"), parameters.get("v_max").asDouble(), 1e-9 * expected.get("v_max"));
        assertEquals(expected.get("K_m"), parameters.get("K_m").asDouble(), 1e-9 * expected.get("K_m"));

        CliRun fit = train("conf/michaelis-menten-fit.yaml", saved.toString(), dir.resolve("y"), "model.fit=[v_max]");
        assertEquals(2, fit.code(), fit.err());
        assertEquals("neuralode: error: conf/michaelis-menten-fit.yaml: model.fit: [v_max], but the initial model "
                + saved + " has [v_max, K_m]", fit.err().strip());
        CliRun other = train("conf/michaelis-menten-fit.yaml", saved.toString(), dir.resolve("y"),
                "model.file=conf/michaelis-menten.model.yaml");
        assertEquals(2, other.code(), other.err());
        assertTrue(other.err().contains("model.file: conf/michaelis-menten.model.yaml is not the model file"),
                other.err());
        assertFalse(Files.exists(dir.resolve("y")));
    }
}
