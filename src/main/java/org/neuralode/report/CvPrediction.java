package org.neuralode.report;

import java.util.List;
import java.util.Objects;

/**
 * A model's prediction of one held-out measurement in a cross-validation task.
 *
 * <p>Arrays are not copied; treat them as immutable. Rows are in the order of {@code states}.
 *
 * @param measurementId the measurement's id
 * @param name          its display name (may be null)
 * @param states        state names, the column order of every row, S of them
 * @param time          measurement times, length T
 * @param observed      observations {@code [T][S]}, NaN = missing
 * @param predicted     the model at {@code time}, {@code [T][S]}
 * @param denseTime     an even grid over the measurement's time span, length M, for smooth curves
 * @param dense         the model at {@code denseTime}, {@code [M][S]}
 */
public record CvPrediction(String measurementId, String name, List<String> states, double[] time,
                           double[][] observed, double[][] predicted, double[] denseTime, double[][] dense) {

    /**
     * Checks the shapes.
     *
     * @throws IllegalArgumentException naming the measurement when lengths disagree
     */
    public CvPrediction {
        Objects.requireNonNull(measurementId, "measurementId");
        states = List.copyOf(states);
        check(measurementId, "observed", observed, time.length, states.size());
        check(measurementId, "predicted", predicted, time.length, states.size());
        check(measurementId, "dense", dense, denseTime.length, states.size());
    }

    /** The name if there is one, else the id (for panel titles). */
    public String label() {
        return name != null && !name.isBlank() ? name : measurementId;
    }

    private static void check(String id, String what, double[][] rows, int n, int s) {
        if (rows.length != n) {
            throw new IllegalArgumentException("prediction of '" + id + "': " + what + " has " + rows.length
                    + " rows, expected " + n);
        }
        for (int i = 0; i < rows.length; i++) {
            if (rows[i].length != s) {
                throw new IllegalArgumentException("prediction of '" + id + "': " + what + " row " + i + " has "
                        + rows[i].length + " states, expected " + s);
            }
        }
    }
}
