package org.neuralode.ode;

/**
 * A parametrised vector field {@code dy/dt = f(t, y; theta)} with S states and P parameters.
 *
 * <p>Implementations are immutable values (architecture, constants, time scale) and safe to share
 * across threads and Spark tasks. All mutable scratch memory lives in an {@link Evaluator} obtained
 * from {@link #newEvaluator()}, which belongs to exactly one thread.
 */
public interface VectorField {

    /** Number of states S. */
    int dim();

    /** Number of trainable parameters P (length of the {@code theta} arrays). */
    int numParams();

    /** A new evaluator with its own scratch buffers; not thread-safe, reuse it within one thread. */
    Evaluator newEvaluator();

    /** Evaluates the field and its vector-Jacobian product without allocating. */
    interface Evaluator {

        /**
         * Writes {@code f(t, y; theta)} into {@code out[outOff .. outOff+S)}.
         *
         * @param t     time
         * @param y     state, read from {@code y[yOff .. yOff+S)}
         * @param theta parameters, length P
         * @param out   destination
         */
        void eval(double t, double[] y, int yOff, double[] theta, double[] out, int outOff);

        /**
         * Vector-Jacobian product with cotangent {@code v = cot[cotOff .. cotOff+S)}: accumulates
         * {@code yBar[yBarOff..] += v^T df/dy} and {@code thetaBar[0..P) += v^T df/dtheta}.
         * Nothing is overwritten; callers zero the accumulators.
         */
        void vjp(double t, double[] y, int yOff, double[] theta, double[] cot, int cotOff,
                 double[] yBar, int yBarOff, double[] thetaBar);

        /**
         * Doubles an evaluation can leave behind so that a later {@link #vjp(double, double[], int, double[],
         * double[], int, double[], int, double[], double[], int) vjp at the same point} need not recompute
         * the forward pass (e.g. an MLP's activations); 0 when the evaluator keeps none.
         */
        default int tapeSize() {
            return 0;
        }

        /** {@link #eval} that also writes its tape ({@link #tapeSize()} doubles) at {@code tape[tapeOff..]}. */
        default void eval(double t, double[] y, int yOff, double[] theta, double[] out, int outOff,
                          double[] tape, int tapeOff) {
            eval(t, y, yOff, theta, out, outOff);
        }

        /**
         * {@link #vjp} at a point whose taped {@link #eval} left {@code tape[tapeOff..]}: the same result,
         * without recomputing the forward pass. {@code (t, y, theta)} must be that evaluation's.
         */
        default void vjp(double t, double[] y, int yOff, double[] theta, double[] cot, int cotOff,
                         double[] yBar, int yBarOff, double[] thetaBar, double[] tape, int tapeOff) {
            vjp(t, y, yOff, theta, cot, cotOff, yBar, yBarOff, thetaBar);
        }
    }
}
