/**
 * Everything that imports Spark: fold-parallel sweeps ({@code cv}), parameter-averaged data-parallel
 * training, and report aggregation. Closures capture small serialisable records; the numerical core
 * ({@code ode}, {@code nn}, {@code train}) runs unchanged inside tasks, one thread per task.
 */
package org.neuralode.spark;
