package org.neuralode.workflow;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.neuralode.InputException;
import org.neuralode.data.Dataset;
import org.neuralode.data.Measurement;
import org.neuralode.ode.SolverOptions;
import org.neuralode.ode.TrainableField;
import org.neuralode.ode.VectorField;
import org.neuralode.train.Predictor;

/**
 * A model's predictions and rates as datasets: the same measurement ids, names, initial conditions and times
 * as the data, with the model's values (or its {@code dy/dt}) in place of the observations, so that every
 * dataset tool (writers, {@code evaluate}, plots) reads them; and the data's own rates by central
 * differences. Stateless and thread-safe.
 *
 * <pre>{@code
 * Dataset predicted = Predictions.predict(model, data, SolverOptions.defaults(), 0);
 * Dataset rates = Predictions.rates(model, predicted);       // dy/dt at every predicted point
 * }</pre>
 */
public final class Predictions {

    private Predictions() {
    }

    /**
     * Refuses a model whose species are not the dataset's states (compared as sets).
     *
     * @param modelName   the model's location, named in the message
     * @param datasetName the dataset's location, named in the message
     * @throws InputException naming both and their species
     */
    public static void requireSameSpecies(TrainableField model, String modelName, Dataset data, String datasetName) {
        if (!new TreeSet<>(model.states()).equals(new TreeSet<>(data.states()))) {
            throw new InputException(modelName, "the model's species " + model.states() + " do not match the states "
                    + data.states() + " of the dataset " + datasetName);
        }
    }

    /**
     * The model's predictions of every measurement of {@code data}, each solved from its first time and
     * initial conditions.
     *
     * @param denseTimes 0 for the measurements' own times; n &gt;= 2 to add n evenly spaced times over each
     *                   measurement's range (then the times are the sorted union of both)
     * @return a dataset with the same id, name, description and measurements (id, name, description, initial
     *         conditions), whose data are the model's states at the (possibly denser) times
     * @throws InputException           when a measurement lacks an initial condition or its solve fails
     * @throws IllegalArgumentException if {@code denseTimes} is 1 or negative
     */
    public static Dataset predict(TrainableField model, Dataset data, SolverOptions options, int denseTimes) {
        if (denseTimes == 1 || denseTimes < 0) {
            throw new IllegalArgumentException("dense times must be 0 or at least 2, got " + denseTimes);
        }
        Predictor predictor = new Predictor(model, options);
        List<Measurement> out = new ArrayList<>(data.size());
        for (Measurement m : data.measurements()) {
            double[] times = denseTimes == 0 ? m.time() : union(m.time(), evenlySpaced(m.time()[0],
                    m.time()[m.length() - 1], denseTimes));
            out.add(withValues(m, times, model.states(), predictor.predict(m, times)));
        }
        return data.withMeasurements(out);
    }

    /**
     * The model's rates {@code dy/dt = f(t, y)} at every point of {@code predicted} (as {@link #predict} returns
     * it: every species of the model at every time).
     *
     * @return the same layout with the rates as values
     */
    public static Dataset rates(TrainableField model, Dataset predicted) {
        VectorField.Evaluator f = model.vectorField().newEvaluator();
        double[] theta = model.theta();
        List<String> states = model.states();
        List<Measurement> out = new ArrayList<>(predicted.size());
        for (Measurement m : predicted.measurements()) {
            double[][] y = Predictor.rows(m, states);
            double[][] rates = new double[m.length()][states.size()];
            for (int k = 0; k < m.length(); k++) {
                f.eval(m.time()[k], y[k], 0, theta, rates[k], 0);
            }
            out.add(withValues(m, m.time(), states, rates));
        }
        return predicted.withMeasurements(out);
    }

    /**
     * The data's own rates by central differences, {@code (y[k+1] - y[k-1]) / (t[k+1] - t[k-1])} at each
     * interior time; NaN at the first and last time and next to a missing point.
     *
     * @return the same layout with the differences as values
     */
    public static Dataset centralDifferences(Dataset observed) {
        List<Measurement> out = new ArrayList<>(observed.size());
        for (Measurement m : observed.measurements()) {
            double[] t = m.time();
            Map<String, double[]> rates = new LinkedHashMap<>();
            m.data().forEach((state, y) -> {
                double[] r = new double[y.length];
                Arrays.fill(r, Double.NaN);
                for (int k = 1; k + 1 < y.length; k++) {
                    r[k] = (y[k + 1] - y[k - 1]) / (t[k + 1] - t[k - 1]);
                }
                rates.put(state, r);
            });
            out.add(new Measurement(m.id(), m.name(), m.description(), m.initialConditions(), t, rates));
        }
        return observed.withMeasurements(out);
    }

    /**
     * {@code n} evenly spaced times from {@code t0} to {@code t1}, both ends included exactly.
     *
     * @param n at least 2
     */
    public static double[] evenlySpaced(double t0, double t1, int n) {
        double[] times = new double[n];
        for (int i = 0; i < n; i++) {
            times[i] = t0 + (t1 - t0) * i / (n - 1);
        }
        times[n - 1] = t1;
        return times;
    }

    /** Where {@code predict --rates} writes the rates beside predictions written to {@code location}. */
    public static String ratesLocation(String location) {
        return siblingLocation(location, "rates");
    }

    /**
     * A dataset location beside {@code location} in the same format: {@code FILE.zip} -&gt; {@code FILE.KIND.zip},
     * a CSV pair's directory {@code DIR} -&gt; {@code DIR.KIND}.
     */
    public static String siblingLocation(String location, String kind) {
        if (location.endsWith(".zip")) {
            return location.substring(0, location.length() - ".zip".length()) + "." + kind + ".zip";
        }
        return location.replaceAll("/+$", "") + "." + kind;
    }

    private static double[] union(double[] a, double[] b) {
        TreeSet<Double> all = new TreeSet<>();
        Arrays.stream(a).forEach(all::add);
        Arrays.stream(b).forEach(all::add);
        return all.stream().mapToDouble(Double::doubleValue).toArray();
    }

    private static Measurement withValues(Measurement m, double[] times, List<String> states, double[][] rows) {
        Map<String, double[]> data = new LinkedHashMap<>();
        for (int j = 0; j < states.size(); j++) {
            double[] series = new double[times.length];
            for (int k = 0; k < times.length; k++) {
                series[k] = rows[k][j];
            }
            data.put(states.get(j), series);
        }
        return new Measurement(m.id(), m.name(), m.description(), m.initialConditions(), times.clone(), data);
    }
}
