package org.neuralode.nn;

import java.util.Arrays;
import java.util.Objects;
import org.neuralode.ode.VectorField;

/**
 * The MLP vector field {@code f(t, y; theta) = MLP([y_1..y_S, t / tMax]; theta)} (Catalax's NeuralODE).
 *
 * <p>Immutable (architecture, time scale and precomputed layer offsets only) and thread-safe; parameters
 * come with every call, in {@link MlpSpec}'s layout. All scratch memory lives in the evaluators from
 * {@link #newEvaluator()}: a forward pass and a vector-Jacobian product allocate nothing.
 *
 * <p>The vector-Jacobian product recomputes the forward pass from the same {@code (t, y, theta)}, keeping
 * every layer's pre-activations {@code z} and activations {@code a} in the evaluator's buffers, then runs
 * reverse mode layer by layer: for a Linear layer {@code out = W in + b} with output cotangent {@code g},
 * {@code Wbar += g in^T}, {@code bbar += g}, {@code inBar = W^T g}; through an activation,
 * {@code zBar = aBar * f'(z)}. The cotangent of the {@code t / tMax} input is dropped. With RBF layers
 * ({@link MlpSpec#rbf()}) a hidden layer's activations are {@code a = exp(-gamma (z - mu)^2)} with the
 * layer's centres {@code mu} from theta; backward {@code zBar = aBar * da/dz} and {@code muBar -= zBar}.
 */
public final class MlpField implements VectorField {

    private final MlpSpec spec;
    private final double tMax;
    private final int depth;
    private final int width;
    private final int[] in;
    private final int[] out;
    private final int[] wOff;
    private final int[] bOff;
    private final int[] cOff;
    private final Rbf rbf;

    /**
     * @param spec architecture
     * @param tMax time scale: the last input is {@code t / tMax} (Catalax's {@code max_time}); finite, > 0
     */
    public MlpField(MlpSpec spec, double tMax) {
        this.spec = Objects.requireNonNull(spec, "spec");
        MlpSpec.requireTimeScale(tMax);
        this.tMax = tMax;
        this.depth = spec.depth();
        this.width = spec.width();
        in = spec.inSizes();
        out = spec.outSizes();
        wOff = spec.weightOffsets();
        bOff = spec.biasOffsets();
        cOff = spec.centreOffsets();
        rbf = spec.rbf();
    }

    /** The architecture. */
    public MlpSpec spec() {
        return spec;
    }

    /** The time scale {@code t_max}. */
    public double tMax() {
        return tMax;
    }

    @Override
    public int dim() {
        return spec.stateDim();
    }

    @Override
    public int numParams() {
        return spec.numParams();
    }

    @Override
    public VectorField.Evaluator newEvaluator() {
        return new Evaluator();
    }

    /** Scratch buffers for one thread. Not thread-safe. */
    private final class Evaluator implements VectorField.Evaluator {
        /** Network input {@code [y, t/tMax]}, length S+1. */
        private final double[] x;
        /** Pre-activations of hidden layer l at {@code [l*width, (l+1)*width)}. */
        private final double[] z;
        /** Activations of hidden layer l, same layout as {@link #z}. */
        private final double[] a;
        /** Two cotangent buffers of length max(S+1, width), swapped layer by layer. */
        private double[] g;
        private double[] gNext;

        Evaluator() {
            int s = spec.stateDim();
            x = new double[s + 1];
            z = new double[depth * width];
            a = new double[depth * width];
            int m = Math.max(s + 1, width);
            g = new double[m];
            gNext = new double[m];
        }

        @Override
        public void eval(double t, double[] y, int yOff, double[] theta, double[] dst, int dstOff) {
            forwardHidden(t, y, yOff, theta);
            int l = depth;
            double[] src = depth == 0 ? x : a;
            int srcOff = depth == 0 ? 0 : (depth - 1) * width;
            linear(theta, wOff[l], bOff[l], out[l], in[l], src, srcOff, dst, dstOff);
        }

