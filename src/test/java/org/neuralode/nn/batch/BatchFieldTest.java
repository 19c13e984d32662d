package org.neuralode.nn.batch;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.neuralode.nn.Activation;
import org.neuralode.nn.MlpField;
import org.neuralode.nn.MlpSpec;
import org.neuralode.ode.VectorField;
import org.neuralode.ode.batch.BatchField;

/** Batch fields against the per-row {@link MlpField} and against central finite differences. */
class BatchFieldTest {

    private static final double T_MAX = 7.0;

    /** Per-row MlpField results: values {@code [rows*S]}, yBar {@code [rows*S]}, thetaBar {@code [P]}. */
    private static double[][] reference(MlpSpec spec, double[] t, double[] y, double[] theta, double[] cot,
                                        int rows) {
        int s = spec.stateDim();
        VectorField.Evaluator ev = new MlpField(spec, T_MAX).newEvaluator();
        double[] val = new double[rows * s];
        double[] yBar = new double[rows * s];
        double[] thetaBar = new double[spec.numParams()];
        for (int r = 0; r < rows; r++) {
            ev.eval(t[r], y, r * s, theta, val, r * s);
            ev.vjp(t[r], y, r * s, theta, cot, r * s, yBar, r * s, thetaBar);
        }
        return new double[][] {val, yBar, thetaBar};
    }

    private static double[][] batch(BatchField f, double[] t, double[] y, double[] theta, double[] cot, int rows) {
        double[] val = new double[rows * f.dim()];
        double[] yBar = new double[rows * f.dim()];
        double[] thetaBar = new double[f.numParams()];
        f.eval(t, y, theta, val, rows);
        f.vjp(t, y, theta, cot, yBar, thetaBar, rows);
        return new double[][] {val, yBar, thetaBar};
    }

