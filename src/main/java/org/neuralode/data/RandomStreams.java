package org.neuralode.data;

import java.util.SplittableRandom;

/**
 * Independent, reproducible random streams keyed by coordinates: {@code of(seed, tag, a, b)} always gives
 * the same {@link SplittableRandom}, whatever else has been drawn before and on whichever machine, so a Spark
 * executor can regenerate exactly the stream the driver would have used. Keys are folded with the SplitMix64
 * finaliser (Steele, Lea, Flood 2014), which decorrelates neighbouring coordinates.
 *
 * <p>Normal deviates use the Box-Muller transform with {@link StrictMath} so they are bit-identical on every
 * JVM and CPU. Stateless and thread-safe (the returned generators are not; use one per task).
 */
final class RandomStreams {

    /** Stream tag for augmentation noise. */
    static final long AUGMENT = 0x4155474d454e54L;
    /** Stream tag for dataset splits. */
    static final long SPLIT = 0x53504c4954L;

    private RandomStreams() {
    }

    /** The generator for {@code (seed, keys...)}. */
    static SplittableRandom of(long seed, long... keys) {
        long h = mix(seed);
        for (long k : keys) {
            h = mix(h ^ mix(k + 0x9e3779b97f4a7c15L));
        }
        return new SplittableRandom(h);
    }

    /** {@code n} independent standard normal deviates drawn from {@code rng}. */
    static double[] standardNormals(SplittableRandom rng, int n) {
        double[] out = new double[n];
        for (int i = 0; i < n; i += 2) {
            double u1 = 1.0 - rng.nextDouble(); // (0, 1]: log is finite
            double u2 = rng.nextDouble();
            double r = StrictMath.sqrt(-2.0 * StrictMath.log(u1));
            double a = 2.0 * StrictMath.PI * u2;
            out[i] = r * StrictMath.cos(a);
            if (i + 1 < n) {
                out[i + 1] = r * StrictMath.sin(a);
            }
        }
        return out;
    }

    /** A uniformly random permutation of {@code 0..n-1} (Fisher-Yates). */
    static int[] permutation(SplittableRandom rng, int n) {
        int[] p = new int[n];
        for (int i = 0; i < n; i++) {
            p[i] = i;
        }
        for (int i = n - 1; i > 0; i--) {
            int j = rng.nextInt(i + 1);
            int tmp = p[i];
            p[i] = p[j];
            p[j] = tmp;
        }
        return p;
    }

    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
        z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
        return z ^ (z >>> 31);
    }
}
