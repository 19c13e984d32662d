package org.neuralode.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.neuralode.io.ModelFiles;
import org.neuralode.nn.Activation;
import org.neuralode.nn.MlpSpec;
import org.neuralode.nn.NeuralOde;

/**
 * Issue 6 item 1, configuration side: each bad key or value refuses {@code train} with exit code 2 and one
 * stderr line naming the config file, the key path and the value, with no stack trace and nothing written
 * to {@code --out}; a model and a dataset of other species refuse {@code evaluate} the same way.
 */
class BadConfigCliTest {

    /** A config that trains (2 steps) on the tiny dataset; tests replace one part of it. */
    private static final String GOOD = """
            dataset: {path: DATA}
            model: {width: 4, depth: 1, activation: tanh}
            solver: {method: tsit5}
            strategy: [{lr: 1.0e-3, steps: 2, batch_size: 1, length: 1.0}]
            training: {progress: false}
            """;

    @TempDir
    Path dir;
    private Path data;
    private Path out;

    @BeforeEach
    void writeDataset() throws IOException {
        data = dir.resolve("tiny.zip");
        Files.write(data, BadArchives.valid());
        out = dir.resolve("out");
    }

    private Path config(String yaml) throws IOException {
        Path config = dir.resolve("job.yaml");
        Files.writeString(config, yaml.replace("DATA", "'" + data + "'"));
        return config;
    }

    /** GOOD with {@code from} replaced by {@code to} (which must be present). */
    private static String good(String from, String to) {
        if (!GOOD.contains(from)) {
            throw new IllegalStateException("test setup: base config lacks " + from);
        }
        return GOOD.replace(from, to);
    }

    /** Runs train on the YAML with extra arguments, expects a refusal naming the config file and the fragments. */
    private Cli refuse(String yaml, List<String> extra, String... fragments) throws IOException {
        Path config = config(yaml);
        List<String> args = new ArrayList<>(List.of("train", "--config", config.toString(), "--out",
                out.toString(), "--no-progress"));
        args.addAll(extra);
        String[] all = new String[fragments.length + 1];
        all[0] = config.toString();
        System.arraycopy(fragments, 0, all, 1, fragments.length);
        Cli r = Cli.run(args.toArray(String[]::new)).assertRefused(all);
        assertFalse(Files.exists(out), "train wrote to --out although the config was refused");
        return r;
    }

    private Cli refuse(String yaml, String... fragments) throws IOException {
        return refuse(yaml, List.of(), fragments);
    }

    @Test
    void theBaseConfigTrains() throws IOException {
        Cli ok = Cli.run("train", "--config", config(GOOD).toString(), "--out", out.toString(), "--no-progress");
        assertEquals(0, ok.code(), ok.err());
    }

    @Test
    void unknownKey() throws IOException {
        refuse(good("activation: tanh", "activation: tanh, colour: blue"), "unknown key 'model.colour'");
    }

    @Test
    void unknownTopLevelKey() throws IOException {
        refuse(GOOD + "trainning: {seed: 1}\n", "unknown key 'trainning'");
    }

    @Test
    void wrongTypeTextForNumber() throws IOException {
        refuse(good("width: 4", "width: wide"), "'model.width'", "wide");
    }

    @Test
    void wrongTypeFractionForInteger() throws IOException {
        refuse(good("steps: 2", "steps: 2.5"), "'strategy[0].steps'", "2.5");
    }

    @Test
    void wrongTypeListForMap() throws IOException {
        refuse(good("solver: {method: tsit5}", "solver: [tsit5]"), "'solver'");
    }

    @Test
    void learningRateZero() throws IOException {
        refuse(good("lr: 1.0e-3", "lr: 0"), "strategy[0].lr = 0.0", "> 0");
    }

    @Test
    void learningRateNegative() throws IOException {
        refuse(good("lr: 1.0e-3", "lr: -1.0e-3"), "strategy[0].lr = -0.001", "> 0");
    }

