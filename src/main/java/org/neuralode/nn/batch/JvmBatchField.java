package org.neuralode.nn.batch;

import java.util.Arrays;
import java.util.Objects;
import org.neuralode.nn.Activation;
import org.neuralode.nn.MlpSpec;
import org.neuralode.nn.Rbf;
import org.neuralode.ode.batch.BatchField;

/**
 * The MLP vector field of {@link org.neuralode.nn.MlpField} on many rows per call, in plain Java loops.
 *
 * <p>Rows are processed in blocks of {@value #BLOCK}. Inside a block activations are stored
 * feature-major ({@code buf[feature * BLOCK + row]}), so a Linear layer is a sequence of
 * {@code dst[i][.] += W[i][j] * src[j][.]} updates over contiguous rows that the JIT vectorises; the
 * weight cotangent uses a row-major copy of the layer input so its inner loop runs over contiguous
 * weights. Every sum is accumulated in the same order as {@code MlpField} (inputs j ascending, then
 * the bias; weight cotangents row after row), so the results are <b>bit-identical</b> to calling
 * {@code MlpField}'s evaluator row by row. RBF layers ({@link MlpSpec#rbf()}) take their centres from
 * theta and accumulate the centres' cotangents row after row, as {@code MlpField} does.
 *
 * <p>Scratch memory is a few blocks of {@code max(S+1, width) * depth} doubles, independent of the row
 * count, so {@link #maxRows()} is unbounded. Not thread-safe: one instance per thread; nothing is
 * allocated per call.
 */
public final class JvmBatchField implements BatchField {

    /** Rows per block. */
    static final int BLOCK = 64;

    private final MlpSpec spec;
    private final double tMax;
    private final int s;
    private final int depth;
    private final int width;
    private final Activation act;
    private final Rbf rbf;
    private final int[] in;
    private final int[] out;
    private final int[] wOff;
    private final int[] bOff;
    private final int[] cOff;
    /** Input block {@code [S+1][BLOCK]}. */
    private final double[] x;
    /** Pre-activations and activations of hidden layer l at {@code l*width*BLOCK}, feature-major. */
    private final double[] z;
    private final double[] a;
    /** Cotangent blocks {@code [max(S+1, width)][BLOCK]}, swapped layer by layer. */
    private double[] g;
    private double[] gNext;
    /** Row-major copy {@code [BLOCK][in]} of a layer's input, for the weight cotangent. */
    private final double[] rowMajor;

    /**
     * @param spec architecture and parameter layout
     * @param tMax time scale (the last network input is {@code t / tMax}), finite and &gt; 0
     */
    public JvmBatchField(MlpSpec spec, double tMax) {
        this.spec = Objects.requireNonNull(spec, "spec");
        MlpSpec.requireTimeScale(tMax);
        this.tMax = tMax;
        this.s = spec.stateDim();
        this.depth = spec.depth();
        this.width = spec.width();
        this.act = spec.activation();
        this.rbf = spec.rbf();
        in = spec.inSizes();
        out = spec.outSizes();
        wOff = spec.weightOffsets();
        bOff = spec.biasOffsets();
        cOff = spec.centreOffsets();
        int m = Math.max(s + 1, width);
        x = new double[(s + 1) * BLOCK];
        z = new double[depth * width * BLOCK];
        a = new double[depth * width * BLOCK];
        g = new double[m * BLOCK];
        gNext = new double[m * BLOCK];
        rowMajor = new double[m * BLOCK];
    }

    /** The architecture. */
    public MlpSpec spec() {
        return spec;
    }

    @Override
    public int dim() {
        return s;
    }

    @Override
    public int numParams() {
        return spec.numParams();
    }

    @Override
    public int maxRows() {
        return Integer.MAX_VALUE;
    }

    @Override
    public void eval(double[] t, double[] y, double[] theta, double[] dst, int rows) {
        for (int r0 = 0; r0 < rows; r0 += BLOCK) {
            int nb = Math.min(BLOCK, rows - r0);
            forwardHidden(t, y, theta, r0, nb);
            linear(theta, depth, depth == 0 ? x : a, depth == 0 ? 0 : (depth - 1) * width * BLOCK, g, 0, nb);
            for (int r = 0; r < nb; r++) {
                for (int i = 0; i < s; i++) {
                    dst[(r0 + r) * s + i] = g[i * BLOCK + r];
                }
            }
        }
    }

