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
import org.neuralode.eval.MetricAccumulator;
import org.neuralode.eval.MetricSet;
import org.neuralode.io.EnsembleManifest;
import org.neuralode.io.ModelFiles;
import org.neuralode.ode.SolverOptions;
import org.neuralode.ode.TrainableField;
import org.neuralode.train.Predictor;

/**
 * An ensemble of models of the same species (Catalax's {@code NeuralODEEnsemble}): its prediction is the mean
 * of its members' predictions, and the members' spread at every point gives a band, their minimum and maximum
 * or a pair of quantiles (linearly interpolated between the sorted member values, as {@code numpy.percentile},
 * which Catalax's HDI bounds use). Its rates are the mean of its members' rates. Immutable; thread-safe.
 *
 * <pre>{@code
 * Ensemble e = Ensemble.load("runs/mm-ensemble/model");
 * Ensemble.Prediction p = e.predict(data, SolverOptions.defaults(), 50, new Ensemble.Band(0.05, 0.95));
 * Dataset mean = p.mean(), lower = p.lower(), upper = p.upper();
 * }</pre>
 */
public final class Ensemble {

    private final List<TrainableField> members;

    /**
     * Two quantiles of the members' values at each point, {@code 0 <= lower < upper <= 1}; {@link #MIN_MAX}
     * (0 and 1) is the members' minimum and maximum.
     */
    public record Band(double lower, double upper) {

        /** The members' minimum and maximum. */
        public static final Band MIN_MAX = new Band(0, 1);

        /** @throws IllegalArgumentException unless {@code 0 <= lower < upper <= 1} */
        public Band {
            if (!(lower >= 0 && lower < upper && upper <= 1)) {
                throw new IllegalArgumentException("must be two quantiles LO,HI with 0 <= LO < HI <= 1, got "
                        + lower + "," + upper);
            }
        }

        /** Quantile {@code q} of ascending {@code sorted}, linear between neighbours (numpy's default). */
        static double quantile(double[] sorted, double q) {
            double h = (sorted.length - 1) * q;
            int i = (int) Math.floor(h);
            return i >= sorted.length - 1 ? sorted[sorted.length - 1] : sorted[i] + (h - i) * (sorted[i + 1] - sorted[i]);
        }
    }

    /**
     * An ensemble's prediction, three datasets of the same layout as {@link Predictions#predict}'s.
     *
     * @param mean    the members' mean at every point
     * @param lower   the band's lower quantile at every point
     * @param upper   the band's upper quantile at every point
     * @param members each member's own prediction
     */
    public record Prediction(Dataset mean, Dataset lower, Dataset upper, List<Dataset> members) {
    }

    /**
     * @param members at least one model, all of the same species (in any order)
     * @throws IllegalArgumentException for no members or members of other species
     */
    public Ensemble(List<TrainableField> members) {
        int other = otherSpecies(members);
        if (members.isEmpty() || other >= 0) {
            throw new IllegalArgumentException("an ensemble needs one or more members of the same species; "
                    + (members.isEmpty() ? "got none" : "member " + other + " has " + members.get(other).states()));
        }
        this.members = List.copyOf(members);
    }

    /** True when {@code location} is an ensemble's directory (it holds an {@link EnsembleManifest}). */
    public static boolean isEnsemble(String location) {
        return EnsembleManifest.isEnsemble(location);
    }

    /**
     * Loads an ensemble directory: its manifest and every member model directory it names.
     *
     * @throws InputException naming the file at fault, or a member whose species differ from member 0's
     */
    public static Ensemble load(String location) {
        EnsembleManifest manifest = EnsembleManifest.read(location);
        List<TrainableField> members = new ArrayList<>();
        for (int i = 0; i < manifest.members().size(); i++) {
            members.add(ModelFiles.load(manifest.memberLocation(location, i)));
        }
        int other = otherSpecies(members);
        if (other >= 0) {
            throw new InputException(manifest.memberLocation(location, other), "has species "
                    + members.get(other).states() + " but member 0 has " + members.get(0).states());
        }
        return new Ensemble(members);
    }

    /** Index of the first member whose species (as a set) differ from member 0's, or -1. */
    private static int otherSpecies(List<TrainableField> members) {
        for (int i = 1; i < members.size(); i++) {
            if (!new TreeSet<>(members.get(i).states()).equals(new TreeSet<>(members.get(0).states()))) {
                return i;
            }
        }
        return -1;
    }

    /** The members, in order. */
    public List<TrainableField> members() {
        return members;
    }

