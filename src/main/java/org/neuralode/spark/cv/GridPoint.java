package org.neuralode.spark.cv;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.neuralode.InputException;
import org.neuralode.io.JsonText;

/**
 * One point of a {@code sweep:} grid: a value for every swept key. Immutable.
 *
 * @param index  0-based position in the grid (the cartesian product in key order, the first key varying
 *               slowest)
 * @param values swept key -> value, in sweep order (empty for a run without a sweep)
 */
public record GridPoint(int index, Map<String, Object> values) {

    /** Copies the values, keeping their order. */
    public GridPoint {
        values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
    }

    /** The {@code --set KEY=VALUE} overrides that apply this point, VALUE rendered as JSON (valid YAML). */
    public List<String> overrides() {
        List<String> out = new ArrayList<>(values.size());
        for (Map.Entry<String, Object> e : values.entrySet()) {
            out.add(e.getKey() + "=" + JsonText.compact(e.getValue()));
        }
        return out;
    }

    /**
     * Expands a sweep into its grid: the cartesian product of the value lists in key order; no sweep gives
     * one point without values.
     *
     * @param sweep  dotted key -> non-empty list of values
     * @param source config file name, for messages
     * @throws InputException for keys under {@code dataset.path} or {@code dataset.validation} (every grid
     *                        point must share the data and the folds) or under {@code sweep}
     */
    public static List<GridPoint> expand(Map<String, List<Object>> sweep, String source) {
        for (String key : sweep.keySet()) {
            if (key.startsWith("dataset.path") || key.startsWith("dataset.validation") || key.startsWith("sweep")
                    || key.startsWith("ensemble")) {
                throw new InputException(source, "sweep." + key + ": cannot be swept (every grid point shares "
                        + "the dataset, the folds and the ensemble size)");
            }
        }
        List<Map<String, Object>> points = new ArrayList<>();
        points.add(new LinkedHashMap<>());
        for (Map.Entry<String, List<Object>> e : sweep.entrySet()) {
            List<Map<String, Object>> next = new ArrayList<>(points.size() * e.getValue().size());
            for (Map<String, Object> p : points) {
                for (Object v : e.getValue()) {
                    Map<String, Object> q = new LinkedHashMap<>(p);
                    q.put(e.getKey(), v);
                    next.add(q);
                }
            }
            points = next;
        }
        List<GridPoint> grid = new ArrayList<>(points.size());
        for (int i = 0; i < points.size(); i++) {
            grid.add(new GridPoint(i, points.get(i)));
        }
        return grid;
    }
}
