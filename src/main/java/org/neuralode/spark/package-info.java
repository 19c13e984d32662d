/**
 * Everything that imports Spark: fold-parallel sweeps ({@code cv}), parameter-averaged data-parallel
 * training, ensembles whose members train as tasks ({@code train} with {@code ensemble.members > 1}), and
 * report aggregation. Closures capture small serialisable records; the numerical core
 * ({@code ode}, {@code nn}, {@code train}) runs unchanged inside tasks, one thread per task.
 */
package org.neuralode.spark;
