package org.neuralode.report;

import java.util.Objects;

/**
 * The data of one panel of a {@link FitPlot}: one measurement's observations and the model's curve.
 *
 * <p>The arrays are not copied; treat them as immutable. S (the number of states) is the length of every
 * row of {@code observed} and {@code model}, in the order of the state list given to {@link FitPlot}.
 *
 * @param title     panel title, usually the measurement name or id (null: none)
 * @param time      observation times, length T
 * @param observed  observations {@code [T][S]}, NaN = missing (not drawn)
 * @param modelTime model output times, length M (a dense grid for a smooth curve; M may be 0)
 * @param model     model values {@code [M][S]}; non-finite values are not drawn
 */
public record FitPanel(String title, double[] time, double[][] observed, double[] modelTime, double[][] model) {

    /**
     * Checks the shapes.
     *
     * @throws IllegalArgumentException if lengths disagree or rows have different numbers of states
     */
    public FitPanel {
        Objects.requireNonNull(time, "time");
        Objects.requireNonNull(observed, "observed");
        Objects.requireNonNull(modelTime, "modelTime");
        Objects.requireNonNull(model, "model");
        if (time.length != observed.length) {
            throw new IllegalArgumentException("panel '" + title + "': " + time.length + " times but "
                    + observed.length + " observation rows");
        }
        if (modelTime.length != model.length) {
            throw new IllegalArgumentException("panel '" + title + "': " + modelTime.length
                    + " model times but " + model.length + " model rows");
        }
        int states = observed.length > 0 ? observed[0].length : model.length > 0 ? model[0].length : 0;
        checkRows(title, "observed", observed, states);
        checkRows(title, "model", model, states);
    }

    /** Number of states S (0 for a panel without any rows). */
    public int stateCount() {
        return observed.length > 0 ? observed[0].length : model.length > 0 ? model[0].length : 0;
    }

    private static void checkRows(String title, String what, double[][] rows, int states) {
        for (int i = 0; i < rows.length; i++) {
            if (rows[i].length != states) {
                throw new IllegalArgumentException("panel '" + title + "': " + what + " row " + i + " has "
                        + rows[i].length + " states, expected " + states);
            }
        }
    }
}
