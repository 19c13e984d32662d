package org.neuralode.train;

import java.io.Serializable;
import java.util.List;
import org.neuralode.InputException;
import org.neuralode.data.Dataset;
import org.neuralode.data.Measurement;

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
     * Lays out {@code d} in the given state order. A state without an initial condition is an
     * {@link InputException} naming the measurement.
     */
    public static TrajectorySet of(Dataset d, List<String> states) {
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
            for (int j = 0; j < s; j++) {
                String state = states.get(j);
                Double init = m.initialConditions().get(state);
                if (init == null || !Double.isFinite(init)) {
                    throw new InputException("measurement " + m.id(),
                            "no finite initial condition for state '" + state + "'");
                }
                y0[i][j] = init;
                double[] series = m.data().get(state);
                for (int k = 0; k < m.length(); k++) {
                    obs[i][k * s + j] = series == null ? Double.NaN : series[k];
                }
            }
        }
        return new TrajectorySet(s, ids, y0, times, obs);
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

    /** Largest number of time points of any trajectory. */
    public int maxLength() {
        int max = 0;
        for (double[] t : times) {
            max = Math.max(max, t.length);
        }
        return max;
    }
}