    @Test
    void lengthZero() throws IOException {
        refuse(good("length: 1.0", "length: 0"), "strategy[0].length = 0.0", "(0, 1]");
    }

    @Test
    void lengthAboveOne() throws IOException {
        refuse(good("length: 1.0", "length: 1.5"), "strategy[0].length = 1.5", "(0, 1]");
    }

    @Test
    void batchSizeZero() throws IOException {
        refuse(good("batch_size: 1", "batch_size: 0"), "strategy[0].batch_size = 0", ">= 1");
    }

    /** The tiny dataset has 2 measurements (no validation split, no augmentation). */
    @Test
    void batchSizeLargerThanTheTrainingSet() throws IOException {
        Cli.run("train", "--config", config(good("batch_size: 1", "batch_size: 5")).toString(), "--out",
                out.toString(), "--no-progress").assertRefused("strategy[0].batch_size = 5", "2 training");
    }

    @Test
    void batchSizeLargerThanTheTrainingSetWritesNothing() throws IOException {
        refuse(good("batch_size: 1", "batch_size: 5"), "strategy[0].batch_size = 5", "2 training");
    }

    @Test
    void negativeDepth() throws IOException {
        refuse(good("depth: 1", "depth: -1"), "model.depth = -1", ">= 0");
    }

    @Test
    void unknownActivation() throws IOException {
        refuse(good("activation: tanh", "activation: swishy"), "model.activation = swishy", "tanh");
    }

    @Test
    void rbfGammaNotPositive() throws IOException {
        refuse(good("activation: tanh", "rbf: {gamma: -0.5}"), "model.rbf.gamma = -0.5", "> 0");
        refuse(GOOD, List.of("--set", "model.rbf.gamma=0"), "model.rbf.gamma = 0.0", "> 0");
    }

    @Test
    void rbfWithoutHiddenLayer() throws IOException {
        refuse(good("depth: 1, activation: tanh", "depth: 0, rbf: {gamma: 2}"), "model.rbf = {gamma: 2.0}",
                "model.depth >= 1");
    }

    @Test
    void unknownSolver() throws IOException {
        refuse(good("method: tsit5", "method: rk45"), "solver.method = rk45", "tsit5");
    }

    @Test
    void missingDatasetPath() throws IOException {
        refuse(good("dataset: {path: DATA}\n", ""), "dataset.path", "is missing");
    }

    @Test
    void datasetFileMissing() throws IOException {
        Path config = config(good("dataset: {path: DATA}", "dataset: {path: nowhere.zip}"));
        Cli.run("train", "--config", config.toString(), "--out", out.toString(), "--no-progress")
                .assertRefused("nowhere.zip", "no such file");
        assertFalse(Files.exists(out));
    }

    @Test
    void configFileMissing() {
        String missing = dir.resolve("nope.yaml").toString();
        Cli.run("train", "--config", missing, "--out", out.toString()).assertRefused(missing, "no such file");
        assertFalse(Files.exists(out));
    }

    @Test
    void invalidYaml() throws IOException {
        Cli r = Cli.run("train", "--config", config(GOOD + "model: {width: [\n").toString(), "--out",
                out.toString(), "--no-progress");
        assertEquals(2, r.code(), r.err());
        assertTrue(r.err().startsWith("neuralode: error: " + dir.resolve("job.yaml") + ": not valid YAML at line"),
                r.err());
        assertFalse(r.err().contains("\tat ") || r.err().contains("Exception"), r.err());
        assertFalse(Files.exists(out));
    }

    @Test
    void invalidYamlIsOneLine() throws IOException {
        refuse(GOOD + "model: {width: [\n", "not valid YAML at line");
    }

