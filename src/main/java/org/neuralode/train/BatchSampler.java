package org.neuralode.train;

import java.util.SplittableRandom;

/**
 * Epochs of random permutations of {@code 0..n-1}, cut into full batches of {@code b} (a batch is taken
 * while {@code start + b <= n}; the remainder of an epoch is dropped and a new permutation drawn).
 * Deterministic from its seed; not thread-safe.
 */
public final class BatchSampler {

    private final int b;
    private final int[] perm;
    private final int[] batch;
    private final SplittableRandom rng;
    private final long seed;
    private long drawn;
    private int start;

    public BatchSampler(int n, int b, long seed) {
        if (b < 1 || b > n) {
            throw new IllegalArgumentException("batch size " + b + " not in 1.." + n);
        }
        this.b = b;
        this.perm = new int[n];
        this.batch = new int[b];
        this.rng = new SplittableRandom(seed);
        this.seed = seed;
        this.start = n;
    }

    /**
     * A seed for the random choices of the step whose batch {@link #next()} returned last (e.g. temporal
     * dropout): a function of this sampler's seed and the step's number only, so it does not disturb the
     * batches and a sampler fast-forwarded to a step gives that step's seed.
     */
    public long stepSeed() {
        return seed * 0x9E3779B97F4A7C15L + drawn;
    }

    /** Batches drawn so far. */
    public long drawn() {
        return drawn;
    }

    /** The next batch of indices (a live array, overwritten by the next call). */
    public int[] next() {
        if (start + b > perm.length) {
            shuffle();
            start = 0;
        }
        System.arraycopy(perm, start, batch, 0, b);
        start += b;
        drawn++;
        return batch;
    }

    private void shuffle() {
        for (int i = 0; i < perm.length; i++) {
            perm[i] = i;
        }
        for (int i = perm.length - 1; i > 0; i--) {
            int j = rng.nextInt(i + 1);
            int t = perm[i];
            perm[i] = perm[j];
            perm[j] = t;
        }
    }
}
