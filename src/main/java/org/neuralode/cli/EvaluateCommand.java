package org.neuralode.cli;

import java.util.concurrent.Callable;
import org.neuralode.data.Dataset;
import org.neuralode.eval.MetricSet;
import org.neuralode.io.DatasetFiles;
import org.neuralode.io.JsonText;
import org.neuralode.io.ModelFiles;
import org.neuralode.ode.TrainableField;
import org.neuralode.train.Predictor;
import org.neuralode.train.TrajectorySet;
import org.neuralode.workflow.Ensemble;
import org.neuralode.workflow.EnsembleMetrics;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code evaluate --model PATH --dataset DATASET [--json]}: metrics of a model on a dataset; of an ensemble, its
 * mean prediction's metrics and the spread of its members' ({@link EnsembleMetrics}).
 */
@Command(name = "evaluate", mixinStandardHelpOptions = true,
        description = {"Metrics (chi-square, reduced chi-square, weighted MAPE, AIC, BIC, R^2, ...) of a model on a "
                + "dataset.",
            "Of an ensemble: the metrics of its members' mean prediction (AIC and BIC count every member's "
                + "parameters), then the members' spread (min, mean, max, std of each metric; with --json under "
                + "\"ensemble\", with every member's metrics)."})
final class EvaluateCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--model", required = true, paramLabel = "PATH",
            description = "A model directory (model.json + params.bin), an ensemble directory (ensemble.json) or a "
                    + "Catalax .eqx file.")
    String model;

    @Option(names = "--dataset", required = true, paramLabel = "DATASET", description = "Croissant .zip or CSV pair directory.")
    String dataset;

    @Option(names = "--json", description = "Print the metrics as one JSON object.")
    boolean json;

    @Mixin
    SolverMixin solver;

    @Override
    public Integer call() {
        var out = spec.commandLine().getOut();
        if (Ensemble.isEnsemble(model)) {
            Ensemble e = Ensemble.load(model);
            Dataset d = DatasetFiles.load(dataset);
            for (TrainableField m : e.members()) {
                TrajectorySet.checkUnobserved(d, m, dataset + " for the model " + model);
            }
            EnsembleMetrics metrics = e.metrics(d, solver.options());
            if (json) {
                out.println(JsonText.compact(metrics.toMap()));
            } else {
                metrics.lines().forEach(out::println);
            }
            return ExitCodes.OK;
        }
        TrainableField m = ModelFiles.load(model);
        Dataset d = DatasetFiles.load(dataset);
        TrajectorySet.checkUnobserved(d, m, dataset + " for the model " + model);
        MetricSet metrics = new Predictor(m, solver.options()).metrics(d);
        if (json) {
            out.println(JsonText.compact(metrics.toMap()));
        } else {
            metrics.toMap().forEach((k, v) -> out.printf("%-20s %s%n", k, v));
        }
        return ExitCodes.OK;
    }
}
