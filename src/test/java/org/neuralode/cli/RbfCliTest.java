package org.neuralode.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.neuralode.hybrid.UniversalOde;
import org.neuralode.io.ModelFiles;
import org.neuralode.nn.MlpSpec;
import org.neuralode.nn.NeuralOde;

/**
 * {@code model.rbf} end to end: an RBF network trains, saves, exports to {@code .eqx} and evaluates; a universal
 * model's correction may be one.
 */
class RbfCliTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String DATA = "datasets/michaelis-menten.zip";

    @Test
    void rbfNetworkTrainsSavesExportsAndEvaluates(@TempDir Path dir) throws Exception {
        Path run = dir.resolve("run");
        CliRun r = CliRun.of("train", "--config", "conf/michaelis-menten.yaml", "--out", run.toString(),
                "--set", "model={width: 6, depth: 2, rbf: {gamma: 0.5}, weight_scale: 1.0e-3, seed: 0}",
                "--set", "strategy=[{lr: 1.0e-2, steps: 40, batch_size: 10}]", "--set", "training.print_every=10",
                "--set", "training.save_milestones=true", "--no-progress");
        assertEquals(0, r.code(), r.err());
        JsonNode header = JSON.readTree(run.resolve("model/model.json").toFile());
        assertEquals("{\"gamma\":0.5}", header.get("rbf").toString());

        NeuralOde trained = (NeuralOde) ModelFiles.load(run.resolve("model").toString());
        MlpSpec spec = MlpSpec.rbfNetwork(1, 6, 2, false, 0.5);
        assertEquals(spec, trained.spec());
        double[] start = NeuralOde.initialise(trained.states(), spec, trained.tMax(), 1e-3, 0).theta();
        for (int l = 0; l < spec.depth(); l++) {
            int c = spec.centreOffset(l);
            double[] before = Arrays.copyOfRange(start, c, c + 6);
            double[] after = Arrays.copyOfRange(trained.theta(), c, c + 6);
            assertTrue(!Arrays.equals(before, after), "layer " + l + " centres trained: " + Arrays.toString(after));
        }
        List<String> log = Files.readAllLines(run.resolve("progress.tsv"));
        double first = Double.parseDouble(log.get(1).split("\t")[2]);
        double last = Double.parseDouble(log.get(log.size() - 1).split("\t")[2]);
        assertTrue(last < first, "the training loss falls: " + first + " -> " + last);

        Path eqx = dir.resolve("rbf.eqx");
        CliRun ex = CliRun.of("export", "--model", run.resolve("model").toString(), "--format", "eqx",
                "--out", eqx.toString());
        assertEquals(0, ex.code(), ex.err());
        double a = metrics(run.resolve("model").toString()).get("mae").asDouble();
        double b = metrics(eqx.toString()).get("mae").asDouble();
        double c = metrics(run.resolve("milestones/phase-1.eqx").toString()).get("mae").asDouble();
        // float32 parameters (relative rounding 6e-8) move predictions of ~300 by ~1e-4 at most
        assertEquals(a, b, 1e-3 * a);
        assertEquals(b, c, 0.0, "the milestone of the last phase is the exported model");
    }

    @Test
    void aUniversalModelsCorrectionCanBeAnRbfNetwork(@TempDir Path dir) throws Exception {
        Path run = dir.resolve("uode");
        CliRun r = CliRun.withSets(List.of("train", "--config", "conf/michaelis-menten-fit.yaml", "--out",
                run.toString(), "--no-progress"), "model.kind=universal", "model.width=4", "model.rbf.gamma=1",
                "model.weight_scale=1.0e-3", "strategy[0].steps=20", "strategy[1].steps=10", "strategy[2].steps=10");
        assertEquals(0, r.code(), r.err());
        UniversalOde saved = (UniversalOde) ModelFiles.load(run.resolve("model").toString());
        assertEquals(MlpSpec.rbfNetwork(1, 4, 1, false, 1.0), saved.spec());
        // theta: 2 mechanistic + MLP (1+1)x4 + 4 + 4 centres + 4x1 = 20, residual scale 1, gate 1x1
        assertEquals(24, metrics(run.resolve("model").toString()).get("n_parameters").asInt());
    }

    private static JsonNode metrics(String model) throws Exception {
        CliRun r = CliRun.of("evaluate", "--model", model, "--dataset", DATA, "--json");
        assertEquals(0, r.code(), r.err());
        return JSON.readTree(r.out());
    }
}
