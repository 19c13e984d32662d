/**
 * Evaluation of a fitted model against observed time courses: goodness-of-fit metrics.
 *
 * <p>{@link org.neuralode.eval.Metrics} computes the Catalax metric set (Catalax's metrics, Dataset.metrics) from
 * flattened observed / predicted arrays; {@link org.neuralode.eval.MetricAccumulator} gives the same result
 * from many measurements summed separately and merged (a Spark {@code treeAggregate} aggregate);
 * {@link org.neuralode.eval.MetricSet} is the immutable result with a stable snake_case map for reports.
 *
 * <p>Missing observations ({@code NaN} in the observed array) are masked out. A non-finite prediction at an
 * observed point is a caller error (the solver failed and its status was not checked) and throws.
 */
package org.neuralode.eval;
