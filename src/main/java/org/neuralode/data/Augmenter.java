package org.neuralode.data;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeSet;
import java.util.UUID;

/**
 * Noise augmentation (Catalax {@code Dataset.augment}, Catalax's augmentation and splits): keeps the originals, then
 * appends {@code n} rounds of one noisy copy of every measurement.
 *
 * <p>Additive noise is {@code x + sigma * eps}, multiplicative {@code x * (1 + sigma * eps)}, with
 * {@code eps ~ N(0, 1)} drawn independently for every data element (Catalax reuses one noise vector for all
 * series of a round; this is the documented fix). Only data values change: time and initial conditions are
 * kept, and a missing point ({@code NaN}) stays missing.
 *
 * <p>Reproducibility: the noise of a copy depends only on {@code (seed, round, index)}: a dedicated
 * {@link SplittableRandom} per copy draws one deviate per element, series in sorted state order and time
 * order, including missing points (so the noise of a point does not depend on which others are missing).
 * {@link #augmentOne} therefore lets Spark executors create any copy without the driver, and the result
 * never depends on partitioning. Copy ids are name-based UUIDs of {@code (seed, round, original id)}.
 *
 * <p>Stateless and thread-safe.
 */
public final class Augmenter {

    private Augmenter() {
    }

    /**
     * @param dataset        the originals
     * @param n              number of rounds, {@code >= 0}
     * @param sigma          noise scale, finite and {@code >= 0} (absolute for additive, relative for
     *                       multiplicative noise)
     * @param seed           the run's seed
     * @param multiplicative {@code x * (1 + sigma * eps)} instead of {@code x + sigma * eps}
     * @return originals, then round 1 copies in dataset order, then round 2, ... ({@code (n + 1) * size}
     *         measurements); same id, name, description and states
     * @throws IllegalArgumentException if {@code n < 0} or {@code sigma} is negative or not finite
     */
    public static Dataset augment(Dataset dataset, int n, double sigma, long seed, boolean multiplicative) {
        if (n < 0) {
            throw new IllegalArgumentException("augmentation rounds must be >= 0, got " + n);
        }
        checkSigma(sigma);
        List<Measurement> originals = dataset.measurements();
        List<Measurement> out = new ArrayList<>(originals.size() * (n + 1));
        out.addAll(originals);
        for (int round = 1; round <= n; round++) {
            for (int i = 0; i < originals.size(); i++) {
                out.add(augmentOne(originals.get(i), round, i, sigma, seed, multiplicative));
            }
        }
        return dataset.withMeasurements(out);
    }

    /**
     * One noisy copy: exactly the measurement {@link #augment} puts at position
     * {@code round * size + index}.
     *
     * @param m     the original measurement
     * @param round 1-based round
     * @param index position of {@code m} in the original dataset
     * @return a new measurement with id {@link #copyId}, the original's name, initial conditions and time
     */
    public static Measurement augmentOne(Measurement m, int round, int index, double sigma, long seed,
                                         boolean multiplicative) {
        checkSigma(sigma);
        SplittableRandom rng = RandomStreams.of(seed, RandomStreams.AUGMENT, round, index);
        Map<String, double[]> noisy = new LinkedHashMap<>();
        Map<String, double[]> noise = new LinkedHashMap<>();
        for (String state : new TreeSet<>(m.data().keySet())) {
            noise.put(state, RandomStreams.standardNormals(rng, m.length()));
        }
        for (Map.Entry<String, double[]> e : m.data().entrySet()) {
            double[] x = e.getValue();
            double[] eps = noise.get(e.getKey());
            double[] y = new double[x.length];
            for (int t = 0; t < x.length; t++) {
                y[t] = multiplicative ? x[t] * (1.0 + sigma * eps[t]) : x[t] + sigma * eps[t];
            }
            noisy.put(e.getKey(), y);
        }
        String description = "augmented copy of " + m.id() + " (round " + round + ")";
        return new Measurement(copyId(m.id(), round, seed), m.name(), description, m.initialConditions(),
                m.time(), noisy);
    }

    /** The id of the copy of {@code originalId} made in {@code round} with {@code seed}: a name-based UUID. */
    public static String copyId(String originalId, int round, long seed) {
        String key = "augment:" + seed + ":" + round + ":" + originalId;
        return UUID.nameUUIDFromBytes(key.getBytes(StandardCharsets.UTF_8)).toString();
    }

    private static void checkSigma(double sigma) {
        if (!(sigma >= 0.0) || Double.isInfinite(sigma)) {
            throw new IllegalArgumentException("augmentation sigma must be finite and >= 0, got " + sigma);
        }
    }
}
