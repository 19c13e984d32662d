/**
 * Mechanistic ODE models: rate equations as compiled arithmetic expressions, Catalax model JSON and
 * this project's YAML format, the model as a {@link org.neuralode.ode.VectorField}, and simulation.
 *
 * <ul>
 *   <li>{@link org.neuralode.model.Expression}: parse once, evaluate against a {@code double[]} of
 *       symbol slots, reverse-mode derivative; no allocation on the hot path.</li>
 *   <li>{@link org.neuralode.model.MechanisticModel}: immutable species (with optional initial values) /
 *       constants / parameters / assignments (in dependency order) / equations, loaded from {@code .json}
 *       (Catalax {@code Model.save}) or {@code .yaml}.</li>
 *   <li>{@link org.neuralode.model.MechanisticField}: the model with constants bound; theta = the
 *       parameter values in declaration order.</li>
 *   <li>{@link org.neuralode.model.Simulator}: Catalax {@code simulate} semantics (t0 = 0, Tsit5,
 *       rtol = atol = 1e-5, dt0 = 0.1) for a {@link org.neuralode.model.SimulationDesign} or in the
 *       shape of an existing dataset.</li>
 * </ul>
 *
 * <p>User errors (bad files, undefined symbols, syntax errors, assignment cycles, failed simulations) are
 * {@link org.neuralode.InputException}s naming the file, key, equation and column.
 */
package org.neuralode.model;
