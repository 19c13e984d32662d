package org.neuralode.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.neuralode.data.Splits;
import org.neuralode.io.DatasetFiles;
import org.neuralode.io.ModelFiles;
import org.neuralode.nn.NeuralOde;
import org.neuralode.ode.SolverOptions;
import org.neuralode.train.Predictor;

/** The {@code train} command end to end on the shipped Michaelis-Menten dataset, and its refusals. */
class TrainCliTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String[] SHORT = {
        "--set", "strategy=[{lr: 1.0e-3, length: 0.3, steps: 40, batch_size: 10, alpha: 0.01},"
            + " {lr: 1.0e-3, steps: 30, batch_size: 10, alpha: 0.001, l1: 1.0e-6}]",
        "--set", "training.print_every=10", "--set", "training.save_milestones=true", "--no-progress"};

    private static CliRun train(Path out, String... extra) {
        List<String> args = new java.util.ArrayList<>(List.of("train", "--config", "conf/michaelis-menten.yaml",
                "--out", out.toString()));
        args.addAll(List.of(SHORT));
        args.addAll(List.of(extra));
        return CliRun.of(args.toArray(String[]::new));
    }

    @Test
    void trainWritesTheRunDirectory(@TempDir Path dir) throws IOException {
        Path out = dir.resolve("run");
        CliRun r = train(out);
        assertEquals(0, r.code(), r.err());
        for (String f : List.of("metrics.json", "config.yaml", "run.json", "progress.tsv", "model/model.json",
                "model/params.bin", "plots/loss.png", "plots/fit-validation-1.png",
                "milestones/phase-1/model.json", "milestones/phase-2/params.bin", "milestones/phase-1.eqx")) {
            assertTrue(Files.isRegularFile(out.resolve(f)), f);
        }
        // Catalax's milestone: an .eqx whose header carries the phase's "strategy", loadable by evaluate
        byte[] eqx = Files.readAllBytes(out.resolve("milestones/phase-2.eqx"));
        JsonNode eqxHeader = JSON.readTree(new String(eqx, 0, indexOf(eqx, (byte) '\n'), StandardCharsets.UTF_8));
        assertEquals(30, eqxHeader.get("strategy").get("steps").asInt(), eqxHeader.toString());
        CliRun ev = CliRun.of("evaluate", "--model", out.resolve("milestones/phase-2.eqx").toString(), "--dataset",
                "datasets/michaelis-menten.zip", "--json");
        assertEquals(0, ev.code(), ev.err());
        JsonNode metrics = JSON.readTree(out.resolve("metrics.json").toFile());
        for (String side : List.of("train", "validation")) {
            for (String k : List.of("n_points", "n_parameters", "loss", "mae", "chi_square", "reduced_chi_square",
                    "weighted_mape", "aic", "bic", "r_squared")) {
                assertTrue(metrics.get(side).has(k), side + "." + k);
            }
        }
        assertEquals(2, metrics.get("timing").get("phases_seconds").size());
        assertTrue(metrics.get("timing").get("train_seconds").asDouble() > 0);
        // 12 measurements: floor(12*0.8) = 9 train x (1 + 10 augmentations), 3 validation, 20 points each
        assertEquals(99 * 20, metrics.get("train").get("n_points").asInt());
        assertEquals(3 * 20, metrics.get("validation").get("n_points").asInt());

        List<String> log = Files.readAllLines(out.resolve("progress.tsv"));
        assertEquals("strategy\tstep\tmean_loss\tmae\tval_loss\tval_mae\tgrad_norm\tparam_norm\tupdate_norm",
                log.get(0));
        for (String row : log.subList(1, log.size())) {
            String[] cells = row.split("\t");
            assertEquals(9, cells.length, row);
            for (int c = 6; c < 9; c++) {
                assertTrue(Double.parseDouble(cells[c]) > 0, "a positive norm: " + row);
            }
        }
        assertEquals(1 + 5 + 4, log.size(), "steps 0,10,20,30,39 then 0,10,20,29");
        assertTrue(log.get(5).startsWith("1\t39\t"), log.get(5));

        JsonNode run = JSON.readTree(out.resolve("run.json").toFile());
        assertEquals("completed", run.get("status").asText());
        assertEquals(32, run.get("dataset").get("md5").asText().length());
        assertEquals(64, run.get("dataset").get("sha256").asText().length());
        assertTrue(run.get("versions").get("spark").asText().matches("[34]\\.\\d+\\.\\d+"), run.toString());
        assertTrue(run.get("versions").get("nd4j").asText().startsWith("1.0.0"), run.toString());
        assertEquals("auto", run.get("engine").asText());
        assertEquals("neural", run.get("model_kind").asText());

        // the saved model reproduces the reported validation metrics exactly
        NeuralOde model = (NeuralOde) ModelFiles.load(out.resolve("model").toString());
        var val = Splits.trainTestSplit(DatasetFiles.load("datasets/michaelis-menten.zip"), 0.2, 0).test();
        var again = new Predictor(model, SolverOptions.defaults()).metrics(val);
        assertEquals(metrics.get("validation").get("mae").asDouble(), again.mae(), 0.0);
        assertEquals(metrics.get("validation").get("r_squared").asDouble(), again.rSquared(), 0.0);
        assertTrue(Files.readString(out.resolve("config.yaml")).contains("steps: 40"));
    }

    /** Tests run without a terminal: progress is one plain line per monitoring point, no carriage return. */
    @Test
    void progressWithoutATerminalIsOnePlainLinePerMonitoringPoint(@TempDir Path dir) throws IOException {
        List<String> args = new java.util.ArrayList<>(List.of("train", "--config", "conf/michaelis-menten.yaml",
                "--out", dir.resolve("run").toString()));
        args.addAll(List.of(SHORT).subList(0, SHORT.length - 1)); // all but --no-progress
        assertEquals("--no-progress", SHORT[SHORT.length - 1]);
        java.io.ByteArrayOutputStream console = new java.io.ByteArrayOutputStream();
        java.io.PrintStream saved = System.err;
        CliRun r;
        System.setErr(new java.io.PrintStream(console, true, java.nio.charset.StandardCharsets.UTF_8));
        try {
            r = CliRun.of(args.toArray(String[]::new));
        } finally {
            System.setErr(saved);
        }
        assertEquals(0, r.code(), r.err());
        String text = console.toString(java.nio.charset.StandardCharsets.UTF_8);
        assertFalse(text.contains("\r") || r.err().contains("\r"), text);
        List<String> progress = text.lines().filter(l -> l.startsWith("phase ")).toList();
        assertEquals(5 + 4, progress.size(), text);
        for (String line : progress) {
            assertTrue(line.matches("phase [12]/2 \\| Step +\\d+ \\| loss: .* \\| update: .*"), line);
        }
        assertEquals(Files.readAllLines(dir.resolve("run/progress.tsv")).size() - 1, progress.size());
    }

    @Test
    void trainingIsReproducibleFromTheSeed(@TempDir Path dir) throws IOException {
        assertEquals(0, train(dir.resolve("a")).code());
        assertEquals(0, train(dir.resolve("b")).code());
        assertArrayEquals(Files.readAllBytes(dir.resolve("a/model/params.bin")),
                Files.readAllBytes(dir.resolve("b/model/params.bin")));
        assertEquals(Files.readString(dir.resolve("a/progress.tsv")), Files.readString(dir.resolve("b/progress.tsv")));
    }

    @Test
    void unknownKeyMissingDatasetAndNegativeLrExitTwoNamingTheCulprit(@TempDir Path dir) {
        CliRun unknown = train(dir.resolve("x"), "--set", "model.colour=blue");
        assertEquals(2, unknown.code());
        assertTrue(unknown.err().contains("unknown key 'model.colour'"), unknown.err());
        assertTrue(unknown.noStackTrace(), unknown.err());

        CliRun missing = train(dir.resolve("y"), "--set", "dataset.path=datasets/nope.zip");
        assertEquals(2, missing.code());
        assertTrue(missing.err().contains("datasets/nope.zip: no such file"), missing.err());
        assertTrue(missing.noStackTrace(), missing.err());

        CliRun lr = train(dir.resolve("z"), "--set", "strategy[0].lr=-1");
        assertEquals(2, lr.code());
        assertTrue(lr.err().contains("conf/michaelis-menten.yaml: strategy[0].lr = -1.0"), lr.err());
        assertTrue(lr.noStackTrace(), lr.err());
        assertFalse(Files.exists(dir.resolve("z")), "nothing written for a refused config");
    }

    @Test
    void foreignNonEmptyOutputDirectoryIsLeftUntouched(@TempDir Path dir) throws IOException {
        Path out = dir.resolve("mine");
        Files.createDirectories(out);
        Files.writeString(out.resolve("notes.txt"), "last week's report");
        Map<String, String> before = snapshot(out);
        CliRun r = train(out);
        assertEquals(2, r.code());
        assertTrue(r.err().contains("--overwrite"), r.err());
        assertEquals(before, snapshot(out));
    }

    private static Map<String, String> snapshot(Path dir) throws IOException {
        Map<String, String> m = new TreeMap<>();
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : (Iterable<Path>) s::iterator) {
                if (Files.isRegularFile(p)) {
                    m.put(dir.relativize(p).toString(), Files.readString(p));
                }
            }
        }
        return m;
    }

    /** Predictions of a reloaded model are bit-identical to those of the model before saving. */
    @Test
    void reloadedModelPredictsExactly(@TempDir Path dir) throws IOException {
        Path out = dir.resolve("run");
        assertEquals(0, train(out).code());
        NeuralOde a = (NeuralOde) ModelFiles.load(out.resolve("model").toString());
        ModelFiles.save(a, dir.resolve("copy").toString(), Map.of());
        NeuralOde b = (NeuralOde) ModelFiles.load(dir.resolve("copy").toString());
        var m = DatasetFiles.load("datasets/michaelis-menten.zip").measurements().get(0);
        double[][] pa = new Predictor(a, SolverOptions.defaults()).predict(m);
        double[][] pb = new Predictor(b, SolverOptions.defaults()).predict(m);
        for (int k = 0; k < pa.length; k++) {
            assertArrayEquals(pa[k], pb[k], 0.0);
        }
    }

    private static int indexOf(byte[] bytes, byte b) {
        for (int i = 0; i < bytes.length; i++) {
            if (bytes[i] == b) {
                return i;
            }
        }
        return bytes.length;
    }
}
