package org.neuralode.train;

import java.io.Serializable;

/**
 * The loss sums of one monitoring point: the (augmented) training side and the validation side (an empty
 * sum when there is no validation set). Mergeable through its {@link LossStats}.
 *
 * @param train      prefix-truncated training trajectories
 * @param validation prefix-truncated validation trajectories
 */
public record MonitorSums(LossStats train, LossStats validation) implements Serializable {

    /** Empty sums, to merge partitions' sums into (in partition order). */
    public static MonitorSums empty() {
        return new MonitorSums(new LossStats(), new LossStats());
    }

    /** Adds {@code o}'s sums to this one's and returns this. */
    public MonitorSums merge(MonitorSums o) {
        train.merge(o.train);
        validation.merge(o.validation);
        return this;
    }
}