    @Override
    public void vjp(double[] t, double[] y, double[] theta, double[] cot, double[] yBar, double[] thetaBar,
                    int rows) {
        for (int r0 = 0; r0 < rows; r0 += BLOCK) {
            int nb = Math.min(BLOCK, rows - r0);
            forwardHidden(t, y, theta, r0, nb);
            for (int r = 0; r < nb; r++) {
                for (int i = 0; i < s; i++) {
                    g[i * BLOCK + r] = cot[(r0 + r) * s + i];
                }
            }
            for (int l = depth; l >= 0; l--) {
                if (l < depth) {
                    activationBackward(theta, l, thetaBar, nb);
                }
                double[] src = l == 0 ? x : a;
                int srcOff = l == 0 ? 0 : (l - 1) * width * BLOCK;
                weightCotangent(theta, l, src, srcOff, thetaBar, nb);
                inputCotangent(theta, l, nb);
                double[] tmp = g;
                g = gNext;
                gNext = tmp;
            }
            for (int r = 0; r < nb; r++) {
                for (int j = 0; j < s; j++) {
                    yBar[(r0 + r) * s + j] += g[j * BLOCK + r];
                }
            }
        }
    }

    /**
     * Loads rows {@code r0 .. r0+nb)} into the input block and runs the hidden layers: {@code a = f(z)}, or
     * after an RBF layer {@code a = exp(-gamma (z - mu)^2)}.
     */
    private void forwardHidden(double[] t, double[] y, double[] theta, int r0, int nb) {
        for (int r = 0; r < nb; r++) {
            for (int j = 0; j < s; j++) {
                x[j * BLOCK + r] = y[(r0 + r) * s + j];
            }
            x[s * BLOCK + r] = t[r0 + r] / tMax;
        }
        for (int l = 0; l < depth; l++) {
            int off = l * width * BLOCK;
            linear(theta, l, l == 0 ? x : a, l == 0 ? 0 : off - width * BLOCK, z, off, nb);
            for (int i = 0; i < width; i++) {
                int base = off + i * BLOCK;
                if (rbf == null) {
                    for (int r = base; r < base + nb; r++) {
                        a[r] = act.value(z[r]);
                    }
                } else {
                    for (int r = base; r < base + nb; r++) {
                        a[r] = rbf.value(z[r], theta[cOff[l] + i]);
                    }
                }
            }
        }
    }

    /**
     * Layer l: {@code dst[i][r] = (sum_j W[i][j] src[j][r]) + b[i]}, feature-major blocks. Four inputs j
     * per pass ({@code d = (((d + w0 s0) + w1 s1) + w2 s2) + w3 s3}, Java's left-to-right order), so the
     * sum still runs over j ascending while {@code dst} is loaded and stored a quarter as often.
     */
    private void linear(double[] theta, int l, double[] src, int srcOff, double[] dst, int dstOff, int nb) {
        int nIn = in[l];
        for (int i = 0; i < out[l]; i++) {
            int d = dstOff + i * BLOCK;
            Arrays.fill(dst, d, d + nb, 0.0);
            int row = wOff[l] + i * nIn;
            int j = 0;
            for (; j + 4 <= nIn; j += 4) {
                double w0 = theta[row + j];
                double w1 = theta[row + j + 1];
                double w2 = theta[row + j + 2];
                double w3 = theta[row + j + 3];
                int s0 = srcOff + j * BLOCK;
                for (int r = 0; r < nb; r++) {
                    dst[d + r] = dst[d + r] + w0 * src[s0 + r] + w1 * src[s0 + BLOCK + r]
                            + w2 * src[s0 + 2 * BLOCK + r] + w3 * src[s0 + 3 * BLOCK + r];
                }
            }
            for (; j < nIn; j++) {
                double w = theta[row + j];
                int sj = srcOff + j * BLOCK;
                for (int r = 0; r < nb; r++) {
                    dst[d + r] += w * src[sj + r];
                }
            }
            if (bOff[l] >= 0) {
                double b = theta[bOff[l] + i];
                for (int r = d; r < d + nb; r++) {
                    dst[r] += b;
                }
            }
        }
    }

