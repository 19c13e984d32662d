/**
 * The neural vector field {@code dy/dt = MLP([y_1..y_S, t / t_max])} (Catalax's NeuralODE).
 *
 * <ul>
 *   <li>{@link org.neuralode.nn.Activation}: the jax.nn activations by Catalax name, value and derivative.</li>
 *   <li>{@link org.neuralode.nn.MlpSpec}: the architecture and the flat parameter layout.</li>
 *   <li>{@link org.neuralode.nn.Rbf}: Catalax's RBF layer {@code exp(-gamma (z - mu)^2)}, which replaces the
 *       activation of an RBF network's hidden layers.</li>
 *   <li>{@link org.neuralode.nn.MlpInit}: Catalax's seeded uniform initialisation with weight scaling.</li>
 *   <li>{@link org.neuralode.nn.MlpField}: the MLP as an {@link org.neuralode.ode.VectorField}, with a fused,
 *       allocation-free forward pass and vector-Jacobian product.</li>
 *   <li>{@link org.neuralode.nn.NeuralOde}: the immutable model value (states, architecture, t_max, parameters).</li>
 * </ul>
 *
 * <p>Everything here is immutable and thread-safe except {@link org.neuralode.ode.VectorField.Evaluator}
 * instances, which own scratch buffers and belong to one thread.
 */
package org.neuralode.nn;
