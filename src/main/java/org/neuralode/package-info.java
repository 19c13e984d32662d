/**
 * neuralode-spark: neural ODEs for biochemical time courses, faithful to Catalax's workflow, on one machine
 * or on Apache Spark. Packages by concern: {@code data} (datasets, Croissant and CSV), {@code model}
 * (mechanistic models, simulation), {@code ode} (Runge-Kutta solvers and their adjoint), {@code nn} (the
 * MLP vector field and its engines), {@code train} (loss, optimiser, strategies, trainer), {@code eval}
 * (metrics), {@code io} (storage, model files), {@code report} (plots and reports), {@code workflow} (the
 * Java API), {@code spark} (distributed sweeps and training), {@code bench} and {@code cli}.
 * {@link org.neuralode.InputException} is the one user-error type: the CLI turns it into exit code 2.
 */
package org.neuralode;
