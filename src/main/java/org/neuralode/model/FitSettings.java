package org.neuralode.model;

import org.neuralode.InputException;

/**
 * How a parameter may be fitted, as a model file states it: bounds (from explicit bounds, or a uniform
 * prior's support) and the value fitting starts from (Catalax's {@code initial_value}; NaN: start from the
 * parameter's value). Infinite bounds mean none.
 *
 * @param lower   lower bound, or {@code -Infinity}
 * @param upper   upper bound, or {@code +Infinity}
 * @param initial starting value for fitting, or NaN
 */
public record FitSettings(double lower, double upper, double initial) {

    /** No bounds, start from the value. */
    public static final FitSettings NONE = new FitSettings(Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY,
            Double.NaN);

    /**
     * Checks the values.
     *
     * @param source names the parameter in the message (e.g. {@code "model.yaml: parameters.K_m"})
     * @throws InputException when a bound is NaN, the bounds are not increasing, or the start is not finite
     */
    public FitSettings check(String source) {
        if (Double.isNaN(lower) || Double.isNaN(upper) || !(lower < upper)) {
            throw new InputException(source, "bounds must satisfy lower < upper, got [" + lower + ", " + upper + "]");
        }
        if (Double.isInfinite(initial)) {
            throw new InputException(source, "the initial value must be finite, got " + initial);
        }
        return this;
    }
}
