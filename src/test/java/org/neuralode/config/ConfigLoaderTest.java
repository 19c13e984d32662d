package org.neuralode.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.neuralode.InputException;
import org.neuralode.nn.Activation;
import org.neuralode.nn.MlpSpec;

class ConfigLoaderTest {

    private static final String BASE = """
            dataset:
              path: data.zip
              augment: {n: 10, sigma: 0.01, seed: 42}
              validation: {fraction: 0.2, seed: 0}
            model: {width: 16, depth: 1, activation: selu, weight_scale: 1.0e-3, seed: 0}
            strategy:
              - {lr: 1.0e-3, length: 0.1, steps: 1000, batch_size: 20, alpha: 0.1}
              - {lr: 1.0e-4, steps: 3000, batch_size: 20, alpha: 0.01}
            training: {print_every: 10, seed: 420}
            """;

    private static ConfigLoader.Loaded load(String yaml, String... sets) {
        return ConfigLoader.load(yaml.getBytes(StandardCharsets.UTF_8), "job.yaml", List.of(sets));
    }

    private static String error(String yaml, String... sets) {
        return assertThrows(InputException.class, () -> load(yaml, sets)).getMessage();
    }

    @Test
    void bindsValuesAndFillsDefaultsOnce() {
        JobConfig c = load(BASE).config();
        assertEquals("data.zip", c.dataset().path());
        assertEquals(0.2, c.dataset().validation().fraction());
        assertEquals("selu", c.model().activation());
        assertEquals(false, c.model().useFinalBias());
        assertEquals("tsit5", c.solver().method());
        assertEquals(4096, c.solver().maxSteps());
        assertEquals("land", c.solver().saveat(), "landing on the outputs is the default");
        assertEquals("land", load(BASE, "solver.saveat=land").config().solver().saveat());
        assertEquals(2, c.strategy().size());
        assertEquals(1.0, c.strategy().get(1).length(), "phase default length");
        assertEquals(0.0, c.strategy().get(1).l1(), "phase default l1");
        assertEquals(0.1, c.strategy().get(0).length());
        assertEquals(10, c.training().maxFailures());
    }

    @Test
    void overridesUseDottedPathsIndicesAndYamlValues() {
        JobConfig c = load(BASE, "dataset.path=x.zip", "strategy[0].steps=100",
                "dataset.validation={path: val.zip}", "strategy[2]={lr: 0.01, steps: 5}",
                "model.activation=tanh").config();
        assertEquals("x.zip", c.dataset().path());
        assertEquals(100, c.strategy().get(0).steps());
        assertEquals("val.zip", c.dataset().validation().path());
        assertNull(c.dataset().validation().fraction(), "a map value replaces the whole map");
        assertEquals(3, c.strategy().size());
        assertEquals(20, c.strategy().get(2).batchSize(), "an appended phase gets phase defaults");
        assertEquals("tanh", c.model().activation());
    }

    @Test
    void resolvedTreeIsWrittenBackAsYaml() {
        String yaml = load(BASE, "strategy[0].steps=7").toYaml();
        assertTrue(yaml.contains("steps: 7"), yaml);
        assertTrue(yaml.contains("max_steps: 4096"), yaml);
        assertEquals(load(BASE, "strategy[0].steps=7").config(), load(yaml).config(), "round trip");
    }

    @Test
    void unknownKeyIsNamed() {
        String msg = error(BASE + "extra_key: 1\n");
        assertTrue(msg.startsWith("job.yaml: unknown key 'extra_key'"), msg);
        msg = error(BASE, "model.widht=3");
        assertTrue(msg.contains("unknown key 'model.widht'") && msg.contains("width"), msg);
    }

    /** YAML's special floats are numbers (not malformed YAML), refused as not finite with their key. */
    @Test
    void yamlSpecialFloatsAreReadAsNumbersAndRefusedAsNotFinite() {
        assertTrue(error(BASE, "strategy[0].lr=.nan").contains("job.yaml: strategy[0].lr = NaN must be a finite number"));
        assertTrue(error(BASE, "dataset.augment.sigma=.inf").contains("dataset.augment.sigma = Infinity must be a finite"));
        assertTrue(error(BASE, "model.weight_scale=-.INF").contains("model.weight_scale = -Infinity must be a finite"));
        assertTrue(error(BASE.replace("lr: 1.0e-4", "lr: .NaN")).contains("strategy[1].lr = NaN must be a finite"));
        assertTrue(error(BASE, "sweep={model.weight_scale: [1.0, .nan]}")
                .contains("sweep.model.weight_scale[1] = NaN must be a finite"));
        assertTrue(error(BASE, "model.activation='.nan'").contains("unknown activation '.nan'"),
                "a quoted .nan stays a string");
    }

