package org.neuralode.spark.avg;

import java.io.Serializable;
import org.neuralode.train.TrajectorySet;

/**
 * One partition's data as cached on an executor: its training trajectories (its base measurements and
 * their augmented copies, generated there) and its slice of the validation side (possibly empty).
 * Immutable and serialisable.
 *
 * @param partition  0-based partition index
 * @param weight     this shard's share of all training trajectories, {@code n_j / N} (1.0 for one shard)
 * @param train      training trajectories: the base measurements, then round 1 copies, round 2, ...
 * @param validation validation trajectories (never augmented), possibly none
 */
record Shard(int partition, double weight, TrajectorySet train, TrajectorySet validation) implements Serializable {
}
