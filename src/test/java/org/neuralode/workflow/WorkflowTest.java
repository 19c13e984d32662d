package org.neuralode.workflow;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.neuralode.config.ConfigLoader;
import org.neuralode.data.Dataset;
import org.neuralode.data.Splits;
import org.neuralode.eval.MetricSet;
import org.neuralode.nn.MlpInit;
import org.neuralode.nn.NeuralOde;
import org.neuralode.ode.SolverOptions;
import org.neuralode.train.Strategy;
import org.neuralode.train.TrainResult;

/** The README's Java example, step for step (with fewer steps). */
class WorkflowTest {

    @Test
    void readmeExampleRuns(@TempDir Path dir) {
        Dataset data = Workflow.loadDataset("datasets/michaelis-menten.zip");
        Splits.Split split = Workflow.trainTestSplit(data, 0.2, 0);
        Dataset train = Workflow.augment(split.train(), 10, 0.01, 42);
        NeuralOde ode = Workflow.neuralOde(train, 16, 1, "selu", 1e-3, 0);
        Strategy strategy = Strategy.create()
                .addStep(1e-3, 30, 20, 0.1, 0.1)
                .addStep(1e-3, 30, 20, 1.0, 0.01);
        TrainResult result = Workflow.train(ode, train, strategy, split.test());
        MetricSet m = Workflow.metrics(result.model(), split.test());
        assertEquals(3 * 20, m.nPoints());
        assertTrue(m.mae() < Workflow.metrics(ode, split.test()).mae(), "training improved the fit");
        Workflow.save(result.model(), dir.resolve("model").toString());
        Workflow.save(result.model(), dir.resolve("model.eqx").toString());
        assertArrayEquals(result.model().theta(), Workflow.load(dir.resolve("model").toString()).theta(), 0.0);
        assertEquals(16 * 2 + 16 + 16, Workflow.load(dir.resolve("model.eqx").toString()).numParams());
        Dataset predicted = Predictions.predict(result.model(), data, SolverOptions.defaults(), 50);
        Dataset rates = Predictions.rates(result.model(), predicted);
        assertEquals(data.ids(), rates.ids());
        assertEquals(20 + 50 - 2, rates.measurements().get(0).length(), "0 and 100 are on both grids");
        // an ensemble built in code (the README loads a trained one)
        Ensemble ensemble = new Ensemble(List.of(result.model(), ode));
        Ensemble.Prediction band = ensemble.predict(data, SolverOptions.defaults(), 50, new Ensemble.Band(0.05, 0.95));
        assertEquals(data.ids(), band.lower().ids());
        assertEquals(20 + 50 - 2, band.upper().measurements().get(0).length());
        EnsembleMetrics spread = ensemble.metrics(split.test(), SolverOptions.defaults());
        assertEquals(2, spread.members().size());
    }

    /** {@code model.scale_final_layer} reaches the initialisation of a job's model; false is the default. */
    @Test
    void scaleFinalLayerReachesTheJobsModel() {
        Dataset data = Workflow.loadDataset("datasets/michaelis-menten.zip");
        String yaml = "dataset: {path: x.zip}\nmodel: {width: 4, depth: 1, weight_scale: 1.0e-3, seed: 5}\n"
                + "strategy: [{steps: 1}]\n";
        for (boolean scaled : new boolean[] {false, true}) {
            List<String> sets = scaled ? List.of("model.scale_final_layer=true") : List.of();
            TrainJob job = new TrainJob(ConfigLoader.load(yaml.getBytes(StandardCharsets.UTF_8), "job.yaml", sets),
                    "job.yaml");
            NeuralOde model = (NeuralOde) job.initialModel(data);
            assertArrayEquals(MlpInit.init(model.spec(), 1e-3, scaled, 5), model.theta(), 0.0);
            assertArrayEquals(Workflow.neuralOde(data, 4, 1, "tanh", 1e-3, scaled, 5).theta(), model.theta(), 0.0);
        }
        assertArrayEquals(Workflow.neuralOde(data, 4, 1, "tanh", 1e-3, false, 5).theta(),
                Workflow.neuralOde(data, 4, 1, "tanh", 1e-3, 5).theta(), 0.0);
    }
}
