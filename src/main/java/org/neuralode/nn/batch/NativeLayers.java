package org.neuralode.nn.batch;

import java.nio.DoubleBuffer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.neuralode.nn.MlpSpec;

/**
 * The off-heap (ND4J, FLOAT64, row-major) buffers of an {@link Nd4jBatchField} and the three matrix
 * products of an MLP layer l, computed on the first {@code rows} rows:
 * <pre>
 *   forward:    z[rows][out_l]    = x_l[rows][in_l] * W_l^T
 *   weightGrad: wBar[out_l][in_l] = g[rows][out_l]^T * x_l[rows][in_l]
 *   inputGrad:  gIn[rows][in_l]   = g[rows][out_l] * W_l
 * </pre>
 * {@code W_l} is a view of the uploaded parameter vector {@link #theta} in {@link MlpSpec}'s layout.
 * All buffers are allocated once, outside any ND4J workspace; the {@link DoubleBuffer} views give bulk
 * copies between the Java heap and native memory without allocation. Not thread-safe.
 */
abstract class NativeLayers {

    final MlpSpec spec;
    final int capacity;
    final int[] in;
    final int[] out;
    final int[] wOff;
    /** Layer inputs {@code x_l [capacity][in_l]}: x_0 is {@code [y, t/tMax]}, x_l the activations of l-1. */
    final INDArray[] x;
    final DoubleBuffer[] xBuf;
    /** Parameters {@code [P]}. */
    final INDArray theta;
    final DoubleBuffer thetaBuf;
    /** Product outputs and the current output cotangent, {@code [capacity][maxWidth]} each. */
    final INDArray z;
    final INDArray g;
    final INDArray gIn;
    final DoubleBuffer zBuf;
    final DoubleBuffer gBuf;
    final DoubleBuffer gInBuf;
    /** Weight cotangent of one layer, {@code [out_l][in_l]} row-major. */
    final INDArray wBar;
    final DoubleBuffer wBarBuf;

    NativeLayers(MlpSpec spec, int capacity) {
        this.spec = spec;
        this.capacity = capacity;
        int n = spec.numLayers();
        in = spec.inSizes();
        out = spec.outSizes();
        wOff = spec.weightOffsets();
        int maxWidth = 1;
        int maxWeights = 1;
        for (int l = 0; l < n; l++) {
            maxWidth = Math.max(maxWidth, Math.max(in[l], out[l]));
            maxWeights = Math.max(maxWeights, in[l] * out[l]);
        }
        x = new INDArray[n];
        xBuf = new DoubleBuffer[n];
        try (MemoryWorkspace ignored = Nd4j.getWorkspaceManager().scopeOutOfWorkspaces()) {
            for (int l = 0; l < n; l++) {
                x[l] = zeros(capacity, in[l]);
                xBuf[l] = x[l].data().asNioDouble();
            }
            theta = zeros(1, Math.max(1, spec.numParams()));
            z = zeros(capacity, maxWidth);
            g = zeros(capacity, maxWidth);
            gIn = zeros(capacity, maxWidth);
            wBar = zeros(1, maxWeights);
        }
        thetaBuf = theta.data().asNioDouble();
        zBuf = z.data().asNioDouble();
        gBuf = g.data().asNioDouble();
        gInBuf = gIn.data().asNioDouble();
        wBarBuf = wBar.data().asNioDouble();
    }

    private static INDArray zeros(long rows, long cols) {
        return Nd4j.create(DataType.DOUBLE, new long[] {rows, cols}, 'c');
    }

    /** Number of rows the products actually run on for {@code rows} live rows (&gt;= rows, &lt;= capacity). */
    abstract int padded(int rows);

    /** {@code z[rows][out_l] = x_l * W_l^T}. */
    abstract void forward(int l, int rows);

    /** {@code wBar[out_l][in_l] = g^T * x_l} over the first {@code rows} rows. */
    abstract void weightGrad(int l, int rows);

    /** {@code gIn[rows][in_l] = g * W_l}. */
    abstract void inputGrad(int l, int rows);

    /** A short name for reports. */
    abstract String name();
}
