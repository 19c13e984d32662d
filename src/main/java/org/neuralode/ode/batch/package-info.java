/**
 * Lock-step batch solving: many trajectories of one vector field, stepped together so that every
 * Runge-Kutta stage is one {@link org.neuralode.ode.batch.BatchField} call over all running rows.
 *
 * <ul>
 *   <li>{@link org.neuralode.ode.batch.BatchSolver}: {@link org.neuralode.ode.Solver}'s algorithm per row
 *       (tableaus, I-controller, landing on output times, statuses), plus the discrete adjoint.</li>
 *   <li>{@link org.neuralode.ode.batch.BatchWorkspace}: per-thread row state, step records and packed
 *       buffers; per-row statuses and counters.</li>
 * </ul>
 *
 * <p>Stateless solver, per-thread workspace and field; failures are per-row
 * {@link org.neuralode.ode.SolveStatus} values.
 */
package org.neuralode.ode.batch;
