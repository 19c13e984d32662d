package org.neuralode.nn;

import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import org.neuralode.ode.TrainableField;

/**
 * A neural ODE model: {@code dy/dt = MLP([y, t / tMax]; theta)} over named states. An immutable value:
 * the constructor copies {@code theta} and {@link #theta()} returns a copy; {@link #withTheta} makes a new
 * model. Thread-safe. Its penalty is the default one: L2 and L1 over every weight, bias and RBF centre (Catalax
 * penalises every array leaf).
 *
 * @param states state symbols in network order, sorted ascending ({@link String#compareTo}), distinct,
 *               {@code spec.stateDim()} of them
 * @param spec   architecture and parameter layout
 * @param tMax   time scale of the network's time input (largest training time), finite and > 0
 * @param theta  parameters in {@link MlpSpec}'s layout, length {@code spec.numParams()} (not checked for
 *               finiteness: a diverged training is the trainer's to detect)
 */
public record NeuralOde(List<String> states, MlpSpec spec, double tMax, double[] theta) implements TrainableField {

    /** Validates and copies. @throws IllegalArgumentException naming the offending value */
    public NeuralOde {
        Objects.requireNonNull(spec, "spec");
        states = List.copyOf(Objects.requireNonNull(states, "states"));
        if (states.size() != spec.stateDim()) {
            throw new IllegalArgumentException("states " + states + " has " + states.size()
                    + " entries but the network has stateDim " + spec.stateDim());
        }
        if (new HashSet<>(states).size() != states.size()) {
            throw new IllegalArgumentException("states " + states + " has duplicates");
        }
        for (int i = 1; i < states.size(); i++) {
            if (states.get(i - 1).compareTo(states.get(i)) > 0) {
                throw new IllegalArgumentException("states " + states + " are not sorted");
            }
        }
        MlpSpec.requireTimeScale(tMax);
        theta = Objects.requireNonNull(theta, "theta").clone();
        if (theta.length != spec.numParams()) {
            throw new IllegalArgumentException("theta has length " + theta.length + " but " + spec
                    + " has " + spec.numParams() + " parameters");
        }
    }

    /** A fresh model initialised with {@link MlpInit#init(MlpSpec, double, long)} (last layer unscaled). */
    public static NeuralOde initialise(List<String> states, MlpSpec spec, double tMax,
                                       double weightScale, long seed) {
        return initialise(states, spec, tMax, weightScale, false, seed);
    }

    /**
     * A fresh model initialised with {@link MlpInit#init(MlpSpec, double, boolean, long)}:
     * {@code scaleFinalLayer} true scales every layer as Catalax does.
     */
    public static NeuralOde initialise(List<String> states, MlpSpec spec, double tMax,
                                       double weightScale, boolean scaleFinalLayer, long seed) {
        return new NeuralOde(states, spec, tMax, MlpInit.init(spec, weightScale, scaleFinalLayer, seed));
    }

    /** A copy of the parameters (the model itself never changes). */
    @Override
    public double[] theta() {
        return theta.clone();
    }

    /** Number of parameters k (all weights, biases and RBF centres). */
    @Override
    public int numParams() {
        return spec.numParams();
    }

    /** The vector field of this architecture and time scale; parameters are passed per call. */
    @Override
    public MlpField vectorField() {
        return new MlpField(spec, tMax);
    }

    /** The same model with other parameters (copied). */
    @Override
    public NeuralOde withTheta(double[] newTheta) {
        return new NeuralOde(states, spec, tMax, newTheta);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof NeuralOde m && states.equals(m.states) && spec.equals(m.spec)
                && Double.compare(tMax, m.tMax) == 0 && Arrays.equals(theta, m.theta);
    }

    @Override
    public int hashCode() {
        return Objects.hash(states, spec, tMax, Arrays.hashCode(theta));
    }

    @Override
    public String toString() {
        return "NeuralOde[states=" + states + ", spec=" + spec + ", tMax=" + tMax
                + ", numParams=" + theta.length + "]";
    }
}
