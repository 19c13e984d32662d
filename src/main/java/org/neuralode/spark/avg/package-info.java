/**
 * Data-parallel training with parameter averaging ({@code parallel: {partitions, averaging_frequency}}):
 * the driver splits the base training measurements into shards, executors augment and cache them, and
 * each round broadcasts parameters and AdaBelief state, runs local steps on every shard with the local
 * trainer's step code and averages the results, weighted by shard size, through {@code treeAggregate}
 * of a small mergeable aggregate. Entry point: {@link org.neuralode.spark.avg.ParameterAveragingBackend}.
 *
 * <p>Everything that crosses the wire is a small serialisable record; averages are exact sums rounded
 * once, so results do not depend on task scheduling, and one partition reproduces local training to the
 * bit.
 */
package org.neuralode.spark.avg;
