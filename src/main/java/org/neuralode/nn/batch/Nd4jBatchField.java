package org.neuralode.nn.batch;

import java.util.Arrays;
import java.util.Objects;
import org.neuralode.nn.Activation;
import org.neuralode.nn.MlpSpec;
import org.neuralode.nn.Rbf;
import org.neuralode.ode.batch.BatchField;

/**
 * The MLP vector field of {@link org.neuralode.nn.MlpField} on many rows per call, with the layer
 * products done by native BLAS on ND4J FLOAT64 buffers.
 *
 * <p>Per layer, one native matrix product ({@code X W^T}; backward {@code G^T X} and {@code G W}) runs
 * into preallocated off-heap buffers; bias, activation and activation derivative run in one Java pass
 * over the block copied out of native memory (bulk {@link java.nio.DoubleBuffer} copies, about 1 ns per
 * value). That keeps ND4J calls to {@code depth + 1} per forward pass and {@code 3 (depth + 1) - 1}
 * per vector-Jacobian product, uses {@link Activation}'s exact jax.nn definitions for every activation
 * (ND4J transforms lack several of them and would add 2-4 op calls of 5-15 us per layer), and agrees
 * with {@code MlpField} to rounding (the products sum in BLAS order; the tests allow 1e-9 relative). RBF
 * layers ({@link MlpSpec#rbf()}) run in the same Java pass, their centres read from theta.
 *
 * <p>Two product back-ends ({@link Gemm}): {@code Nd4j.gemm} (portable across ND4J backends; pads the
 * row count to a bucket) and ND4J's bundled OpenBLAS called directly (CPU backend only; no padding,
 * no per-call allocation, about 20x less overhead per product).
 *
 * <p>Memory: off-heap {@code capacity * (S+1 + depth*width + 3*max(S+1, width))} doubles plus on-heap
 * {@code capacity * (2*depth*width + 3*max(S+1, width))} doubles, all allocated in the constructor.
 * <b>Not thread-safe</b>: one instance per thread (ND4J buffers and Java scratch are reused).
 */
public final class Nd4jBatchField implements BatchField {

    /** How the layer products are computed. */
    public enum Gemm {
        /** {@code Nd4j.gemm} on cached row-bucket views (any ND4J backend). */
        ND4J,
        /** {@code cblas_dgemm} of the OpenBLAS bundled with {@code nd4j-native} (CPU backend only). */
        OPENBLAS;

        /** OPENBLAS when ND4J runs on its CPU backend, otherwise ND4J. */
        public static Gemm best() {
            return BlasGemmLayers.available() ? OPENBLAS : ND4J;
        }
    }

    private final MlpSpec spec;
    private final double tMax;
    private final int s;
    private final int depth;
    private final int width;
    private final Activation act;
    private final Rbf rbf;
    private final int[] bOff;
    private final int[] wOff;
    private final int[] cOff;
    private final NativeLayers nat;
    private final Gemm gemm;
    /** Row-major Java copies: network input, pre-activations and activations per hidden layer. */
    private final double[] x0;
    private final double[][] z;
    private final double[][] a;
    /** Cotangent scratch {@code [capacity][max(S+1, width)]} and one layer's weight cotangent. */
    private final double[] gJ;
    private final double[] ginJ;
    private final double[] wbJ;

