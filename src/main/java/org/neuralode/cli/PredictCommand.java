package org.neuralode.cli;

import java.util.List;
import java.util.concurrent.Callable;
import org.neuralode.InputException;
import org.neuralode.workflow.Ensemble;
import org.neuralode.workflow.PredictJob;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code predict --model M --dataset D --out DATASET [--band LO,HI]}: a model's predictions written as a dataset;
 * an ensemble's mean, with its band beside it.
 */
@Command(name = "predict", mixinStandardHelpOptions = true,
        description = {"Write a model's predictions of a dataset as a dataset: the same measurement ids, initial "
                + "conditions and times, the model's values in place of the observations.",
            "An ensemble (a model directory holding ensemble.json, as train writes with ensemble.members > 1) "
                + "writes its members' mean to FILE.zip and its band to FILE.lower.zip and FILE.upper.zip "
                + "(a directory DIR: DIR.lower, DIR.upper).",
            "Everything is computed before anything is written; each file is written atomically."})
final class PredictCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--model", required = true, paramLabel = "PATH",
            description = "A model directory (model.json + params.bin), an ensemble directory (ensemble.json + "
                    + "member model directories) or a Catalax .eqx file.")
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
            + "layout, to FILE.rates.zip (a directory: DIR.rates); an ensemble's: its members' mean dy/dt at the "
            + "mean's points.")
    boolean rates;

    @Option(names = "--band", paramLabel = "LO,HI",
            description = "An ensemble's band as the members' quantiles LO and HI (0 <= LO < HI <= 1, linear "
                    + "between members, e.g. 0.05,0.95); default: their minimum and maximum.")
    String band;

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
        List<String> written = new PredictJob(model, dataset, solver.options(), times, rates, plots, ids,
                band == null ? null : band(band)).run(out);
        written.forEach(w -> spec.commandLine().getErr().println("neuralode: wrote " + w));
        return ExitCodes.OK;
    }

    /** Parses {@code --band LO,HI}; anything but two quantiles {@code 0 <= LO < HI <= 1} is refused naming it. */
    static Ensemble.Band band(String text) {
        String[] parts = text.split(",", -1);
        try {
            if (parts.length == 2) {
                return new Ensemble.Band(Double.parseDouble(parts[0].strip()), Double.parseDouble(parts[1].strip()));
            }
        } catch (IllegalArgumentException e) { // NumberFormatException included
            // refused below
        }
        throw new InputException("--band", "must be two quantiles LO,HI with 0 <= LO < HI <= 1 (e.g. 0.05,0.95), got '"
                + text + "'");
    }
}