    @Test
    void parallelCountsAreWholeNumbersOrAuto() {
        JobConfig.ParallelConfig par = load(BASE, "parallel={partitions: auto, averaging_frequency: auto}").config()
                .parallel();
        assertTrue(par.partitions().auto() && par.averagingFrequency().auto(), par.toString());
        par = load(BASE, "parallel={partitions: 3, averaging_frequency: 7}").config().parallel();
        assertEquals(3, par.partitions().value());
        assertEquals(7, par.averagingFrequency().value());
        String msg = error(BASE, "parallel={partitions: fast, averaging_frequency: 2}");
        assertTrue(msg.contains("'parallel.partitions' = \"fast\" must be a whole number or auto"), msg);
        msg = error(BASE, "parallel={partitions: 2, averaging_frequency: 2.5}");
        assertTrue(msg.contains("'parallel.averaging_frequency' = 2.5 must be a whole number or auto"), msg);
        msg = error(BASE, "parallel={partitions: 0, averaging_frequency: 2}");
        assertTrue(msg.contains("parallel.partitions = 0 must be a whole number >= 1 or auto"), msg);
        msg = error(BASE, "parallel={partitions: 2}");
        assertTrue(msg.contains("parallel.averaging_frequency") && msg.contains("or auto"), msg);
    }

    @Test
    void missingDatasetPathIsNamed() {
        String msg = error(BASE.replace("  path: data.zip\n", ""));
        assertTrue(msg.contains("dataset.path") && msg.contains("missing"), msg);
    }

    @Test
    void outOfRangeValuesAreNamedWithTheirValue() {
        assertTrue(error(BASE, "strategy[1].lr=-1").contains("strategy[1].lr = -1.0 must be a finite number > 0"));
        assertTrue(error(BASE, "strategy[0].length=1.5").contains("strategy[0].length = 1.5"));
        assertTrue(error(BASE, "strategy[0].batch_size=0").contains("strategy[0].batch_size = 0"));
        assertTrue(error(BASE, "strategy[0].clip_norm=-1").contains("strategy[0].clip_norm = -1.0 must be a finite"));
        assertTrue(error(BASE, "model.depth=-1").contains("model.depth = -1"));
        assertTrue(error(BASE, "model.activation=swoosh").contains("model.activation = swoosh"));
        assertTrue(error(BASE, "solver.method=rk45").contains("solver.method = rk45"));
        assertTrue(error(BASE, "solver.saveat=sideways").contains("solver.saveat = sideways"));
        assertTrue(error(BASE, "dataset.validation.fraction=1.0").contains("dataset.validation.fraction"));
    }

    @Test
    void rbfIsOffByDefaultAndMakesAnRbfNetwork() {
        assertNull(load(BASE).config().model().rbf());
        JobConfig c = load(BASE, "model.rbf.gamma=0.5").config();
        assertEquals(0.5, c.model().rbf().gamma());
        assertEquals(MlpSpec.rbfNetwork(2, 16, 1, false, 0.5), c.model().mlpSpec(2));
        assertEquals(new MlpSpec(2, 16, 1, Activation.SELU, false), load(BASE).config().model().mlpSpec(2));
        assertEquals(0.5, load(BASE, "model.kind=universal", "model.file=m.yaml", "model.rbf={gamma: 0.5}")
                .config().model().rbf().gamma());
    }

    @Test
    void rbfIsRefusedNamingTheKeyAndValue() {
        assertTrue(error(BASE, "model.rbf.gamma=-0.5").contains("job.yaml: model.rbf.gamma = -0.5 must be a finite "
                + "number > 0"));
        assertTrue(error(BASE, "model.rbf.gamma=0").contains("model.rbf.gamma = 0.0 must be"));
        assertTrue(error(BASE, "model.rbf={}").contains("model.rbf.gamma is missing"));
        assertTrue(error(BASE, "model.rbf={gamma: 1, sigma: 2}").contains("unknown key 'model.rbf.sigma'"));
        assertTrue(error(BASE, "model.rbf.gamma=wide").contains("'model.rbf.gamma'"));
        assertTrue(error(BASE, "model.rbf={gamma: 1}", "model.depth=0")
                .contains("model.rbf = {gamma: 1.0} needs model.depth >= 1"));
        assertTrue(error(BASE, "model.kind=mechanistic", "model.file=m.yaml", "model.fit=[k]", "model.rbf.gamma=1")
                .contains("model.rbf = {gamma: 1.0} applies to an MLP"));
    }

    @Test
    void wrongTypesAndMissingStepsAreNamed() {
        assertTrue(error(BASE, "strategy[0].steps=many").contains("'strategy[0].steps'"));
        assertTrue(error(BASE, "strategy[0].steps=1.5").contains("'strategy[0].steps'"));
        String msg = error(BASE, "strategy[0]={lr: 0.1}");
        assertTrue(msg.contains("'strategy[0].steps' is missing"), msg);
    }

    @Test
    void malformedYamlAndOverridesAreUserErrors() {
        assertTrue(error("dataset: [unclosed\n").contains("not valid YAML"));
        assertTrue(error(BASE, "noequals").contains("expected KEY=VALUE"));
        assertTrue(error(BASE, "strategy[9].lr=1").contains("index 9"));
    }
}
