package org.neuralode.nn;

import java.util.SplittableRandom;

/**
 * Catalax's initialisation of a fresh MLP (Catalax's NeuralODE).
 *
 * <p>Every weight and bias of layer {@code l} is drawn from {@code U(-1/sqrt(in(l)), +1/sqrt(in(l)))}
 * (equinox's Linear default, fan_in = the layer's input size), in {@link MlpSpec}'s layout order from one
 * {@link SplittableRandom}; then the weights and biases are multiplied by {@code weightScale}: every
 * layer's, as Catalax's trainer does ({@code scaleFinalLayer} true), or every layer's but the last (false,
 * this project's default: the unscaled last layer keeps the output sensitive to the tiny hidden
 * activations so training can start). Catalax's default {@code weight_scale} is 1e-8. The scale is applied
 * once, here (Catalax re-applies it on every {@code train} call). The centres of RBF layers are drawn from
 * {@code U[0, 1)} and never scaled, as Catalax draws them ({@code jax.random.uniform}) and leaves them (its
 * trainer scales only weights and biases). Stateless and thread-safe.
 */
public final class MlpInit {

    private MlpInit() {
    }

    /**
     * A fresh parameter vector with the last layer unscaled (this project's default).
     *
     * @param spec        architecture
     * @param weightScale factor for all layers but the last (finite; 1 = plain equinox init)
     * @param seed        RNG seed; the same seed gives the same vector
     * @return theta, length {@code spec.numParams()}
     */
    public static double[] init(MlpSpec spec, double weightScale, long seed) {
        return init(spec, weightScale, false, seed);
    }

    /**
     * A fresh parameter vector.
     *
     * @param spec            architecture
     * @param weightScale     factor for the scaled layers (finite; 1 = plain equinox init)
     * @param scaleFinalLayer whether the last layer is scaled too (Catalax's trainer) or left as drawn
     * @param seed            RNG seed; the same seed gives the same draws whatever the scaling
     * @return theta, length {@code spec.numParams()}
     */
    public static double[] init(MlpSpec spec, double weightScale, boolean scaleFinalLayer, long seed) {
        if (!Double.isFinite(weightScale)) {
            throw new IllegalArgumentException("weightScale must be finite, got " + weightScale);
        }
        SplittableRandom rng = new SplittableRandom(seed);
        double[] theta = new double[spec.numParams()];
        for (int l = 0; l < spec.numLayers(); l++) {
            int start = spec.weightOffset(l);
            int end = spec.hasCentres(l) ? spec.centreOffset(l) : start + spec.layerSize(l);
            double bound = 1.0 / Math.sqrt(spec.in(l));
            double scale = l < spec.depth() || scaleFinalLayer ? weightScale : 1.0;
            for (int k = start; k < end; k++) {
                theta[k] = scale * uniform(rng, bound);
            }
            for (int k = end; k < start + spec.layerSize(l); k++) {
                theta[k] = rng.nextDouble();
            }
        }
        return theta;
    }

    /** A draw from the closed-open interval {@code [-bound, bound)}. */
    private static double uniform(SplittableRandom rng, double bound) {
        return bound * (2.0 * rng.nextDouble() - 1.0);
    }
}
