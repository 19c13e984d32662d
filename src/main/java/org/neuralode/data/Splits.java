package org.neuralode.data;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.neuralode.InputException;

/**
 * Train/test partitions of a dataset (Catalax's augmentation and splits). Every split is seeded and reproducible, puts
 * each measurement on exactly one side, keeps at least one measurement on each side (otherwise an
 * {@link InputException} naming the dataset and the numbers), and lists both sides in the dataset's order.
 *
 * <p>Stateless and thread-safe.
 */
public final class Splits {

    /**
     * A partition of one dataset into a training and a held-out side. Both sides keep the parent's id, name,
     * description and states, and list their measurements in the parent's order. Augment the training side
     * only, after splitting.
     *
     * @param train measurements to fit on (at least one)
     * @param test  held-out measurements (at least one)
     */
    public record Split(Dataset train, Dataset test) {
    }

    private static final long TRAIN_TEST = 1;
    private static final long K_FOLD = 2;

    private Splits() {
    }

    /**
     * Catalax's {@code train_test_split}, seeded: shuffle, then the first
     * {@code n_train = floor(N * (1 - testFraction))} shuffled measurements train and the rest test.
     *
     * @param testFraction in (0, 1)
     * @throws InputException if the fraction is out of range or leaves a side empty
     */
    public static Split trainTestSplit(Dataset d, double testFraction, long seed) {
        if (!(testFraction > 0.0 && testFraction < 1.0)) {
            throw new InputException(where(d), "test fraction must be in (0, 1), got " + testFraction);
        }
        int n = d.size();
        int nTrain = (int) Math.floor(n * (1.0 - testFraction));
        if (nTrain < 1 || nTrain > n - 1) {
            throw new InputException(where(d), "test fraction " + testFraction + " of " + n + " measurements gives "
                    + nTrain + " for training and " + (n - nTrain) + " for testing; each side needs at least one");
        }
        int[] perm = RandomStreams.permutation(RandomStreams.of(seed, RandomStreams.SPLIT, TRAIN_TEST), n);
        return split(d, Arrays.copyOfRange(perm, nTrain, n));
    }

    /**
     * Catalax's {@code leave_one_out}: split {@code i} tests measurement {@code i} and trains on the others.
     *
     * @return {@code N} splits in dataset order
     * @throws InputException if the dataset has fewer than two measurements
     */
    public static List<Split> leaveOneOut(Dataset d) {
        requireAtLeast(d, 2, "leave-one-out");
        List<Split> out = new ArrayList<>(d.size());
        for (int i = 0; i < d.size(); i++) {
            out.add(split(d, new int[] {i}));
        }
        return out;
    }

    /**
     * Seeded k-fold cross-validation: shuffle once, cut into {@code k} contiguous folds whose sizes differ by
     * at most one (the first {@code N mod k} folds are one larger); fold {@code f} tests its measurements.
     *
     * @param k number of folds, {@code 2 <= k <= N}
     * @return {@code k} splits, fold 0 first
     * @throws InputException if {@code k} is out of range
     */
    public static List<Split> kFold(Dataset d, int k, long seed) {
        if (k < 2 || k > d.size()) {
            throw new InputException(where(d), "k-fold needs 2 <= k <= " + d.size() + " (the number of "
                    + "measurements), got k = " + k);
        }
        int n = d.size();
        int[] perm = RandomStreams.permutation(RandomStreams.of(seed, RandomStreams.SPLIT, K_FOLD), n);
        List<Split> out = new ArrayList<>(k);
        int start = 0;
        for (int f = 0; f < k; f++) {
            int size = n / k + (f < n % k ? 1 : 0);
            out.add(split(d, Arrays.copyOfRange(perm, start, start + size)));
            start += size;
        }
        return out;
    }

    /**
     * Holds out the measurements with the given ids.
     *
     * @throws InputException naming an unknown id, or if nothing or everything is held out
     */
    public static Split byIds(Dataset d, List<String> heldOutIds) {
        List<String> ids = d.ids();
        Set<Integer> held = new HashSet<>();
        for (String id : heldOutIds) {
            int i = ids.indexOf(id);
            if (i < 0) {
                throw new InputException(where(d), "held-out measurement id '" + id + "' is not in the dataset");
            }
            held.add(i);
        }
        if (held.isEmpty() || held.size() == d.size()) {
            throw new InputException(where(d), "holding out " + held.size() + " of " + d.size()
                    + " measurements leaves a side empty; each side needs at least one");
        }
        return split(d, held.stream().mapToInt(Integer::intValue).toArray());
    }

    private static Split split(Dataset d, int[] testIndices) {
        boolean[] test = new boolean[d.size()];
        for (int i : testIndices) {
            test[i] = true;
        }
        List<Measurement> train = new ArrayList<>();
        List<Measurement> held = new ArrayList<>();
        for (int i = 0; i < d.size(); i++) {
            (test[i] ? held : train).add(d.measurements().get(i));
        }
        return new Split(d.withMeasurements(train), d.withMeasurements(held));
    }

    private static void requireAtLeast(Dataset d, int n, String what) {
        if (d.size() < n) {
            throw new InputException(where(d), what + " needs at least " + n + " measurements, got " + d.size());
        }
    }

    private static String where(Dataset d) {
        return "dataset '" + d.name() + "'";
    }
}
