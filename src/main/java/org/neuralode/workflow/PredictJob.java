package org.neuralode.workflow;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.neuralode.data.Dataset;
import org.neuralode.io.DatasetFiles;
import org.neuralode.io.ModelFiles;
import org.neuralode.io.Storage;
import org.neuralode.ode.SolverOptions;
import org.neuralode.ode.TrainableField;

/**
 * {@code predict}: a saved model's predictions of a dataset written as a dataset (Croissant zip or CSV pair,
 * as {@link DatasetFiles} decides by the name), optionally with its rates beside it and figures of observed
 * against predicted. Everything is computed before the first file is written, and each file is written
 * atomically, so a refused or failed prediction writes nothing.
 *
 * @param model      a model directory or a Catalax {@code .eqx} file
 * @param dataset    the dataset whose measurements are predicted
 * @param options    the solver
 * @param denseTimes 0, or n &gt;= 2 evenly spaced times added over each measurement's range
 * @param rates      also write the model's {@code dy/dt} at every predicted point to
 *                   {@link Predictions#ratesLocation}
 * @param plotsDir   a directory for {@code fit-<page>.png}, or null for no figures
 * @param plotIds    the measurements drawn (null: all)
 */
public record PredictJob(String model, String dataset, SolverOptions options, int denseTimes, boolean rates,
                         String plotsDir, List<String> plotIds) {

    /**
     * Predicts and writes {@code out} (and the rates and figures asked for).
     *
     * @return the locations written, predictions first
     * @throws org.neuralode.InputException for an unreadable model or dataset, species that do not match, an
     *                                      unknown plot id or a failed solve
     */
    public List<String> run(String out) {
        TrainableField m = ModelFiles.load(model);
        Dataset d = DatasetFiles.load(dataset);
        Predictions.requireSameSpecies(m, model, d, dataset);
        Dataset predicted = Predictions.predict(m, d, options, denseTimes);
        Dataset rateValues = rates ? Predictions.rates(m, predicted) : null;
        List<byte[]> pages = plotsDir == null ? List.of()
                : Figures.fits(plotIds == null ? d : d.select(plotIds), predicted, m.states(),
                        d.name() + ": observed vs predicted");
        List<String> written = new ArrayList<>();
        DatasetFiles.save(predicted, out);
        written.add(out);
        if (rateValues != null) {
            DatasetFiles.save(rateValues, Predictions.ratesLocation(out));
            written.add(Predictions.ratesLocation(out));
        }
        for (int i = 0; i < pages.size(); i++) {
            String page = Storage.resolve(plotsDir, String.format(Locale.ROOT, "fit-%d.png", i + 1));
            Storage.writeAtomically(page, pages.get(i));
            written.add(page);
        }
        return written;
    }
}
