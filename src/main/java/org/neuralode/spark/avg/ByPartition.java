package org.neuralode.spark.avg;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;

/**
 * A mergeable aggregate that keeps one small value per partition, so the driver can combine them in
 * partition order: Spark merges task results in the order tasks finish, and combining floating-point
 * sums (such as {@link org.neuralode.train.LossStats}) in a fixed order keeps the result independent of
 * scheduling. Meant for a few numbers per partition, not for parameter vectors (see {@link ExactSum}).
 * Mutable, not thread-safe; serialisable.
 *
 * @param <T> the per-partition value
 */
final class ByPartition<T extends Serializable> implements Serializable {

    private static final long serialVersionUID = 1L;

    private final ArrayList<T> values;

    /** An empty aggregate for {@code partitions} partitions. */
    ByPartition(int partitions) {
        values = new ArrayList<>(partitions);
        for (int i = 0; i < partitions; i++) {
            values.add(null);
        }
    }

    /** Sets partition {@code partition}'s value and returns this. */
    ByPartition<T> put(int partition, T value) {
        if (values.get(partition) != null) {
            throw new IllegalStateException("partition " + partition + " reported twice");
        }
        values.set(partition, value);
        return this;
    }

    /** Takes over {@code other}'s values (partitions are disjoint) and returns this. */
    ByPartition<T> merge(ByPartition<T> other) {
        for (int i = 0; i < other.values.size(); i++) {
            if (other.values.get(i) != null) {
                put(i, other.values.get(i));
            }
        }
        return this;
    }

    /** The values in partition order, skipping partitions that reported nothing. */
    List<T> inOrder() {
        List<T> out = new ArrayList<>();
        for (T v : values) {
            if (v != null) {
                out.add(v);
            }
        }
        return out;
    }
}
