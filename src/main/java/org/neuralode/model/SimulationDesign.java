package org.neuralode.model;

import java.util.List;
import java.util.Map;

/**
 * The experiment a {@link Simulator} runs for a model: a time grid, groups of replicated initial
 * conditions, a seed and optional measurement noise. The YAML {@code simulation} section of a model.
 *
 * @param time   output times (solves start at t = 0)
 * @param groups initial-condition groups, at least one
 * @param seed   seed of the replicate spread and the noise; ids are derived from it
 * @param noise  measurement noise applied to the simulated data
 */
public record SimulationDesign(TimeGrid time, List<Group> groups, long seed, Noise noise) {

    public SimulationDesign {
        if (groups.isEmpty()) {
            throw new IllegalArgumentException("a simulation needs at least one group");
        }
        groups = List.copyOf(groups);
    }

    /**
     * {@code points} evenly spaced times from {@code start} to {@code stop} inclusive.
     *
     * @param start first time, &gt;= 0
     * @param stop  last time, &gt; start unless points == 1
     * @param points number of times, &gt;= 1
     */
    public record TimeGrid(double start, double stop, int points) {

        public TimeGrid {
            if (!(start >= 0) || points < 1 || (points > 1 && !(stop > start)) || Double.isInfinite(stop)) {
                throw new IllegalArgumentException("need 0 <= start < stop (finite) and points >= 1: start " + start
                        + ", stop " + stop + ", points " + points);
            }
        }

        /** The times, {@code start + (stop - start) * k / (points - 1)}. */
        public double[] values() {
            double[] t = new double[points];
            for (int k = 0; k < points; k++) {
                t[k] = points == 1 ? start : start + (stop - start) * k / (points - 1);
            }
            t[points - 1] = points == 1 ? start : stop;
            return t;
        }
    }

    /**
     * Replicated measurements from one set of initial values: replicate r starts from
     * {@code initial_i * (1 + spread * U(-1, 1))}, independently for every symbol.
     *
     * @param initial    species and constant symbol -&gt; value (insertion order kept)
     * @param replicates number of measurements, &gt;= 1
     * @param spread     relative uniform spread, in [0, 1)
     */
    public record Group(Map<String, Double> initial, int replicates, double spread) {

        public Group {
            initial = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(initial));
        }
    }

    /**
     * Gaussian measurement noise: {@code x + sigma * eps} or, when multiplicative,
     * {@code x * (1 + sigma * eps)}, eps ~ N(0, 1) independently per data value.
     *
     * @param sigma          standard deviation, &gt;= 0 (0: no noise)
     * @param multiplicative relative instead of absolute noise
     */
    public record Noise(double sigma, boolean multiplicative) {

        /** No noise. */
        public static final Noise NONE = new Noise(0.0, false);
    }
}
