/**
 * Ordinary differential equations: vector fields, explicit Runge-Kutta solving and its gradient.
 *
 * <ul>
 *   <li>{@link org.neuralode.ode.VectorField}: {@code dy/dt = f(t, y; theta)} with evaluation and
 *       vector-Jacobian product; the only thing the solver sees of a model.</li>
 *   <li>{@link org.neuralode.ode.ButcherTableau}, {@link org.neuralode.ode.Tableaus}: methods as data
 *       (Tsit5, Dopri5, RK4, Euler), with the continuous extensions (dense output) of Tsit5 and Dopri5.</li>
 *   <li>{@link org.neuralode.ode.IController}: the integral step-size controller.</li>
 *   <li>{@link org.neuralode.ode.Solver}: the solve loop (outputs at given times, interpolated inside
 *       steps or landed on: {@link org.neuralode.ode.SolverOptions.SaveAt}), the discretise-then-optimise
 *       backward pass and the replay of a recorded step sequence; stateless, with per-thread
 *       {@link org.neuralode.ode.SolverWorkspace} scratch memory.</li>
 *   <li>{@link org.neuralode.ode.DenseOutput}: writing the outputs and their cotangents, shared with the
 *       batched solver ({@code ode.batch}).</li>
 * </ul>
 *
 * <p>Failures inside a solve are values ({@link org.neuralode.ode.SolveStatus}); programming errors
 * (wrong array lengths, decreasing times) are {@link java.lang.IllegalArgumentException}s.
 */
package org.neuralode.ode;
