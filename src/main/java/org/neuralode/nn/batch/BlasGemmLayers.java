package org.neuralode.nn.batch;

import static org.bytedeco.openblas.global.openblas.CblasNoTrans;
import static org.bytedeco.openblas.global.openblas.CblasRowMajor;
import static org.bytedeco.openblas.global.openblas.CblasTrans;
import static org.bytedeco.openblas.global.openblas.cblas_dgemm;

import org.bytedeco.javacpp.DoublePointer;
import org.nd4j.linalg.factory.Nd4j;
import org.neuralode.nn.MlpSpec;

/**
 * {@link NativeLayers} products by {@code cblas_dgemm} of the OpenBLAS that ND4J's CPU backend
 * ({@code nd4j-native}) bundles, called through JavaCPP on the ND4J buffers' host pointers.
 *
 * <p>This skips ND4J's op dispatch (measured 15-18 us per {@code Nd4j.gemm} against 0.8 us for the
 * same 20x17x16 product here), takes any row count without views or padding, and allocates nothing
 * per call. CPU backend only: {@link #available()} says whether it can be used.
 */
final class BlasGemmLayers extends NativeLayers {

    private final DoublePointer[] xPtr;
    private final DoublePointer[] wPtr;
    private final DoublePointer zPtr;
    private final DoublePointer gPtr;
    private final DoublePointer gInPtr;
    private final DoublePointer wBarPtr;

    BlasGemmLayers(MlpSpec spec, int capacity) {
        super(spec, capacity);
        if (!available()) {
            throw new IllegalStateException("direct OpenBLAS needs ND4J's CPU backend (nd4j-native); backend is "
                    + Nd4j.getBackend().getClass().getName());
        }
        int n = spec.numLayers();
        xPtr = new DoublePointer[n];
        wPtr = new DoublePointer[n];
        DoublePointer thetaPtr = pointer(theta.data().pointer());
        for (int l = 0; l < n; l++) {
            xPtr[l] = pointer(x[l].data().pointer());
            wPtr[l] = new DoublePointer(thetaPtr).position(thetaPtr.position() + wOff[l]);
        }
        zPtr = pointer(z.data().pointer());
        gPtr = pointer(g.data().pointer());
        gInPtr = pointer(gIn.data().pointer());
        wBarPtr = pointer(wBar.data().pointer());
    }

    private static DoublePointer pointer(org.bytedeco.javacpp.Pointer p) {
        return p instanceof DoublePointer d ? d : new DoublePointer(p);
    }

    /** Whether ND4J runs on its CPU backend with the bundled OpenBLAS on the class path. */
    static boolean available() {
        try {
            Class.forName("org.bytedeco.openblas.global.openblas");
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
        }
        return Nd4j.getBackend().getClass().getName().contains("CpuBackend");
    }

    @Override
    int padded(int rows) {
        return rows;
    }

    @Override
    void forward(int l, int rows) {
        cblas_dgemm(CblasRowMajor, CblasNoTrans, CblasTrans, rows, out[l], in[l], 1.0,
                xPtr[l], in[l], wPtr[l], in[l], 0.0, zPtr, out[l]);
    }

    @Override
    void weightGrad(int l, int rows) {
        cblas_dgemm(CblasRowMajor, CblasTrans, CblasNoTrans, out[l], in[l], rows, 1.0,
                gPtr, out[l], xPtr[l], in[l], 0.0, wBarPtr, in[l]);
    }

    @Override
    void inputGrad(int l, int rows) {
        cblas_dgemm(CblasRowMajor, CblasNoTrans, CblasNoTrans, rows, in[l], out[l], 1.0,
                gPtr, out[l], wPtr[l], in[l], 0.0, gInPtr, in[l]);
    }

    @Override
    String name() {
        return "openblas";
    }
}
