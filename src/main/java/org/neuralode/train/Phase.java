package org.neuralode.train;

import java.io.Serializable;

/**
 * One strategy phase (Catalax's trainer). Serialisable: Spark's averaging rounds ship it.
 *
 * @param lr        learning rate, > 0
 * @param steps     number of gradient steps, >= 1
 * @param batchSize measurements per step, 1..N
 * @param length    fraction of every time course kept as a prefix, in (0, 1]
 * @param alpha     L2 strength: {@code alpha * sum(theta^2)} is added to the loss
 * @param l1        L1 strength: {@code l1 * sum(|theta|)} is added to the loss
 * @param temporalDropout probability in [0, 1) that a step leaves out a time point of a trajectory (all but
 *                  the first), drawn per step and trajectory; 0 = off
 * @param clipNorm  largest L2 norm of the gradient the optimiser takes in: a longer one is scaled down to it
 *                  first (optax's {@code clip_by_global_norm} before AdaBelief); 0 = off (Catalax's trainer)
 */
public record Phase(double lr, int steps, int batchSize, double length, double alpha, double l1,
                    double temporalDropout, double clipNorm) implements Serializable {

    public Phase {
        if (!(lr > 0) || steps < 1 || batchSize < 1 || !(length > 0 && length <= 1) || !(alpha >= 0)
                || !(l1 >= 0) || !(temporalDropout >= 0 && temporalDropout < 1)
                || !(clipNorm >= 0 && clipNorm < Double.POSITIVE_INFINITY)) {
            throw new IllegalArgumentException("invalid phase " + this);
        }
    }

    /** A phase without gradient clipping. */
    public Phase(double lr, int steps, int batchSize, double length, double alpha, double l1,
                 double temporalDropout) {
        this(lr, steps, batchSize, length, alpha, l1, temporalDropout, 0.0);
    }

    /** A phase without temporal dropout or gradient clipping. */
    public Phase(double lr, int steps, int batchSize, double length, double alpha, double l1) {
        this(lr, steps, batchSize, length, alpha, l1, 0.0);
    }

    /** The optimiser of this phase for {@code n} parameters, fresh moments. */
    public AdaBelief optimiser(int n) {
        return optimiser(new double[n], new double[n], 0);
    }

    /** The optimiser of this phase resuming from moments {@code m}, {@code s} after {@code k} updates. */
    public AdaBelief optimiser(double[] m, double[] s, long k) {
        return new AdaBelief(lr, clipNorm, m, s, k);
    }

    /**
     * Points kept of a time course with {@code t} points: {@code max(floor(t*length) + 1, 2)}, at most t.
     */
    public int keep(int t) {
        return keep(t, length);
    }

    /** {@link #keep(int)} for a given {@code length}. */
    public static int keep(int t, double length) {
        return Math.min(t, Math.max((int) Math.floor(t * length) + 1, 2));
    }
}
