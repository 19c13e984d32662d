package org.neuralode.nn;

import java.io.Serializable;

/**
 * Catalax's radial-basis-function layer ({@code catalax/neural/rbf.py}, {@code RBFLayer}): elementwise
 * {@code a_i = exp(-gamma (z_i - mu_i)^2)} on a hidden layer's pre-activations {@code z} (length width),
 * with one trainable centre {@code mu_i} per unit and a fixed {@code gamma} shared by every RBF layer.
 *
 * <p>Catalax's {@code MLP._mutate_to_rbf} puts one such layer after every hidden Linear layer (not after
 * the last) and sets the MLP's activation to the identity, so in an RBF network the RBF layers are the
 * only non-linearity. {@link MlpSpec} holds the centres beside each hidden layer's weight and bias; gamma
 * is a hyperparameter (a Python float in Catalax, saved but never trained).
 *
 * <p>Derivatives: {@code da/dz = -2 gamma (z - mu) a} and {@code da/dmu = -da/dz}. An immutable value.
 *
 * @param gamma the width parameter, finite and &gt; 0
 */
public record Rbf(double gamma) implements Serializable {

    /** Validates. @throws IllegalArgumentException unless gamma is finite and &gt; 0 */
    public Rbf {
        if (!(gamma > 0) || !Double.isFinite(gamma)) {
            throw new IllegalArgumentException("RBF gamma must be finite and > 0, got " + gamma);
        }
    }

    /** {@code exp(-gamma (z - mu)^2)} (Catalax's {@code jnp.exp(-gamma * jnp.square(x - mu))}). */
    public double value(double z, double mu) {
        double d = z - mu;
        return Math.exp(-gamma * (d * d));
    }

    /** {@code da/dz} given {@code a = value(z, mu)}; the centre's derivative is its negative. */
    public double derivative(double z, double mu, double a) {
        return -2.0 * gamma * (z - mu) * a;
    }

    /** As the configuration writes it, {@code {gamma: g}}. */
    @Override
    public String toString() {
        return "{gamma: " + gamma + "}";
    }
}
