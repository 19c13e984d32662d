package org.neuralode.ode;

import java.io.Serializable;
import java.util.List;
import java.util.Map;

/**
 * A trainable model of the dynamics: a parametrised vector field {@code dy/dt = f(t, y; theta)} over named
 * states, its current parameters, and the penalty training adds to the data loss. It is what the whole
 * pipeline trains and evaluates (the solver and both loss engines through {@link #vectorField()}, the
 * trainer, Spark parameter averaging, {@code cv}); a neural ODE, a mechanistic model and a universal
 * (mechanistic + neural) model implement it alike.
 *
 * <p>Implementations are immutable values, safe to share across threads, and serialisable (Spark ships
 * them to executors). {@link #theta()} returns a copy; {@link #withTheta} makes a new value.
 */
public interface TrainableField extends Serializable {

    /** State symbols in the field's order (the order of {@code y}), distinct. */
    List<String> states();

    /** Number of trainable parameters P (the count AIC and BIC use). */
    int numParams();

    /** A copy of the current parameters, length P. */
    double[] theta();

    /** The same model with other parameters (copied), length P. */
    TrainableField withTheta(double[] theta);

    /**
     * Named parameters in their natural units (a mechanistic model's fitted rate constants), in a stable
     * order; empty for a black-box model, whose parameters have no names.
     */
    default Map<String, Double> namedParameters() {
        return Map.of();
    }

    /**
     * Initial values of states that data may leave out (a mechanistic model's species that the data do not
     * observe, from its model file), by state; a measurement's own initial condition takes precedence. Empty
     * by default: every state then needs an initial condition in the data.
     */
    default Map<String, Double> initialValues() {
        return Map.of();
    }

    /** The vector field; parameters are passed per call. Immutable, thread-safe. */
    VectorField vectorField();

    /**
     * The penalty a phase with L2 strength {@code alpha} and L1 strength {@code l1} adds to the data loss.
     * Default: {@code alpha sum theta^2 + l1 sum |theta|} over every parameter (Catalax's neural ODE).
     */
    default double penalty(double[] theta, double alpha, double l1) {
        return l2l1(theta, 0, theta.length, alpha, l1);
    }

    /** Accumulates the gradient of {@link #penalty} into {@code grad} (length P). */
    default void addPenaltyGradient(double[] theta, double alpha, double l1, double[] grad) {
        addL2L1Gradient(theta, 0, theta.length, alpha, l1, grad);
    }

    /** {@code l2 sum x_j^2 + l1 sum |x_j|} over {@code j} in {@code [from, to)}. */
    static double l2l1(double[] x, int from, int to, double l2, double l1) {
        double sq = 0;
        double abs = 0;
        for (int j = from; j < to; j++) {
            sq += x[j] * x[j];
            abs += Math.abs(x[j]);
        }
        return l2 * sq + l1 * abs;
    }

    /** Accumulates the gradient of {@link #l2l1} into {@code grad[from, to)}. */
    static void addL2L1Gradient(double[] x, int from, int to, double l2, double l1, double[] grad) {
        if (l2 == 0 && l1 == 0) {
            return;
        }
        for (int j = from; j < to; j++) {
            grad[j] += 2 * l2 * x[j] + l1 * Math.signum(x[j]);
        }
    }
}
