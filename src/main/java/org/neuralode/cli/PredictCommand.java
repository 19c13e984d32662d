package org.neuralode.cli;

import java.util.List;
import java.util.concurrent.Callable;
import org.neuralode.InputException;
import org.neuralode.workflow.PredictJob;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code predict --model M --dataset D --out DATASET}: a model's predictions written as a dataset. */
@Command(name = "predict", mixinStandardHelpOptions = true,
        description = {"Write a model's predictions of a dataset as a dataset: the same measurement ids, initial "
                + "conditions and times, the model's values in place of the observations.",
            "Everything is computed before anything is written; each file is written atomically."})
final class PredictCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--model", required = true, paramLabel = "PATH",
            description = "A model directory (model.json + params.bin) or a Catalax .eqx file.")
    String model;

    @Option(names = "--dataset", required = true, paramLabel = "DATASET",
            description = "Croissant .zip or CSV pair directory; its states must be the model's species.")
    String dataset;

    @Option(names = "--out", required = true, paramLabel = "DATASET",
            description = "Output: .zip for Croissant, else a directory for measurements.csv + inits.csv.")
    String out;

    @Option(names = "--times", paramLabel = "N", defaultValue = "0",
            description = "Add N (>= 2) evenly spaced times over each measurement's range (dense curves); the "
                    + "written times are then the sorted union with the measurement's own.")
    int times;

    @Option(names = "--rates", description = "Also write the model's dy/dt at every predicted point, in the same "
            + "layout, to FILE.rates.zip (a directory: DIR.rates).")
    boolean rates;

    @Option(names = "--plots", paramLabel = "DIR",
            description = "Draw observed vs predicted into DIR/fit-1.png, fit-2.png, ... (16 measurements a page).")
    String plots;

    @Option(names = "--ids", split = ",", paramLabel = "ID",
            description = "The measurements --plots draws (default: all).")
    List<String> ids;

    @Mixin
    SolverMixin solver;

    @Override
    public Integer call() {
        if (times == 1 || times < 0) {
            throw new InputException("--times", "must be at least 2 (or 0 for the measurements' own times), got "
                    + times);
        }
        if (ids != null && plots == null) {
            throw new InputException("--ids", "selects the measurements --plots draws; give --plots DIR");
        }
        List<String> written = new PredictJob(model, dataset, solver.options(), times, rates, plots, ids).run(out);
        written.forEach(w -> spec.commandLine().getErr().println("neuralode: wrote " + w));
        return ExitCodes.OK;
    }
}