    /** A section or value set to null must be refused by name, not crash (exit 1 with a stack trace). */
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "model: null|model", "dataset: null|dataset", "training: null|training", "ensemble: null|ensemble",
        "sweep: null|sweep", "strategy: null|strategy", "engine: null|engine", "solver: {method: null}|solver.method",
        "dataset: {path: DATA, augment: null}|dataset.augment", "strategy: [null]|strategy[0]"})
    void nullSection(String yaml, String key) throws IOException {
        String base = GOOD.lines().filter(l -> !l.startsWith(yaml.substring(0, yaml.indexOf(':'))))
                .reduce("", (a, l) -> a + l + "\n");
        refuse(base + yaml + "\n", key);
    }

    @Test
    void overrideIndexTooLarge() throws IOException {
        Cli.run("train", "--config", config(GOOD).toString(), "--out", out.toString(), "--set",
                "strategy[99999999999].lr=1").assertRefused("--set strategy[99999999999].lr", "99999999999");
        assertFalse(Files.exists(out));
    }

    @Test
    void overrideOfAnUnknownKey() throws IOException {
        refuse(GOOD, List.of("--set", "model.colour=blue"), "unknown key 'model.colour'");
    }

    @Test
    void overrideWithoutEquals() throws IOException {
        Path config = config(GOOD);
        Cli.run("train", "--config", config.toString(), "--out", out.toString(), "--set", "model.width")
                .assertRefused("--set model.width", "KEY=VALUE");
        assertFalse(Files.exists(out));
    }

    @Test
    void overrideOutOfRange() throws IOException {
        refuse(GOOD, List.of("--set", "strategy[0].lr=-1"), "strategy[0].lr = -1.0");
    }

    /** Issue 13 (d): {@code .nan} is valid YAML (NaN); it is refused as not finite, naming the key. */
    @Test
    void overrideWithYamlNan() throws IOException {
        refuse(GOOD, List.of("--set", "strategy[0].lr=.nan"), "strategy[0].lr = NaN must be a finite number");
    }

    @Test
    void yamlInfinityInTheFile() throws IOException {
        refuse(good("depth: 1", "depth: 1, weight_scale: -.inf"), "model.weight_scale = -Infinity",
                "must be a finite number");
    }

    /** Validation data of other species than the training data. */
    @Test
    void validationDatasetOfOtherSpecies() throws IOException {
        Path xy = dir.resolve("xy");
        Files.createDirectories(xy);
        Files.writeString(xy.resolve("measurements.csv"), "x,y,time,measurementId\n1.0,2.0,0.0,a\n1.5,2.5,1.0,a\n");
        Files.writeString(xy.resolve("inits.csv"), "measurementId,x,y\na,1.0,2.0\n");
        refuse(good("dataset: {path: DATA}", "dataset: {path: DATA, validation: {path: '" + xy + "'}}"),
                "dataset.validation.path", "[x, y]", "[s1]");
    }

    /** {@code evaluate} of a model of states x, y on the tiny dataset (state s1). */
    @Test
    void evaluateModelAndDatasetOfOtherSpecies() {
        Path model = dir.resolve("model-xy");
        MlpSpec spec = new MlpSpec(2, 4, 1, Activation.byName("tanh"), false);
        ModelFiles.save(NeuralOde.initialise(List.of("x", "y"), spec, 2.0, 1e-3, 0), model.toString(), Map.of());
        Cli.run("evaluate", "--model", model.toString(), "--dataset", data.toString())
                .assertRefused(data.toString(), "[s1]", "[x, y]");
    }

    @Test
    void evaluateUnknownSolver() throws IOException {
        Path model = dir.resolve("model-s1");
        MlpSpec spec = new MlpSpec(1, 4, 1, Activation.byName("tanh"), false);
        ModelFiles.save(NeuralOde.initialise(List.of("s1"), spec, 2.0, 1e-3, 0), model.toString(), Map.of());
        Cli.run("evaluate", "--model", model.toString(), "--dataset", data.toString(), "--solver", "rk45")
                .assertRefused("--solver", "rk45");
    }
}