        /** The network input and every hidden layer's pre-activations and activations. */
        @Override
        public int tapeSize() {
            return x.length + 2 * z.length;
        }

        @Override
        public void eval(double t, double[] y, int yOff, double[] theta, double[] dst, int dstOff,
                         double[] tape, int tapeOff) {
            eval(t, y, yOff, theta, dst, dstOff);
            System.arraycopy(x, 0, tape, tapeOff, x.length);
            System.arraycopy(z, 0, tape, tapeOff + x.length, z.length);
            System.arraycopy(a, 0, tape, tapeOff + x.length + z.length, a.length);
        }

        @Override
        public void vjp(double t, double[] y, int yOff, double[] theta, double[] cot, int cotOff,
                        double[] yBar, int yBarOff, double[] thetaBar, double[] tape, int tapeOff) {
            System.arraycopy(tape, tapeOff, x, 0, x.length);
            System.arraycopy(tape, tapeOff + x.length, z, 0, z.length);
            System.arraycopy(tape, tapeOff + x.length + z.length, a, 0, a.length);
            backward(theta, cot, cotOff, yBar, yBarOff, thetaBar);
        }

        @Override
        public void vjp(double t, double[] y, int yOff, double[] theta, double[] cot, int cotOff,
                        double[] yBar, int yBarOff, double[] thetaBar) {
            forwardHidden(t, y, yOff, theta);
            backward(theta, cot, cotOff, yBar, yBarOff, thetaBar);
        }

        /** The reverse sweep from the forward values in {@code x, z, a}. */
        private void backward(double[] theta, double[] cot, int cotOff, double[] yBar, int yBarOff,
                              double[] thetaBar) {
            System.arraycopy(cot, cotOff, g, 0, out[depth]);
            for (int l = depth; l >= 0; l--) {
                if (l < depth) {
                    activationBackward(theta, l, thetaBar);
                }
                double[] src = l == 0 ? x : a;
                int srcOff = l == 0 ? 0 : (l - 1) * width;
                linearBackward(theta, l, src, srcOff, thetaBar);
                double[] tmp = g;
                g = gNext;
                gNext = tmp;
            }
            int s = spec.stateDim();
            for (int j = 0; j < s; j++) {
                yBar[yBarOff + j] += g[j];
            }
        }

        /** Builds the input and runs every hidden layer, filling {@link #z} and {@link #a}. */
        private void forwardHidden(double t, double[] y, int yOff, double[] theta) {
            int s = spec.stateDim();
            System.arraycopy(y, yOff, x, 0, s);
            x[s] = t / tMax;
            for (int l = 0; l < depth; l++) {
                int off = l * width;
                if (l == 0) {
                    linear(theta, wOff[0], bOff[0], width, in[0], x, 0, z, off);
                } else {
                    linear(theta, wOff[l], bOff[l], width, width, a, off - width, z, off);
                }
                activate(theta, l, off);
            }
        }

        /** Hidden layer l's activations {@code a} from its pre-activations {@code z}, both at {@code off}. */
        private void activate(double[] theta, int l, int off) {
            if (rbf == null) {
                Activation act = spec.activation();
                for (int i = off; i < off + width; i++) {
                    a[i] = act.value(z[i]);
                }
                return;
            }
            int c = cOff[l] - off;
            for (int i = off; i < off + width; i++) {
                a[i] = rbf.value(z[i], theta[c + i]);
            }
        }

        /**
         * {@code g[i] *= f'(z_l[i])}: the cotangent of hidden layer l's activations becomes its z's; after an
         * RBF layer {@code g[i] *= da/dz} and the centres' cotangent {@code muBar[i] -= g[i]}.
         */
        private void activationBackward(double[] theta, int l, double[] thetaBar) {
            int off = l * width;
            if (rbf == null) {
                Activation act = spec.activation();
                for (int i = 0; i < width; i++) {
                    g[i] *= act.derivative(z[off + i], a[off + i]);
                }
                return;
            }
            int c = cOff[l];
            for (int i = 0; i < width; i++) {
                g[i] *= rbf.derivative(z[off + i], theta[c + i], a[off + i]);
                thetaBar[c + i] -= g[i];
            }
        }

