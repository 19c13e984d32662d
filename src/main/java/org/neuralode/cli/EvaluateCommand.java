package org.neuralode.cli;

import java.util.concurrent.Callable;
import org.neuralode.InputException;
import org.neuralode.data.Dataset;
import org.neuralode.eval.MetricSet;
import org.neuralode.io.DatasetFiles;
import org.neuralode.io.JsonText;
import org.neuralode.io.ModelFiles;
import org.neuralode.ode.SolverOptions;
import org.neuralode.ode.Tableaus;
import org.neuralode.ode.TrainableField;
import org.neuralode.train.Predictor;
import org.neuralode.train.TrajectorySet;
import picocli.CommandLine.Command;
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

    @Option(names = "--solver", defaultValue = "tsit5", description = "Solver: tsit5, dopri5, rk4, euler (default ${DEFAULT-VALUE}).")
    String solver;

    @Option(names = "--rtol", defaultValue = "1e-3", description = "Relative tolerance (default ${DEFAULT-VALUE}).")
    double rtol;

    @Option(names = "--atol", defaultValue = "1e-6", description = "Absolute tolerance (default ${DEFAULT-VALUE}).")
    double atol;

    @Override
    public Integer call() {
        TrainableField m = ModelFiles.load(model);
        Dataset d = DatasetFiles.load(dataset);
        TrajectorySet.checkUnobserved(d, m, dataset + " for the model " + model);
        SolverOptions options;
        try {
            options = new SolverOptions(Tableaus.byName(solver), rtol, atol, SolverOptions.defaults().maxSteps(),
                    Double.NaN);
        } catch (IllegalArgumentException e) {
            throw new InputException("--solver/--rtol/--atol", e.getMessage());
        }
        MetricSet metrics = new Predictor(m, options).metrics(d);
        var out = spec.commandLine().getOut();
        if (json) {
            out.println(JsonText.compact(metrics.toMap()));
        } else {
            metrics.toMap().forEach((k, v) -> out.printf("%-20s %s%n", k, v));
        }
        return ExitCodes.OK;
    }
}
