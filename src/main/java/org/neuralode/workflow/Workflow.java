package org.neuralode.workflow;

import java.util.List;
import java.util.Map;
import org.neuralode.data.Augmenter;
import org.neuralode.data.Dataset;
import org.neuralode.data.Splits;
import org.neuralode.eval.MetricSet;
import org.neuralode.io.DatasetFiles;
import org.neuralode.io.ModelFiles;
import org.neuralode.nn.Activation;
import org.neuralode.nn.MlpSpec;
import org.neuralode.nn.NeuralOde;
import org.neuralode.ode.SolverOptions;
import org.neuralode.ode.TrainableField;
import org.neuralode.train.Predictor;
import org.neuralode.train.Strategy;
import org.neuralode.train.TrainResult;
import org.neuralode.train.Trainer;
import org.neuralode.train.TrainingListener;

/**
 * Catalax's neural-ODE workflow as static Java calls:
 * <pre>{@code
 * Dataset data = Workflow.loadDataset("datasets/michaelis-menten.zip");
 * Splits.Split split = Workflow.trainTestSplit(data, 0.2, 0);
 * Dataset train = Workflow.augment(split.train(), 10, 0.01, 42);
 * NeuralOde ode = Workflow.neuralOde(train, 16, 1, "selu", 1e-3, 0);
 * Strategy strategy = Strategy.create().addStep(1e-3, 1000, 20, 0.1, 0.1).addStep(1e-3, 2000, 20, 1.0, 0.01);
 * TrainResult result = Workflow.train(ode, train, strategy, split.test());
 * MetricSet m = Workflow.metrics(result.model(), split.test());
 * Workflow.save(result.model(), "runs/mm/model");
 * }</pre>
 */
public final class Workflow {

    private Workflow() {
    }

    /** Reads a Croissant zip or a CSV pair directory (see {@link DatasetFiles}). */
    public static Dataset loadDataset(String location) {
        return DatasetFiles.load(location);
    }

    /** Originals plus {@code n} rounds of additive Gaussian noise of scale {@code sigma}. */
    public static Dataset augment(Dataset d, int n, double sigma, long seed) {
        return Augmenter.augment(d, n, sigma, seed, false);
    }

    /** A seeded shuffle split; {@code testFraction} of the measurements go to the test side. */
    public static Splits.Split trainTestSplit(Dataset d, double testFraction, long seed) {
        return Splits.trainTestSplit(d, testFraction, seed);
    }

    /** One split per measurement, holding it out. */
    public static List<Splits.Split> leaveOneOut(Dataset d) {
        return Splits.leaveOneOut(d);
    }

    /**
     * A fresh neural ODE for the species of {@code d}: {@code depth} hidden layers of {@code width}, no final
     * bias, weights of every layer but the last scaled by {@code weightScale}; {@code t_max} is the largest
     * time in {@code d}.
     */
    public static NeuralOde neuralOde(Dataset d, int width, int depth, String activation, double weightScale,
                                      long seed) {
        return neuralOde(d, width, depth, activation, weightScale, false, seed);
    }

    /**
     * As {@link #neuralOde(Dataset, int, int, String, double, long)}; {@code scaleFinalLayer} true scales the
     * last layer by {@code weightScale} too, as Catalax's trainer does.
     */
    public static NeuralOde neuralOde(Dataset d, int width, int depth, String activation, double weightScale,
                                      boolean scaleFinalLayer, long seed) {
        MlpSpec spec = new MlpSpec(d.states().size(), width, depth, Activation.byName(activation));
        return NeuralOde.initialise(d.states(), spec, maxTime(d), weightScale, scaleFinalLayer, seed);
    }

    /** Trains with the default solver (Tsit5, rtol 1e-3, atol 1e-6), monitoring every 10 steps. */
    public static TrainResult train(TrainableField model, Dataset train, Strategy strategy, Dataset validation) {
        return new Trainer(SolverOptions.defaults(), 10, 420, 10)
                .train(model, train, validation, strategy, TrainingListener.NONE);
    }

    /** Chi-square, reduced chi-square, weighted MAPE, AIC, BIC, R^2 ... of {@code model} on {@code d}. */
    public static MetricSet metrics(TrainableField model, Dataset d) {
        return new Predictor(model, SolverOptions.defaults()).metrics(d);
    }

    /** Saves a model directory ({@code model.json} + {@code params.bin}), or a {@code .eqx} file. */
    public static void save(TrainableField model, String location) {
        if (location.endsWith(".eqx")) {
            ModelFiles.saveEqx(model, location);
        } else {
            ModelFiles.save(model, location, Map.of());
        }
    }

    /** Loads a model directory or a Catalax {@code .eqx} file. */
    public static TrainableField load(String location) {
        return ModelFiles.load(location);
    }

    /** Largest measurement time in {@code d}. */
    public static double maxTime(Dataset d) {
        double max = Double.NEGATIVE_INFINITY;
        for (var m : d.measurements()) {
            max = Math.max(max, m.time()[m.length() - 1]);
        }
        return max;
    }
}