    /**
     * @param spec     architecture and parameter layout
     * @param tMax     time scale, finite and &gt; 0
     * @param capacity the most rows per call, &gt;= 1 (sizes every buffer)
     * @param gemm     product back-end
     * @throws IllegalStateException if {@code gemm} is OPENBLAS and ND4J is not on its CPU backend
     */
    public Nd4jBatchField(MlpSpec spec, double tMax, int capacity, Gemm gemm) {
        this.spec = Objects.requireNonNull(spec, "spec");
        this.gemm = Objects.requireNonNull(gemm, "gemm");
        MlpSpec.requireTimeScale(tMax);
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be >= 1, got " + capacity);
        }
        this.tMax = tMax;
        this.s = spec.stateDim();
        this.depth = spec.depth();
        this.width = spec.width();
        this.act = spec.activation();
        this.rbf = spec.rbf();
        int n = spec.numLayers();
        bOff = spec.biasOffsets();
        wOff = spec.weightOffsets();
        cOff = spec.centreOffsets();
        int maxWeights = 1;
        for (int l = 0; l < n; l++) {
            maxWeights = Math.max(maxWeights, spec.in(l) * spec.out(l));
        }
        nat = gemm == Gemm.OPENBLAS ? new BlasGemmLayers(spec, capacity) : new Nd4jGemmLayers(spec, capacity);
        int m = Math.max(s + 1, width);
        x0 = new double[capacity * (s + 1)];
        z = new double[depth][capacity * width];
        a = new double[depth][capacity * width];
        gJ = new double[capacity * m];
        ginJ = new double[capacity * m];
        wbJ = new double[maxWeights];
    }

    /** With the fastest product back-end available ({@link Gemm#best()}). */
    public Nd4jBatchField(MlpSpec spec, double tMax, int capacity) {
        this(spec, tMax, capacity, Gemm.best());
    }

    /** The architecture. */
    public MlpSpec spec() {
        return spec;
    }

    /** The product back-end in use. */
    public Gemm gemm() {
        return gemm;
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
        return nat.capacity;
    }

    @Override
    public void eval(double[] t, double[] y, double[] theta, double[] dst, int rows) {
        checkRows(rows);
        if (rows == 0) {
            return;
        }
        int p = nat.padded(rows);
        forward(t, y, theta, rows, p);
        nat.forward(depth, p);
        nat.zBuf.get(0, dst, 0, rows * s);
        if (bOff[depth] >= 0) {
            for (int r = 0; r < rows; r++) {
                for (int i = 0; i < s; i++) {
                    dst[r * s + i] += theta[bOff[depth] + i];
                }
            }
        }
    }

    @Override
    public void vjp(double[] t, double[] y, double[] theta, double[] cot, double[] yBar, double[] thetaBar,
                    int rows) {
        checkRows(rows);
        if (rows == 0) {
            return;
        }
        int p = nat.padded(rows);
        forward(t, y, theta, rows, p);
        System.arraycopy(cot, 0, gJ, 0, rows * s);
        Arrays.fill(gJ, rows * s, p * s, 0.0);
        nat.gBuf.put(0, gJ, 0, p * s);
        for (int l = depth; l >= 0; l--) {
            int nIn = l == 0 ? s + 1 : width;
            int nOut = l == depth ? s : width;
            nat.weightGrad(l, p);
            nat.wBarBuf.get(0, wbJ, 0, nOut * nIn);
            for (int k = 0; k < nOut * nIn; k++) {
                thetaBar[wOff[l] + k] += wbJ[k];
            }
            if (bOff[l] >= 0) {
                addRowSums(bOff[l], nOut, rows, 1.0, thetaBar);
            }
            if (cOff[l] >= 0) {
                addRowSums(cOff[l], nOut, rows, -1.0, thetaBar);
            }
            nat.inputGrad(l, p);
            nat.gInBuf.get(0, ginJ, 0, p * nIn);
            if (l > 0) {
                activationBackward(theta, l - 1, p);
                nat.gBuf.put(0, gJ, 0, p * width);
            } else {
                for (int r = 0; r < rows; r++) {
                    for (int j = 0; j < s; j++) {
                        yBar[r * s + j] += ginJ[r * (s + 1) + j];
                    }
                }
            }
        }
    }

    /** Uploads theta and the input rows (padding rows zero), then runs the hidden layers. */
    private void forward(double[] t, double[] y, double[] theta, int rows, int p) {
        nat.thetaBuf.put(0, theta, 0, spec.numParams());
        int in0 = s + 1;
        for (int r = 0; r < rows; r++) {
            System.arraycopy(y, r * s, x0, r * in0, s);
            x0[r * in0 + s] = t[r] / tMax;
        }
        Arrays.fill(x0, rows * in0, p * in0, 0.0);
        nat.xBuf[0].put(0, x0, 0, p * in0);
        for (int l = 0; l < depth; l++) {
            nat.forward(l, p);
            double[] zl = z[l];
            double[] al = a[l];
            nat.zBuf.get(0, zl, 0, p * width);
            int b = bOff[l];
            int c = cOff[l];
            for (int r = 0; r < p; r++) {
                int row = r * width;
                for (int i = 0; i < width; i++) {
                    double v = zl[row + i] + theta[b + i];
                    zl[row + i] = v;
                    al[row + i] = rbf == null ? act.value(v) : rbf.value(v, theta[c + i]);
                }
            }
            nat.xBuf[l + 1].put(0, al, 0, p * width);
        }
    }

    /**
     * {@code g = gIn * f'(z_l)} for hidden layer l, all p rows (padding rows stay zero); after an RBF layer
     * {@code g = gIn * da/dz}.
     */
    private void activationBackward(double[] theta, int l, int p) {
        double[] zl = z[l];
        double[] al = a[l];
        if (rbf == null) {
            for (int k = 0; k < p * width; k++) {
                gJ[k] = ginJ[k] * act.derivative(zl[k], al[k]);
            }
            return;
        }
        int c = cOff[l];
        for (int k = 0; k < p * width; k++) {
            gJ[k] = ginJ[k] * rbf.derivative(zl[k], theta[c + k % width], al[k]);
        }
    }

    /** {@code thetaBar[off + i] += sign * sum_r g[r][i]}, rows in order (bias: +1; RBF centres: -1). */
    private void addRowSums(int off, int nOut, int rows, double sign, double[] thetaBar) {
        for (int r = 0; r < rows; r++) {
            int row = r * nOut;
            for (int i = 0; i < nOut; i++) {
                thetaBar[off + i] += sign * gJ[row + i];
            }
        }
    }

    private void checkRows(int rows) {
        if (rows < 0 || rows > nat.capacity) {
            throw new IllegalArgumentException("rows must be in [0, " + nat.capacity + "], got " + rows);
        }
    }
}
