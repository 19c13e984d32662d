package org.neuralode.cli;

import java.util.concurrent.Callable;
import org.neuralode.InputException;
import org.neuralode.data.Dataset;
import org.neuralode.eval.MetricSet;
import org.neuralode.io.DatasetFiles;
import org.neuralode.io.JsonText;
import org.neuralode.io.ModelFiles;
import org.neuralode.ode.TrainableField;
import org.neuralode.train.Predictor;
import org.neuralode.train.TrajectorySet;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code evaluate --model PATH --dataset DATASET [--json]}: metrics of a model on a dataset. */
@Command(name = "evaluate", mixinStandardHelpOptions = true,
        description = "Metrics (chi-square, reduced chi-square, weighted MAPE, AIC, BIC, R^2, ...) of a model on a dataset.")
final class EvaluateCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--model", required = true, paramLabel = "PATH",
            description = "A model directory (model.json + params.bin) or a Catalax .eqx file.")
    String model;

    @Option(names = "--dataset", required = true, paramLabel = "DATASET", description = "Croissant .zip or CSV pair directory.")
    String dataset;

    @Option(names = "--json", description = "Print the metrics as one JSON object.")
    boolean json;

    @Mixin
    SolverMixin solver;

    @Override
    public Integer call() {
        TrainableField m = ModelFiles.load(model);
        Dataset d = DatasetFiles.load(dataset);
        TrajectorySet.checkUnobserved(d, m, dataset + " for the model " + model);
        MetricSet metrics = new Predictor(m, solver.options()).metrics(d);
        var out = spec.commandLine().getOut();
        if (json) {
            out.println(JsonText.compact(metrics.toMap()));
        } else {
            metrics.toMap().forEach((k, v) -> out.printf("%-20s %s%n", k, v));
        }
        return ExitCodes.OK;
    }
}
