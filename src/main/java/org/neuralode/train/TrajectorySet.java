package org.neuralode.train;

import java.io.Serializable;
import java.util.List;
import java.util.Map;
import org.neuralode.InputException;
import org.neuralode.data.Dataset;
import org.neuralode.data.Measurement;
import org.neuralode.ode.TrainableField;

/**
 * Measurements laid out for the solver: per trajectory the initial state, the times and the observed
 * values flattened time-major ({@code observed[i][k*S + s]}, NaN = missing). Immutable and serialisable
 * (it travels in Spark tasks).
 */
public final class TrajectorySet implements Serializable {

    private static final long serialVersionUID = 1L;

    private final int dim;
    private final String[] ids;
    private final double[][] y0;
    private final double[][] times;
    private final double[][] observed;
    private transient java.util.concurrent.ConcurrentHashMap<Double, double[][]> prefixes;

    private TrajectorySet(int dim, String[] ids, double[][] y0, double[][] times, double[][] observed) {
        this.dim = dim;
        this.ids = ids;
        this.y0 = y0;
        this.times = times;
        this.observed = observed;
    }

    /**
     * Lays out {@code d} in the given state order, every state needing an initial condition in the data.
     *
     * @throws InputException naming the measurement and a state without a finite initial condition
     */
    public static TrajectorySet of(Dataset d, List<String> states) {
        return of(d, states, Map.of());
    }

    /**
     * Lays out {@code d} in {@code model}'s state order; a state the data do not have is unobserved (NaN),
     * and starts at the model's {@link TrainableField#initialValues() initial value} where a measurement
     * gives none.
     *
     * @throws InputException naming the measurement and a state without a finite initial condition
     */
    public static TrajectorySet of(Dataset d, TrainableField model) {
        return of(d, model.states(), model.initialValues());
    }

    /**
     * Lays out {@code d} in the given state order, taking a state's initial value from
     * {@code initialValues} where a measurement gives none.
     *
     * @throws InputException naming the measurement and a state without a finite initial condition
     */
    public static TrajectorySet of(Dataset d, List<String> states, Map<String, Double> initialValues) {
        int n = d.size();
        int s = states.size();
        String[] ids = new String[n];
        double[][] y0 = new double[n][s];
        double[][] times = new double[n][];
        double[][] obs = new double[n][];
        for (int i = 0; i < n; i++) {
            Measurement m = d.measurements().get(i);
            ids[i] = m.id();
            times[i] = m.time().clone();
            obs[i] = new double[m.length() * s];
            y0[i] = initialState(m, states, initialValues);
            for (int j = 0; j < s; j++) {
                double[] series = m.data().get(states.get(j));
                for (int k = 0; k < m.length(); k++) {
                    obs[i][k * s + j] = series == null ? Double.NaN : series[k];
                }
            }
        }
        return new TrajectorySet(s, ids, y0, times, obs);
    }

    /**
     * The initial state of {@code m} in the order of {@code states}: each state's initial condition, else its
     * value in {@code initialValues}.
     *
     * @throws InputException naming the measurement and a state without a finite value
     */
    public static double[] initialState(Measurement m, List<String> states, Map<String, Double> initialValues) {
        double[] y0 = new double[states.size()];
        for (int j = 0; j < y0.length; j++) {
            String state = states.get(j);
            Double init = m.initialConditions().getOrDefault(state, initialValues.get(state));
            if (init == null || !Double.isFinite(init)) {
                throw new InputException("measurement " + m.id(), "no finite initial condition for state '" + state
                        + "' (" + init + "), neither in the data nor in the model");
            }
            y0[j] = init;
        }
        return y0;
    }

    /**
     * Checks that {@code d} can be laid out for {@code model}: every state of the model that the data do not
     * have needs an initial value, from the model or from every measurement's initial conditions.
     *
     * @param source names the model in the message
     * @throws InputException naming the first state without one
     */
    public static void checkUnobserved(Dataset d, TrainableField model, String source) {
        for (String state : model.states()) {
            if (d.states().contains(state) || model.initialValues().containsKey(state)) {
                continue;
            }
            for (Measurement m : d.measurements()) {
                if (!m.initialConditions().containsKey(state)) {
                    throw new InputException(source, "state '" + state + "' of the model (states " + model.states()
                            + ") is not in the data (states " + d.states() + ") and has no initial value (a"
                            + " mechanistic model file gives one as YAML {symbol: " + state + ", initial: 0.0} or"
                            + " Catalax JSON initial_value)");
                }
            }
        }
    }

    /** Number of states S. */
    public int dim() {
        return dim;
    }

    /** Number of trajectories. */
    public int size() {
        return ids.length;
    }

    /** Measurement id of trajectory {@code i}. */
    public String id(int i) {
        return ids[i];
    }

    /** Initial state of trajectory {@code i}, length S (live array: do not modify). */
    public double[] y0(int i) {
        return y0[i];
    }

    /** Times of trajectory {@code i} (live array: do not modify). */
    public double[] times(int i) {
        return times[i];
    }

    /** Observed values of trajectory {@code i}, {@code [T*S]} time-major (live array: do not modify). */
    public double[] observed(int i) {
        return observed[i];
    }

    /**
     * Every trajectory's times cut to its first {@link Phase#keep(int, double)} points for {@code length}
     * (cached per length; arrays are shared with this set where nothing is cut: do not modify).
     */
    public double[][] prefixTimes(double length) {
        if (prefixes == null) {
            prefixes = new java.util.concurrent.ConcurrentHashMap<>();
        }
        return prefixes.computeIfAbsent(length, len -> {
            double[][] cut = new double[times.length][];
            for (int i = 0; i < times.length; i++) {
                int keep = Phase.keep(times[i].length, len);
                cut[i] = keep == times[i].length ? times[i] : java.util.Arrays.copyOf(times[i], keep);
            }
            return cut;
        });
    }
}
