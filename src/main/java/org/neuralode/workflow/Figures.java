package org.neuralode.workflow;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.neuralode.data.Augmenter;
import org.neuralode.data.Dataset;
import org.neuralode.data.Measurement;
import org.neuralode.io.Storage;
import org.neuralode.ode.SolverOptions;
import org.neuralode.ode.TrainableField;
import org.neuralode.report.DataPanel;
import org.neuralode.report.DataPlot;
import org.neuralode.report.FitPanel;
import org.neuralode.report.FitPlot;
import org.neuralode.report.RatePlot;
import org.neuralode.train.Predictor;

/**
 * The figures of {@code plot} and {@code predict --plots}, drawn from datasets: the data (with augmented
 * copies), observed against predicted, and rate against concentration. Each returns PNG bytes; nothing is
 * written until {@link #writePages}. Stateless and thread-safe.
 */
public final class Figures {

    /** Times per measurement of the trajectories a rate plot draws. */
    public static final int RATE_CURVE_POINTS = 200;

    private Figures() {
    }

    /**
     * Observed against predicted, one panel per measurement of {@code observed}, paged as {@link FitPlot} pages.
     *
     * @param predicted {@link Predictions#predict} of {@code observed} (the same measurement ids), any times
     * @param states    the species, in the legend's and colours' order
     * @return PNG bytes per page
     */
    public static List<byte[]> fits(Dataset observed, Dataset predicted, List<String> states, String title) {
        List<FitPanel> panels = new ArrayList<>(observed.size());
        for (Measurement m : observed.measurements()) {
            Measurement p = predicted.byId(m.id()).orElseThrow();
            panels.add(new FitPanel(title(m), m.time(), Predictor.rows(m, states), p.time(),
                    Predictor.rows(p, states)));
        }
        return FitPlot.renderPages(panels, states, title);
    }

    /**
     * The data as markers, one panel per measurement of {@code shown}, paged; with {@code rounds} &gt; 0 the
     * copies {@link Augmenter#augment} makes of the whole of {@code data} (additive noise {@code sigma},
     * {@code seed}) are drawn lighter behind their originals, so a measurement shows the same copies whatever
     * else is shown.
     *
     * @param shown the ids of the measurements to draw (drawn in {@code data}'s order)
     * @return PNG bytes per page
     * @throws org.neuralode.InputException naming an id that is not in {@code data}
     */
    public static List<byte[]> data(Dataset data, List<String> shown, int rounds, double sigma, long seed,
                                    String title) {
        Dataset all = Augmenter.augment(data, rounds, sigma, seed, false);
        List<String> ids = data.ids();
        List<DataPanel> panels = new ArrayList<>(shown.size());
        for (String id : data.select(shown).ids()) {
            int i = ids.indexOf(id);
            Measurement m = data.measurements().get(i);
            List<double[][]> copies = new ArrayList<>(rounds);
            for (int round = 1; round <= rounds; round++) {
                copies.add(Predictor.rows(all.measurements().get(round * data.size() + i), data.states()));
            }
            panels.add(new DataPanel(title(m), m.time(), Predictor.rows(m, data.states()), copies));
        }
        return DataPlot.renderPages(panels, data.states(), title);
    }

    /**
     * Rate against concentration per species: the model's {@code dy/dt} along its trajectory from each
     * measurement's initial conditions ({@link #RATE_CURVE_POINTS} times over its range), and the data's
     * central differences ({@link Predictions#centralDifferences}).
     *
     * @param data a dataset whose states are the model's species
     * @return PNG bytes
     */
    public static byte[] rates(TrainableField model, Dataset data, SolverOptions options, String title) {
        Dataset predicted = Predictions.predict(model, data, options, RATE_CURVE_POINTS);
        Dataset modelRates = Predictions.rates(model, predicted);
        Dataset differences = Predictions.centralDifferences(data);
        List<RatePlot.Panel> panels = new ArrayList<>();
        for (String species : model.states()) {
            List<RatePlot.Series> curves = new ArrayList<>(data.size());
            for (int i = 0; i < data.size(); i++) {
                curves.add(series(predicted.measurements().get(i), modelRates.measurements().get(i), species));
            }
            panels.add(new RatePlot.Panel(species, curves, pooled(data, differences, species)));
        }
        return RatePlot.render(panels, title);
    }

    /**
     * Writes figure pages atomically: the first to {@code file}, page i &gt; 1 beside it as
     * {@code <file without .png>-i.png}.
     *
     * @return the locations written, in page order
     */
    public static List<String> writePages(String file, List<byte[]> pages) {
        String stem = file.endsWith(".png") ? file.substring(0, file.length() - ".png".length()) : file;
        List<String> written = new ArrayList<>(pages.size());
        for (int i = 0; i < pages.size(); i++) {
            String location = i == 0 ? file : String.format(Locale.ROOT, "%s-%d.png", stem, i + 1);
            Storage.writeAtomically(location, pages.get(i));
            written.add(location);
        }
        return written;
    }

    private static RatePlot.Series series(Measurement values, Measurement rates, String species) {
        double[] x = values.data().get(species);
        double[] y = rates.data().get(species);
        return new RatePlot.Series(x == null ? new double[0] : x, y == null ? new double[0] : y);
    }

    /** The data's concentrations against their central differences, all measurements together. */
    private static RatePlot.Series pooled(Dataset data, Dataset differences, String species) {
        List<double[]> points = new ArrayList<>();
        for (int i = 0; i < data.size(); i++) {
            RatePlot.Series s = series(data.measurements().get(i), differences.measurements().get(i), species);
            for (int k = 0; k < s.x().length; k++) {
                points.add(new double[] {s.x()[k], s.y()[k]});
            }
        }
        double[] x = points.stream().mapToDouble(p -> p[0]).toArray();
        double[] y = points.stream().mapToDouble(p -> p[1]).toArray();
        return new RatePlot.Series(x, y);
    }

    private static String title(Measurement m) {
        return m.name() != null ? m.name() : m.id();
    }
}
