package org.neuralode.report;

import java.util.List;
import java.util.Objects;

/**
 * The data of one panel of a {@link DataPlot}: one measurement's observations and its augmented copies.
 *
 * <p>The arrays are not copied; treat them as immutable. S (the number of states) is the row length of
 * {@code observed} and of every copy, in the order of the state list given to {@link DataPlot}.
 *
 * @param title    panel title, usually the measurement name or id (null: none)
 * @param time     observation times, length T (the copies share them)
 * @param observed observations {@code [T][S]}, NaN = missing (not drawn)
 * @param copies   augmented copies, each {@code [T][S]} (may be empty)
 */
public record DataPanel(String title, double[] time, double[][] observed, List<double[][]> copies) {

    /**
     * Checks the shapes.
     *
     * @throws IllegalArgumentException if the observations or a copy do not have one row per time
     */
    public DataPanel {
        Objects.requireNonNull(time, "time");
        Objects.requireNonNull(observed, "observed");
        copies = List.copyOf(copies);
        if (observed.length != time.length) {
            throw new IllegalArgumentException("panel '" + title + "': " + time.length + " times but "
                    + observed.length + " observation rows");
        }
        for (double[][] copy : copies) {
            if (copy.length != time.length) {
                throw new IllegalArgumentException("panel '" + title + "': a copy has " + copy.length
                        + " rows for " + time.length + " times");
            }
        }
    }
}