    private static double[] uniform(SplittableRandom rng, int n, double scale) {
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            v[i] = scale * (2 * rng.nextDouble() - 1);
        }
        return v;
    }

    /** |a - b| <= rel * max(|a|, |b|) + abs, element by element. */
    static void assertClose(double[] expected, double[] actual, double rel, double abs, String what) {
        assertEquals(expected.length, actual.length, what + ": length");
        for (int i = 0; i < expected.length; i++) {
            double tol = rel * Math.max(Math.abs(expected[i]), Math.abs(actual[i])) + abs;
            assertTrue(Math.abs(expected[i] - actual[i]) <= tol,
                    what + "[" + i + "]: expected " + expected[i] + ", got " + actual[i]);
        }
    }

    @Test
    void jvmBatchIsBitIdenticalToMlpFieldRowByRow() {
        SplittableRandom rng = new SplittableRandom(11);
        int cases = 0;
        for (Activation act : Activation.values()) {
            for (int depth = 0; depth <= 3; depth++) {
                int s = 1 + (cases % 3);
                // widths 3-7, and 16, where MlpField runs the first layer input by input
                MlpSpec spec = new MlpSpec(s, cases % 3 == 0 ? 16 : 3 + cases % 5, depth, act, cases % 2 == 0);
                // 150 rows: two full blocks of 64 and a partial one
                int rows = cases % 4 == 0 ? 150 : 1 + rng.nextInt(40);
                double[] theta = uniform(rng, spec.numParams(), 1.0);
                double[] t = uniform(rng, rows, T_MAX);
                double[] y = uniform(rng, rows * s, 3.0);
                double[] cot = uniform(rng, rows * s, 1.0);
                double[][] want = reference(spec, t, y, theta, cot, rows);
                double[][] got = batch(new JvmBatchField(spec, T_MAX), t, y, theta, cot, rows);
                // same operations in the same order: exactly equal
                for (int k = 0; k < 3; k++) {
                    assertArrayEquals(want[k], got[k], 0.0, act + " depth " + depth + " part " + k);
                }
                cases++;
            }
        }
    }

    @Test
    void nd4jBatchMatchesMlpFieldWithBothGemms() {
        SplittableRandom rng = new SplittableRandom(5);
        for (Nd4jBatchField.Gemm gemm : Nd4jBatchField.Gemm.values()) {
            for (int depth = 0; depth <= 2; depth++) {
                MlpSpec spec = new MlpSpec(2, 6, depth, depth == 1 ? Activation.CELU : Activation.TANH, depth == 2);
                Nd4jBatchField f = new Nd4jBatchField(spec, T_MAX, 40, gemm);
                double[] theta = uniform(rng, spec.numParams(), 1.0);
                // 37 rows pad to a 38-row bucket with Nd4j.gemm; then fewer rows in the same buffers
                for (int rows : new int[] {37, 3, 40}) {
                    double[] t = uniform(rng, rows, T_MAX);
                    double[] y = uniform(rng, rows * 2, 3.0);
                    double[] cot = uniform(rng, rows * 2, 1.0);
                    double[][] want = reference(spec, t, y, theta, cot, rows);
                    double[][] got = batch(f, t, y, theta, cot, rows);
                    // BLAS sums in its own order: values O(1-10) agree to ~1e-15; 1e-9 leaves ample room
                    for (int k = 0; k < 3; k++) {
                        assertClose(want[k], got[k], 1e-9, 1e-12, gemm + " depth " + depth + " rows " + rows
                                + " part " + k);
                    }
                }
            }
        }
    }

    /**
     * RBF networks on every engine: the JVM batch bit-identical to MlpField row by row (so it has MlpField's
     * finite-difference-checked vjp), ND4J with both products to rounding.
     */
    @Test
    void rbfNetworksAgreeOnEveryEngine() {
        SplittableRandom rng = new SplittableRandom(21);
        for (int depth = 1; depth <= 3; depth++) {
            MlpSpec spec = MlpSpec.rbfNetwork(2, 3 + depth, depth, depth == 2, 0.3 * depth);
            double[] theta = uniform(rng, spec.numParams(), 1.0);
            int rows = depth == 1 ? 150 : 37;
            double[] t = uniform(rng, rows, T_MAX);
            double[] y = uniform(rng, rows * 2, 3.0);
            double[] cot = uniform(rng, rows * 2, 1.0);
            double[][] want = reference(spec, t, y, theta, cot, rows);
            double[][] jvm = batch(new JvmBatchField(spec, T_MAX), t, y, theta, cot, rows);
            for (int k = 0; k < 3; k++) {
                assertArrayEquals(want[k], jvm[k], 0.0, "jvm depth " + depth + " part " + k);
            }
            for (Nd4jBatchField.Gemm gemm : Nd4jBatchField.Gemm.values()) {
                double[][] nd4j = batch(new Nd4jBatchField(spec, T_MAX, 150, gemm), t, y, theta, cot, rows);
                for (int k = 0; k < 3; k++) {
                    assertClose(want[k], nd4j[k], 1e-9, 1e-12, gemm + " depth " + depth + " part " + k);
                }
            }
        }
    }

    @Test
    void vjpMatchesCentralFiniteDifferences() {
        vjpMatchesCentralFiniteDifferences(new MlpSpec(2, 5, 2, Activation.SOFTPLUS, true));
        vjpMatchesCentralFiniteDifferences(MlpSpec.rbfNetwork(2, 5, 2, true, 0.6));
    }

    private static void vjpMatchesCentralFiniteDifferences(MlpSpec spec) {
        SplittableRandom rng = new SplittableRandom(8);
        BatchField[] fields = {new JvmBatchField(spec, T_MAX),
            new Nd4jBatchField(spec, T_MAX, 16, Nd4jBatchField.Gemm.ND4J),
            new Nd4jBatchField(spec, T_MAX, 16, Nd4jBatchField.Gemm.OPENBLAS)};
        int rows = 9;
        double[] theta = uniform(rng, spec.numParams(), 1.0);
        double[] t = uniform(rng, rows, T_MAX);
        double[] y = uniform(rng, rows * 2, 2.0);
        double[] cot = uniform(rng, rows * 2, 1.0);
        double[] du = uniform(rng, theta.length, 1.0);
        double[] dy = uniform(rng, y.length, 1.0);
        for (BatchField f : fields) {
            double[] yBar = new double[y.length];
            double[] thetaBar = new double[theta.length];
            f.vjp(t, y, theta, cot, yBar, thetaBar, rows);
            double eps = 1e-5;
            double fdTheta = (objective(f, t, y, shift(theta, du, eps), cot, rows)
                    - objective(f, t, y, shift(theta, du, -eps), cot, rows)) / (2 * eps);
            double fdY = (objective(f, t, shift(y, dy, eps), theta, cot, rows)
                    - objective(f, t, shift(y, dy, -eps), theta, cot, rows)) / (2 * eps);
            // central differences: truncation ~eps^2 * f''' ~ 1e-10, rounding ~1e-16/eps ~ 1e-11
            String what = f.getClass().getSimpleName() + " " + spec;
            assertEquals(fdTheta, dot(thetaBar, du), 1e-7 * Math.max(1, Math.abs(fdTheta)), what);
            assertEquals(fdY, dot(yBar, dy), 1e-7 * Math.max(1, Math.abs(fdY)), what);
        }
    }

    @Test
    void vjpAccumulatesAndZeroRowsIsANoOp() {
        MlpSpec spec = new MlpSpec(1, 4, 2, Activation.TANH);
        SplittableRandom rng = new SplittableRandom(2);
        double[] theta = uniform(rng, spec.numParams(), 1.0);
        double[] t = {0.5, 1.5};
        double[] y = {0.2, -0.3};
        double[] cot = {1.0, -2.0};
        for (BatchField f : new BatchField[] {new JvmBatchField(spec, T_MAX),
            new Nd4jBatchField(spec, T_MAX, 2, Nd4jBatchField.Gemm.ND4J)}) {
            double[] yBar = new double[2];
            double[] thetaBar = new double[spec.numParams()];
            f.vjp(t, y, theta, cot, yBar, thetaBar, 2);
            double[] once = thetaBar.clone();
            double[] yOnce = yBar.clone();
            f.vjp(t, y, theta, cot, yBar, thetaBar, 2);
            for (int k = 0; k < once.length; k++) {
                assertEquals(2 * once[k], thetaBar[k], 1e-14 * Math.abs(once[k]));
            }
            assertEquals(2 * yOnce[1], yBar[1], 1e-14 * Math.abs(yOnce[1]));
            double[] out = {42.0, 42.0};
            f.eval(t, y, theta, out, 0);
            assertArrayEquals(new double[] {42.0, 42.0}, out, 0.0);
        }
        assertThrows(IllegalArgumentException.class,
                () -> new Nd4jBatchField(spec, T_MAX, 2).eval(t, y, theta, new double[3], 3));
    }

    private static double objective(BatchField f, double[] t, double[] y, double[] theta, double[] cot, int rows) {
        double[] out = new double[rows * f.dim()];
        f.eval(t, y, theta, out, rows);
        return dot(out, cot);
    }

    private static double[] shift(double[] v, double[] d, double eps) {
        double[] r = v.clone();
        for (int i = 0; i < r.length; i++) {
            r[i] += eps * d[i];
        }
        return r;
    }

    private static double dot(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += a[i] * b[i];
        }
        return s;
    }
}
