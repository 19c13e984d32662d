package org.neuralode.workflow;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.neuralode.InputException;
import org.neuralode.data.Dataset;
import org.neuralode.io.DatasetFiles;
import org.neuralode.io.ModelFiles;
import org.neuralode.io.Storage;
import org.neuralode.ode.SolverOptions;
import org.neuralode.ode.TrainableField;

/**
 * {@code predict}: a saved model's predictions of a dataset written as a dataset (Croissant zip or CSV pair,
 * as {@link DatasetFiles} decides by the name), optionally with its rates beside it and figures of observed
 * against predicted. An ensemble ({@link Ensemble}) writes its members' mean, and beside it its band as
 * {@code FILE.lower.zip} and {@code FILE.upper.zip} ({@link Predictions#siblingLocation}); its rates are the
 * members' mean rates at the mean's points. Everything is computed before the first file is written, and
 * each file is written atomically, so a refused or failed prediction writes nothing.
 *
 * @param model      a model directory, an ensemble directory or a Catalax {@code .eqx} file
 * @param dataset    the dataset whose measurements are predicted
 * @param options    the solver
 * @param denseTimes 0, or n &gt;= 2 evenly spaced times added over each measurement's range
 * @param rates      also write the model's {@code dy/dt} at every predicted point to
 *                   {@link Predictions#ratesLocation}
 * @param plotsDir   a directory for {@code fit-<page>.png}, or null for no figures
 * @param plotIds    the measurements drawn (null: all)
 * @param band       an ensemble's band, null for its minimum and maximum; must be null for a single model
 */
public record PredictJob(String model, String dataset, SolverOptions options, int denseTimes, boolean rates,
                         String plotsDir, List<String> plotIds, Ensemble.Band band) {

    /**
     * Predicts and writes {@code out} (and the band, rates and figures asked for).
     *
     * @return the locations written, predictions first
     * @throws org.neuralode.InputException for an unreadable model or dataset, species that do not match, an
     *                                      unknown plot id, a failed solve, or a band for a single model
     */
    public List<String> run(String out) {
        Map<String, Dataset> files = new LinkedHashMap<>();
        Inputs in = Ensemble.isEnsemble(model) ? predictEnsemble(out, files) : predictModel(out, files);
        Dataset d = in.data();
        List<byte[]> pages = plotsDir == null ? List.of()
                : Figures.fits(plotIds == null ? d : d.select(plotIds), files.get(out), in.states(),
                        d.name() + ": observed vs predicted");
        List<String> written = new ArrayList<>();
        files.forEach((location, values) -> {
            DatasetFiles.save(values, location);
            written.add(location);
        });
        for (int i = 0; i < pages.size(); i++) {
            String page = Storage.resolve(plotsDir, String.format(Locale.ROOT, "fit-%d.png", i + 1));
            Storage.writeAtomically(page, pages.get(i));
            written.add(page);
        }
        return written;
    }

    /** The dataset read and the species predicted, in the written order. */
    private record Inputs(Dataset data, List<String> states) {
    }

    /** A single model's predictions (and rates) by location into {@code files}. */
    private Inputs predictModel(String out, Map<String, Dataset> files) {
        if (band != null) {
            throw new InputException("--band", "needs an ensemble model (a directory holding ensemble.json); "
                    + model + " is a single model");
        }
        TrainableField m = ModelFiles.load(model);
        Dataset d = DatasetFiles.load(dataset);
        Predictions.requireSameSpecies(m, model, d, dataset);
        Dataset predicted = Predictions.predict(m, d, options, denseTimes);
        files.put(out, predicted);
        if (rates) {
            files.put(Predictions.ratesLocation(out), Predictions.rates(m, predicted));
        }
        return new Inputs(d, m.states());
    }

    /** An ensemble's mean, band (and mean rates) by location into {@code files}. */
    private Inputs predictEnsemble(String out, Map<String, Dataset> files) {
        Ensemble e = Ensemble.load(model);
        Dataset d = DatasetFiles.load(dataset);
        Predictions.requireSameSpecies(e.members().get(0), model, d, dataset);
        Ensemble.Prediction p = e.predict(d, options, denseTimes, band == null ? Ensemble.Band.MIN_MAX : band);
        files.put(out, p.mean());
        files.put(Predictions.siblingLocation(out, "lower"), p.lower());
        files.put(Predictions.siblingLocation(out, "upper"), p.upper());
        if (rates) {
            files.put(Predictions.ratesLocation(out), e.rates(p.mean()));
        }
        return new Inputs(d, e.states());
    }
}
