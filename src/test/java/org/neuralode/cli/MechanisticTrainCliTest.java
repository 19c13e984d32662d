package org.neuralode.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
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
import org.neuralode.hybrid.UniversalOde;
import org.neuralode.io.ModelFiles;
import org.neuralode.model.MechanisticFit;

/**
 * {@code train} with {@code model: {kind: mechanistic, ...}} ({@code conf/michaelis-menten-fit.yaml}) and
 * {@code kind: universal}: the fitted constants in metrics.json, saved models that reload and that
 * {@code evaluate} accepts, and one-line refusals of a bad {@code fit}, a model file naming an unknown symbol,
 * and mechanistic keys on a neural model.
 */
class MechanisticTrainCliTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static CliRun train(Path out, String... overrides) {
        return CliRun.withSets(List.of("train", "--config", "conf/michaelis-menten-fit.yaml", "--out",
                out.toString(), "--no-progress"), overrides);
    }

    @Test
    void fitsTheConstantsAndSavesAModelThatEvaluateReproduces(@TempDir Path dir) throws IOException {
        Path out = dir.resolve("fit");
        CliRun r = train(out, "strategy[0].steps=300", "strategy[1].steps=300", "strategy[2].steps=200");
        assertEquals(0, r.code(), r.err());
        JsonNode metrics = JSON.readTree(out.resolve("metrics.json").toFile());
        // noise-free data simulated with v_max 7, K_m 100; the bar is 1%
        assertEquals(7.0, metrics.get("parameters").get("v_max").asDouble(), 0.07);
        assertEquals(100.0, metrics.get("parameters").get("K_m").asDouble(), 1.0);
        assertEquals(2, metrics.get("validation").get("n_parameters").asInt(), "AIC/BIC count the fitted ones");

        MechanisticFit saved = (MechanisticFit) ModelFiles.load(out.resolve("model").toString());
        assertEquals(List.of("v_max", "K_m"), saved.fit());
        assertEquals(metrics.get("parameters").get("K_m").asDouble(), saved.namedParameters().get("K_m"), 0.0);
        CliRun ev = CliRun.of("evaluate", "--model", out.resolve("model").toString(), "--dataset",
                "datasets/michaelis-menten.zip", "--json");
        assertEquals(0, ev.code(), ev.err());
        JsonNode all = JSON.readTree(ev.out());
        assertEquals(2, all.get("n_parameters").asInt());
        assertTrue(all.get("mae").asDouble() < 1e-3, "the fit reproduces the noise-free data: " + all);
    }

    @Test
    void fitNamingAParameterThatDoesNotExistExitsTwoNamingIt(@TempDir Path dir) {
        CliRun r = train(dir.resolve("x"), "model.fit=[v_max, K_x]");
        assertEquals(2, r.code(), r.err());
        assertEquals("neuralode: error: conf/michaelis-menten-fit.yaml: model.fit: 'K_x' is not a parameter of "
                + "conf/michaelis-menten-guess.model.yaml (v_max, K_m)", r.err().strip());
        assertFalse(Files.exists(dir.resolve("x")));
    }

    @Test
    void anEquationNamingAnUnknownSymbolExitsTwoNamingIt(@TempDir Path dir) throws IOException {
        Path model = dir.resolve("bad.model.yaml");
        Files.writeString(model, "name: bad\nspecies: [S]\nparameters: {v_max: 1.0}\n"
                + "odes: {S: \"-v_max*S/(K_m + S)\"}\n");
        CliRun r = train(dir.resolve("x"), "model.file=" + model, "model.fit=[v_max]");
        assertEquals(2, r.code(), r.err());
        assertEquals(1, r.err().strip().lines().count(), r.err());
        assertTrue(r.err().contains(model + ": odes.S") && r.err().contains("K_m"), r.err());
    }

    @Test
    void mechanisticKeysOnANeuralModelAndAMissingFitAreRefused(@TempDir Path dir) {
        CliRun neural = train(dir.resolve("x"), "model.kind=neural");
        assertEquals(2, neural.code(), neural.err());
        assertTrue(neural.err().contains("model.kind"), neural.err());
        CliRun noFit = train(dir.resolve("y"), "model.fit=[]");
        assertEquals(2, noFit.code(), noFit.err());
        assertTrue(noFit.err().contains("model.fit"), noFit.err());
    }

    @Test
    void aUniversalModelTrainsSavesAndReloadsToTheSameMetrics(@TempDir Path dir) throws IOException {
        Path out = dir.resolve("uode");
        CliRun r = train(out, "model.kind=universal", "model.width=4", "model.activation=softplus",
                "model.weight_scale=1.0e-3", "strategy[0].steps=40", "strategy[1].steps=20", "strategy[2].steps=20");
        assertEquals(0, r.code(), r.err());
        JsonNode metrics = JSON.readTree(out.resolve("metrics.json").toFile());
        // theta: 2 mechanistic + MLP (1+1)x4+4 + 4x1 = 16, residual scale 1, gate 1x1
        assertEquals(2 + 16 + 1 + 1, metrics.get("validation").get("n_parameters").asInt());
        assertTrue(metrics.get("parameters").has("v_max"), metrics.toString());
        UniversalOde saved = (UniversalOde) ModelFiles.load(out.resolve("model").toString());
        assertTrue(saved.gated());
        Path copy = dir.resolve("copy");
        ModelFiles.save(saved, copy.toString(), Map.of());
        assertArrayEquals(Files.readAllBytes(out.resolve("model/params.bin")),
                Files.readAllBytes(copy.resolve("params.bin")));
        CliRun ev = CliRun.of("evaluate", "--model", out.resolve("model").toString(), "--dataset",
                "datasets/michaelis-menten.zip", "--json");
        assertEquals(0, ev.code(), ev.err());
        assertEquals(20, JSON.readTree(ev.out()).get("n_parameters").asInt());
    }
}