    /** The species, in member 0's order (the order of every dataset this ensemble writes). */
    public List<String> states() {
        return members.get(0).states();
    }

    /** Sum of the members' parameter counts (Catalax's {@code n_parameters} of an ensemble; AIC and BIC use it). */
    public int numParams() {
        return members.stream().mapToInt(TrainableField::numParams).sum();
    }

    /**
     * Every member's prediction of {@code data} ({@link Predictions#predict}) and their mean and band.
     *
     * @param denseTimes 0, or n &gt;= 2 evenly spaced times added over each measurement's range
     * @param band       the band's quantiles ({@link Band#MIN_MAX}: the members' minimum and maximum)
     * @throws InputException when a measurement lacks an initial condition or a member's solve fails
     */
    public Prediction predict(Dataset data, SolverOptions options, int denseTimes, Band band) {
        List<Dataset> each = new ArrayList<>(members.size());
        for (TrainableField m : members) {
            each.add(Predictions.predict(m, data, options, denseTimes));
        }
        return combine(each, band);
    }

    /**
     * The mean of the members' rates {@code dy/dt} at every point of {@code predicted} (Catalax's ensemble
     * {@code rates}), e.g. of the ensemble's mean prediction.
     */
    public Dataset rates(Dataset predicted) {
        List<Dataset> each = new ArrayList<>(members.size());
        for (TrainableField m : members) {
            each.add(Predictions.rates(m, predicted));
        }
        return combine(each, Band.MIN_MAX).mean();
    }

    /**
     * Metrics of the mean prediction on {@code data}'s observed points (with {@link #numParams} parameters) and
     * of each member.
     */
    public EnsembleMetrics metrics(Dataset data, SolverOptions options) {
        Prediction p = predict(data, options, 0, Band.MIN_MAX);
        List<MetricSet> each = new ArrayList<>(members.size());
        for (int i = 0; i < members.size(); i++) {
            each.add(metrics(data, p.members().get(i), members.get(i).numParams()));
        }
        return new EnsembleMetrics(metrics(data, p.mean(), numParams()), each);
    }

    private MetricSet metrics(Dataset observed, Dataset predicted, int parameters) {
        MetricAccumulator acc = new MetricAccumulator();
        for (int i = 0; i < observed.size(); i++) {
            acc.add(Predictor.rows(observed.measurements().get(i), states()),
                    Predictor.rows(predicted.measurements().get(i), states()));
        }
        return acc.result(parameters);
    }

    /** Mean and band of same-layout datasets, point by point. */
    private Prediction combine(List<Dataset> each, Band band) {
        Dataset first = each.get(0);
        List<Measurement> mean = new ArrayList<>(first.size());
        List<Measurement> lower = new ArrayList<>(first.size());
        List<Measurement> upper = new ArrayList<>(first.size());
        for (int i = 0; i < first.size(); i++) {
            Measurement m = first.measurements().get(i);
            Map<String, double[]> mu = new LinkedHashMap<>();
            Map<String, double[]> lo = new LinkedHashMap<>();
            Map<String, double[]> hi = new LinkedHashMap<>();
            for (String s : states()) {
                mu.put(s, new double[m.length()]);
                lo.put(s, new double[m.length()]);
                hi.put(s, new double[m.length()]);
                double[] values = new double[each.size()];
                for (int k = 0; k < m.length(); k++) {
                    for (int j = 0; j < each.size(); j++) {
                        values[j] = each.get(j).measurements().get(i).data().get(s)[k];
                    }
                    Arrays.sort(values);
                    // the mean lies between the extremes; rounding of the sum must not push it outside
                    mu.get(s)[k] = Math.min(values[values.length - 1], Math.max(values[0], mean(values)));
                    lo.get(s)[k] = Band.quantile(values, band.lower());
                    hi.get(s)[k] = Band.quantile(values, band.upper());
                }
            }
            mean.add(withData(m, mu));
            lower.add(withData(m, lo));
            upper.add(withData(m, hi));
        }
        return new Prediction(first.withMeasurements(mean), first.withMeasurements(lower),
                first.withMeasurements(upper), List.copyOf(each));
    }

    private static double mean(double[] values) {
        double sum = 0;
        for (double v : values) {
            sum += v;
        }
        return sum / values.length;
    }

    private static Measurement withData(Measurement m, Map<String, double[]> data) {
        return new Measurement(m.id(), m.name(), m.description(), m.initialConditions(), m.time(), data);
    }
}