        /**
         * Reverse mode through Linear layer l with output cotangent {@link #g}: accumulates the weight and
         * bias cotangents into thetaBar and writes the input cotangent {@code W^T g} into {@link #gNext}.
         */
        private void linearBackward(double[] theta, int l, double[] src, int srcOff, double[] thetaBar) {
            int nIn = in[l];
            int nOut = out[l];
            if (byColumn(nIn, nOut)) {
                linearBackwardByColumn(theta, l, src, srcOff, thetaBar);
                return;
            }
            Arrays.fill(gNext, 0, nIn, 0.0);
            for (int i = 0; i < nOut; i++) {
                double gi = g[i];
                if (bOff[l] >= 0) {
                    thetaBar[bOff[l] + i] += gi;
                }
                int row = wOff[l] + i * nIn;
                for (int j = 0; j < nIn; j++) {
                    thetaBar[row + j] += gi * src[srcOff + j];
                    gNext[j] += theta[row + j] * gi;
                }
            }
        }

        /**
         * {@link #linearBackward} for a layer with few inputs and many outputs ({@link #byColumn}), input by
         * input: the same products added in the same order (bit for bit), without a short inner loop per
         * output.
         */
        private void linearBackwardByColumn(double[] theta, int l, double[] src, int srcOff, double[] thetaBar) {
            int nIn = in[l];
            int nOut = out[l];
            int w = wOff[l];
            if (bOff[l] >= 0) {
                for (int i = 0; i < nOut; i++) {
                    thetaBar[bOff[l] + i] += g[i];
                }
            }
            for (int j = 0; j < nIn; j++) {
                double sj = src[srcOff + j];
                double acc = 0.0;
                for (int i = 0; i < nOut; i++) {
                    int k = w + i * nIn + j;
                    thetaBar[k] += g[i] * sj;
                    acc += theta[k] * g[i];
                }
                gNext[j] = acc;
            }
        }
    }

    /**
     * Whether a Linear layer runs input by input: a first layer (S + 1 inputs) onto at least
     * {@value #COLUMN_MIN_OUTPUTS} outputs. Measured on the recipes (one core), this order trains width 16
     * from 2 inputs 1.07x faster but width 4 0.82x as fast (its extra loops cost more than the short inner
     * loops they replace).
     */
    private static boolean byColumn(int nIn, int nOut) {
        return nIn < nOut && nOut >= COLUMN_MIN_OUTPUTS;
    }

    private static final int COLUMN_MIN_OUTPUTS = 8;

    /**
     * {@code dst[dstOff + i] = (sum_j W[i][j] src[srcOff + j]) + b[i]} (equinox's {@code W @ x + b} order) for {@code i < nOut}, with W row-major at
     * {@code theta[w..]} and b at {@code theta[b..]} ({@code b < 0}: no bias).
     */
    private static void linear(double[] theta, int w, int b, int nOut, int nIn,
                               double[] src, int srcOff, double[] dst, int dstOff) {
        if (byColumn(nIn, nOut)) {
            // input by input: every output's sum in the same order as below, so bit for bit the same, with
            // independent additions in the inner loop instead of a short one per output
            Arrays.fill(dst, dstOff, dstOff + nOut, 0.0);
            for (int j = 0; j < nIn; j++) {
                double xj = src[srcOff + j];
                for (int i = 0; i < nOut; i++) {
                    dst[dstOff + i] += theta[w + i * nIn + j] * xj;
                }
            }
            if (b >= 0) {
                for (int i = 0; i < nOut; i++) {
                    dst[dstOff + i] += theta[b + i];
                }
            }
            return;
        }
        for (int i = 0; i < nOut; i++) {
            int row = w + i * nIn;
            double acc = 0.0;
            for (int j = 0; j < nIn; j++) {
                acc += theta[row + j] * src[srcOff + j];
            }
            dst[dstOff + i] = b >= 0 ? acc + theta[b + i] : acc;
        }
    }
}
