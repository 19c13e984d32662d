package org.neuralode.cli;

import java.util.List;
import java.util.concurrent.Callable;
import org.neuralode.InputException;
import org.neuralode.data.Dataset;
import org.neuralode.io.DatasetFiles;
import org.neuralode.io.ModelFiles;
import org.neuralode.ode.TrainableField;
import org.neuralode.workflow.Figures;
import org.neuralode.workflow.Predictions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code plot --dataset D --out FILE.png}: the data, optionally with augmented copies, or rates (v-[S]). */
@Command(name = "plot", mixinStandardHelpOptions = true,
        description = {"Draw a dataset: one panel per measurement, observations as markers, one colour per species "
                + "(16 panels a figure: FILE.png, then FILE-2.png, ...).",
            "With --rates --model M: rate against concentration per species, the model's dy/dt along its "
                + "predicted trajectories beside the data's central differences."})
final class PlotCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--dataset", required = true, paramLabel = "DATASET", description = "Croissant .zip or CSV pair directory.")
    String dataset;

    @Option(names = "--out", required = true, paramLabel = "FILE.png", description = "The figure (PNG).")
    String out;

    @Option(names = "--ids", split = ",", paramLabel = "ID", description = "The measurements drawn (default: all).")
    List<String> ids;

    @Option(names = "--augment", paramLabel = "N,SIGMA,SEED",
            description = "Draw N noisy copies per measurement (additive noise SIGMA, seed SEED), lighter, behind "
                    + "the originals, as train's dataset.augment makes them.")
    String augment;

    @Option(names = "--rates", description = "Rate against concentration (needs --model).")
    boolean rates;

    @Option(names = "--model", paramLabel = "PATH",
            description = "With --rates: a model directory or a Catalax .eqx file.")
    String model;

    @Mixin
    SolverMixin solver;

    @Override
    public Integer call() {
        if (rates != (model != null)) {
            throw new InputException(rates ? "--rates" : "--model", "--rates and --model go together");
        }
        if (rates && augment != null) {
            throw new InputException("--augment", "draws augmented data; it does not go with --rates");
        }
        Dataset d = DatasetFiles.load(dataset);
        List<String> shown = ids == null ? d.ids() : ids;
        List<byte[]> pages;
        if (rates) {
            TrainableField m = ModelFiles.load(model);
            Predictions.requireSameSpecies(m, model, d, dataset);
            pages = List.of(Figures.rates(m, d.select(shown), solver.options(),
                    d.name() + ": rate against concentration"));
        } else {
            Augment a = augment == null ? new Augment(0, 0, 0) : Augment.parse(augment);
            pages = Figures.data(d, shown, a.n(), a.sigma(), a.seed(), d.name());
        }
        Figures.writePages(out, pages).forEach(w -> spec.commandLine().getErr().println("neuralode: wrote " + w));
        return ExitCodes.OK;
    }

    /** {@code --augment N,SIGMA,SEED}. */
    private record Augment(int n, double sigma, long seed) {

        static Augment parse(String text) {
            String[] parts = text.split(",", -1);
            try {
                Augment a = new Augment(Integer.parseInt(parts[0].strip()), Double.parseDouble(parts[1].strip()),
                        Long.parseLong(parts[2].strip()));
                if (parts.length == 3 && a.n() >= 0 && a.sigma() >= 0 && Double.isFinite(a.sigma())) {
                    return a;
                }
            } catch (NumberFormatException | ArrayIndexOutOfBoundsException e) {
                // reported below, with what is expected
            }
            throw new InputException("--augment " + text, "expected N,SIGMA,SEED: copies N >= 0, noise SIGMA >= 0, "
                    + "an integer SEED, e.g. 10,0.01,42");
        }
    }
}
