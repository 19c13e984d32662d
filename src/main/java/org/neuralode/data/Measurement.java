package org.neuralode.data;

import java.util.Map;

/**
 * One time course: initial conditions, measurement times and observed series.
 *
 * <p>{@code time} has length T; every array in {@code data} has length T, with {@code NaN} for a missing
 * point (masked out of losses and metrics). {@code initialConditions} holds one value per state (and may
 * hold extra keys: constants of a mechanistic model). Maps keep insertion order. Instances are treated as
 * immutable: never write into the arrays.
 *
 * @param id                unique id (Catalax uses UUID strings)
 * @param name              optional display name, may be null
 * @param description       optional, may be null
 * @param initialConditions state (or constant) symbol -> value at the start of the solve
 * @param time              measurement times, strictly increasing, length T
 * @param data              state symbol -> observed values at {@code time}, length T each, NaN = missing
 */
public record Measurement(String id, String name, String description,
                          Map<String, Double> initialConditions, double[] time,
                          Map<String, double[]> data) {

    /** Number of time points T. */
    public int length() {
        return time.length;
    }
}
