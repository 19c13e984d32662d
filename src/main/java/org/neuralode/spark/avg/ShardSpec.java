package org.neuralode.spark.avg;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.neuralode.data.Augmenter;
import org.neuralode.data.Dataset;
import org.neuralode.data.Measurement;
import org.neuralode.train.TrajectorySet;

/**
 * What the driver sends for one partition: its base (unaugmented) training measurements with their
 * positions in the training side, its validation measurements and the augmentation settings. The
 * executor turns it into a {@link Shard} with {@link #build}, so the augmented copies exist only there.
 * Immutable and serialisable.
 *
 * @param partition      0-based partition index
 * @param weight         the shard's share of all training trajectories
 * @param states         the model's state order
 * @param initialValues  the model's initial values of states the data may lack
 * @param base           the partition's base measurements, in training-side order
 * @param validation     the partition's validation measurements
 * @param rounds         augmentation rounds (0 = none)
 * @param sigma          noise scale
 * @param seed           augmentation seed
 * @param multiplicative multiplicative instead of additive noise
 */
record ShardSpec(int partition, double weight, List<String> states, Map<String, Double> initialValues,
                 List<PortableMeasurement> base,
                 List<PortableMeasurement> validation, int rounds, double sigma, long seed,
                 boolean multiplicative) implements Serializable {

    ShardSpec {
        states = List.copyOf(states);
        initialValues = Map.copyOf(initialValues);
        base = List.copyOf(base);
        validation = List.copyOf(validation);
    }

    /** Number of training trajectories the shard will hold. */
    int trainSize() {
        return base.size() * (1 + rounds);
    }

    /**
     * The shard: the base measurements, then for each round 1..rounds every base measurement's copy from
     * {@link Augmenter#augmentOne} keyed by its training-side position, which is exactly the order and
     * the noise of {@link Augmenter#augment} restricted to this partition's measurements.
     */
    Shard build() {
        List<Measurement> originals = new ArrayList<>(base.size());
        for (PortableMeasurement m : base) {
            originals.add(m.toMeasurement());
        }
        List<Measurement> all = new ArrayList<>(trainSize());
        all.addAll(originals);
        for (int round = 1; round <= rounds; round++) {
            for (int j = 0; j < originals.size(); j++) {
                all.add(Augmenter.augmentOne(originals.get(j), round, base.get(j).index(), sigma, seed,
                        multiplicative));
            }
        }
        List<Measurement> val = new ArrayList<>(validation.size());
        for (PortableMeasurement m : validation) {
            val.add(m.toMeasurement());
        }
        return new Shard(partition, weight, trajectories("train", all), trajectories("validation", val));
    }

    private TrajectorySet trajectories(String side, List<Measurement> ms) {
        String id = "partition-" + partition + "-" + side;
        return TrajectorySet.of(new Dataset(id, id, null, states, ms), states, initialValues);
    }
}
