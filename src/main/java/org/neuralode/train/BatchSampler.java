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
    private int start;

    public BatchSampler(int n, int b, long seed) {
        if (b < 1 || b > n) {
            throw new IllegalArgumentException("batch size " + b + " not in 1.." + n);
        }
        this.b = b;
        this.perm = new int[n];
        this.batch = new int[b];
        this.rng = new SplittableRandom(seed);
        this.start = n;
    }

    /** The next batch of indices (a live array, overwritten by the next call). */
    public int[] next() {
        if (start + b > perm.length) {
            shuffle();
            start = 0;
        }
        System.arraycopy(perm, start, batch, 0, b);
        start += b;
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
