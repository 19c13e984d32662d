package org.neuralode.nn.batch;

import java.util.HashMap;
import java.util.Map;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.neuralode.nn.MlpSpec;

/**
 * {@link NativeLayers} products by {@code Nd4j.gemm} into preallocated buffers (any ND4J backend).
 *
 * <p>An INDArray's shape is fixed, so products run on views of the first p rows of each buffer, with
 * p the row count rounded up to a bucket ({@link #bucket}: exact up to 16 rows, then at most 12.5%
 * padding, about 8 buckets per doubling). Each bucket's views are created the first time it is used
 * and cached; afterwards a call allocates no ND4J buffers (ND4J's op dispatch still allocates a few
 * KB of short-lived Java objects per gemm). Callers keep padding rows finite (zero inputs and
 * cotangents) so they contribute nothing to the weight cotangent.
 */
final class Nd4jGemmLayers extends NativeLayers {

    private final INDArray[] weights;
    private final INDArray[] weightBars;
    private final Map<Integer, Views> views = new HashMap<>();

    /** Views of the first p rows of every buffer, per layer. */
    private final class Views {
        final INDArray[] x;
        final INDArray[] z;
        final INDArray[] g;
        final INDArray[] gIn;

        Views(int p) {
            int n = spec.numLayers();
            x = new INDArray[n];
            z = new INDArray[n];
            g = new INDArray[n];
            gIn = new INDArray[n];
            for (int l = 0; l < n; l++) {
                x[l] = view(Nd4jGemmLayers.this.x[l], 0, p, in[l]);
                z[l] = view(Nd4jGemmLayers.this.z, 0, p, out[l]);
                g[l] = view(Nd4jGemmLayers.this.g, 0, p, out[l]);
                gIn[l] = view(Nd4jGemmLayers.this.gIn, 0, p, in[l]);
            }
        }
    }

    Nd4jGemmLayers(MlpSpec spec, int capacity) {
        super(spec, capacity);
        int n = spec.numLayers();
        weights = new INDArray[n];
        weightBars = new INDArray[n];
        for (int l = 0; l < n; l++) {
            weights[l] = view(theta, wOff[l], out[l], in[l]);
            weightBars[l] = view(wBar, 0, out[l], in[l]);
        }
    }

    /** A row-major {@code [rows][cols]} view of {@code base}'s buffer starting at element {@code offset}. */
    private static INDArray view(INDArray base, long offset, long rows, long cols) {
        return Nd4j.create(base.data(), new long[] {rows, cols}, new long[] {cols, 1}, offset, 'c');
    }

    /** Rows rounded up to a multiple of {@code 2^(floor(log2 rows) - 3)} (exact below 16), at most cap. */
    static int bucket(int rows, int cap) {
        if (rows <= 16) {
            return rows;
        }
        int step = Integer.highestOneBit(rows) >> 3;
        long p = ((long) rows + step - 1) / step * step;
        return (int) Math.min(p, cap);
    }

    @Override
    int padded(int rows) {
        return bucket(rows, capacity);
    }

    private Views views(int p) {
        return views.computeIfAbsent(p, Views::new);
    }

    @Override
    void forward(int l, int rows) {
        Views v = views(rows);
        Nd4j.gemm(v.x[l], weights[l], v.z[l], false, true, 1.0, 0.0);
    }

    @Override
    void weightGrad(int l, int rows) {
        Views v = views(rows);
        Nd4j.gemm(v.g[l], v.x[l], weightBars[l], true, false, 1.0, 0.0);
    }

    @Override
    void inputGrad(int l, int rows) {
        Views v = views(rows);
        Nd4j.gemm(v.g[l], weights[l], v.gIn[l], false, false, 1.0, 0.0);
    }

    @Override
    String name() {
        return "nd4j-gemm";
    }
}
