package org.neuralode.data;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.neuralode.InputException;

/**
 * The semantic rules every dataset obeys, whatever file or code it came from (Catalax's data model):
 * <ul>
 *   <li>at least one measurement; ids non-blank and unique;</li>
 *   <li>{@code states} sorted and distinct; every data series belongs to a state;</li>
 *   <li>per measurement: at least one time point and one data series; times finite and strictly increasing
 *       (no duplicates); every series as long as {@code time}; values finite or {@code NaN} (missing),
 *       never infinite;</li>
 *   <li>every state with data has a finite initial condition (extra initial-condition keys, such as
 *       constants of a mechanistic model, are allowed and must be finite too).</li>
 * </ul>
 * The readers check the same rules with line-level messages while parsing; this class re-checks the
 * assembled dataset and serves datasets built in code (augmentation, splits, simulation).
 *
 * <p>Stateless and thread-safe.
 */
public final class DatasetValidator {

    private DatasetValidator() {
    }

    /**
     * @param dataset the dataset to check
     * @param source  where it came from (a file name, or a description such as {@code "augmented dataset"})
     * @throws InputException at the first violation, naming the measurement, the key, the index and the value
     */
    public static void validate(Dataset dataset, String source) {
        if (dataset.measurements() == null || dataset.measurements().isEmpty()) {
            throw new InputException(source, "dataset '" + dataset.name() + "' has no measurements (empty dataset)");
        }
        checkStates(dataset.states(), source);
        Set<String> states = new HashSet<>(dataset.states());
        Set<String> ids = new HashSet<>();
        List<Measurement> ms = dataset.measurements();
        for (int i = 0; i < ms.size(); i++) {
            Measurement m = ms.get(i);
            if (m.id() == null || m.id().isBlank()) {
                throw new InputException(source, "measurement #" + (i + 1) + " has no id");
            }
            if (!ids.add(m.id())) {
                throw new InputException(source, "measurement id '" + m.id() + "' appears more than once");
            }
            validateMeasurement(m, states, source);
        }
    }

    /**
     * Checks one measurement against the dataset's states.
     *
     * @param states the dataset's state symbols
     * @throws InputException at the first violation
     */
    public static void validateMeasurement(Measurement m, Set<String> states, String source) {
        String where = "measurement '" + m.id() + "'";
        checkTime(m.time(), source, where);
        if (m.data() == null || m.data().isEmpty()) {
            throw new InputException(source, where + " has no data series");
        }
        Map<String, Double> inits = m.initialConditions();
        if (inits == null) {
            throw new InputException(source, where + " has no initial conditions");
        }
        for (Map.Entry<String, Double> e : inits.entrySet()) {
            Double v = e.getValue();
            if (v == null || !Double.isFinite(v)) {
                throw new InputException(source, where + ": initial condition '" + e.getKey() + "' is " + v
                        + "; a finite number is required");
            }
        }
        for (Map.Entry<String, double[]> e : m.data().entrySet()) {
            checkSeries(e.getKey(), e.getValue(), m, states, source, where);
        }
    }

    private static void checkSeries(String state, double[] values, Measurement m, Set<String> states,
                                    String source, String where) {
        if (!states.contains(state)) {
            throw new InputException(source, where + ": state '" + state + "' is not one of the dataset states "
                    + states);
        }
        if (!m.initialConditions().containsKey(state)) {
            throw new InputException(source, where + ": state '" + state + "' has data but no initial condition"
                    + " (initial conditions: " + m.initialConditions().keySet() + ")");
        }
        if (values == null || values.length != m.time().length) {
            throw new InputException(source, where + ": series '" + state + "' has "
                    + (values == null ? "no" : String.valueOf(values.length)) + " values but 'time' has "
                    + m.time().length);
        }
        for (int t = 0; t < values.length; t++) {
            if (Double.isInfinite(values[t])) {
                throw new InputException(source, where + ": '" + state + "'[" + t + "] (time " + m.time()[t]
                        + ") is infinite (" + values[t] + "); use NaN for a missing point");
            }
        }
    }

    private static void checkTime(double[] time, String source, String where) {
        if (time == null || time.length == 0) {
            throw new InputException(source, where + " has no time points");
        }
        for (int t = 0; t < time.length; t++) {
            if (!Double.isFinite(time[t])) {
                throw new InputException(source, where + ": 'time'[" + t + "] is " + time[t]
                        + "; times must be finite");
            }
            if (t > 0 && time[t] <= time[t - 1]) {
                String how = time[t] == time[t - 1] ? "duplicates" : "is less than";
                throw new InputException(source, where + ": 'time'[" + t + "] = " + time[t] + " " + how
                        + " 'time'[" + (t - 1) + "] = " + time[t - 1] + "; times must be strictly increasing");
            }
        }
    }

    private static void checkStates(List<String> states, String source) {
        if (states == null || states.isEmpty()) {
            throw new InputException(source, "dataset has no states (no data series)");
        }
        for (int i = 1; i < states.size(); i++) {
            if (states.get(i - 1).compareTo(states.get(i)) >= 0) {
                throw new InputException(source, "dataset states " + states + " must be sorted and distinct");
            }
        }
    }
}