    /** {@code g[i][r] *= f'(z_l[i][r])}; after an RBF layer {@code g *= da/dz} and {@code muBar[i] -= g[i][r]}. */
    private void activationBackward(double[] theta, int l, double[] thetaBar, int nb) {
        int off = l * width * BLOCK;
        for (int i = 0; i < width; i++) {
            int gi = i * BLOCK;
            int k = off + gi;
            if (rbf == null) {
                for (int r = 0; r < nb; r++) {
                    g[gi + r] *= act.derivative(z[k + r], a[k + r]);
                }
                continue;
            }
            int c = cOff[l] + i;
            double acc = thetaBar[c];
            for (int r = 0; r < nb; r++) {
                g[gi + r] *= rbf.derivative(z[k + r], theta[c], a[k + r]);
                acc -= g[gi + r];
            }
            thetaBar[c] = acc;
        }
    }

    /**
     * {@code Wbar[i][j] += g[i][r] src[j][r]} and {@code bbar[i] += g[i][r]}, row after row (four rows per
     * pass, added in row order), over a row-major copy of the input so the inner loop runs along j.
     */
    private void weightCotangent(double[] theta, int l, double[] src, int srcOff, double[] thetaBar, int nb) {
        int nIn = in[l];
        for (int j = 0; j < nIn; j++) {
            int sj = srcOff + j * BLOCK;
            for (int r = 0; r < nb; r++) {
                rowMajor[r * nIn + j] = src[sj + r];
            }
        }
        for (int i = 0; i < out[l]; i++) {
            int row = wOff[l] + i * nIn;
            int gi = i * BLOCK;
            int r = 0;
            for (; r + 4 <= nb; r += 4) {
                double g0 = g[gi + r];
                double g1 = g[gi + r + 1];
                double g2 = g[gi + r + 2];
                double g3 = g[gi + r + 3];
                int x0 = r * nIn;
                for (int j = 0; j < nIn; j++) {
                    thetaBar[row + j] = thetaBar[row + j] + g0 * rowMajor[x0 + j] + g1 * rowMajor[x0 + nIn + j]
                            + g2 * rowMajor[x0 + 2 * nIn + j] + g3 * rowMajor[x0 + 3 * nIn + j];
                }
            }
            for (; r < nb; r++) {
                double gr = g[gi + r];
                int x0 = r * nIn;
                for (int j = 0; j < nIn; j++) {
                    thetaBar[row + j] += gr * rowMajor[x0 + j];
                }
            }
            if (bOff[l] >= 0) {
                double acc = thetaBar[bOff[l] + i];
                for (int k = 0; k < nb; k++) {
                    acc += g[gi + k];
                }
                thetaBar[bOff[l] + i] = acc;
            }
        }
    }

    /**
     * {@code gNext[j][r] = sum_i W[i][j] g[i][r]}, summed over i ascending, four outputs i per pass.
     */
    private void inputCotangent(double[] theta, int l, int nb) {
        int nIn = in[l];
        int nOut = out[l];
        for (int j = 0; j < nIn; j++) {
            int d = j * BLOCK;
            Arrays.fill(gNext, d, d + nb, 0.0);
            int i = 0;
            for (; i + 4 <= nOut; i += 4) {
                int row = wOff[l] + i * nIn + j;
                double w0 = theta[row];
                double w1 = theta[row + nIn];
                double w2 = theta[row + 2 * nIn];
                double w3 = theta[row + 3 * nIn];
                int g0 = i * BLOCK;
                for (int r = 0; r < nb; r++) {
                    gNext[d + r] = gNext[d + r] + w0 * g[g0 + r] + w1 * g[g0 + BLOCK + r]
                            + w2 * g[g0 + 2 * BLOCK + r] + w3 * g[g0 + 3 * BLOCK + r];
                }
            }
            for (; i < nOut; i++) {
                double w = theta[wOff[l] + i * nIn + j];
                int gi = i * BLOCK;
                for (int r = 0; r < nb; r++) {
                    gNext[d + r] += w * g[gi + r];
                }
            }
        }
    }
}
