package org.neuralode.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.neuralode.ode.VectorField;
import org.neuralode.ode.VjpCheck;

/** Catalax's RBF networks: layout, validation, initialisation, a hand computation, vjp and tape. */
class RbfNetworkTest {

    @Test
    void centresFollowEachHiddenLayersBias() {
        // S=1, width 4, depth 2: W0 [4][2] at 0, b0 at 8, mu0 at 12, W1 [4][4] at 16, b1 at 32, mu1 at 36,
        // W2 [1][4] at 40: Catalax's leaf order (gamma scalars aside), 36 + 2 * 4 parameters
        MlpSpec spec = MlpSpec.rbfNetwork(1, 4, 2, false, 0.4);
        assertEquals(44, spec.numParams());
        assertArrayEquals(new int[] {0, 16, 40}, spec.weightOffsets());
        assertArrayEquals(new int[] {8, 32, -1}, spec.biasOffsets());
        assertArrayEquals(new int[] {12, 36, -1}, spec.centreOffsets());
        assertEquals(Activation.IDENTITY, spec.activation());
        assertEquals(new Rbf(0.4), spec.rbf());
        for (int depth = 1; depth <= 3; depth++) {
            for (boolean fb : new boolean[] {false, true}) {
                MlpSpec s = MlpSpec.rbfNetwork(3, 5, depth, fb, 1.0);
                int sum = 0;
                for (int l = 0; l < s.numLayers(); l++) {
                    assertEquals(sum, s.weightOffset(l));
                    sum += s.layerSize(l);
                }
                assertEquals(sum, s.numParams());
                assertEquals(new MlpSpec(3, 5, depth, Activation.TANH, fb).numParams() + 5 * depth, sum);
                assertEquals(sum, MlpSpec.countParams(3, 5, depth, fb, true));
            }
        }
    }

    @Test
    void refusesRbfLayersWithoutHiddenLayerOrBesideAnActivation() {
        assertThrows(IllegalArgumentException.class, () -> MlpSpec.rbfNetwork(1, 4, 0, false, 0.4));
        assertThrows(IllegalArgumentException.class,
                () -> new MlpSpec(1, 4, 1, Activation.TANH, false, new Rbf(0.4)));
        for (double g : new double[] {0.0, -1.0, Double.NaN, Double.POSITIVE_INFINITY}) {
            assertThrows(IllegalArgumentException.class, () -> new Rbf(g), "gamma " + g);
        }
    }

    @Test
    void handComputedSmallNetwork() {
        // S=1, width 2, depth 1, gamma 0.5: W0 = [[0.5, -1], [2, 0.25]], b0 = [0.1, -0.2], mu0 = [0.3, -0.4],
        // W1 = [3, -4]. Input [0.4, 5/10]: z = [-0.2, 0.725], a = [exp(-0.5 * 0.25), exp(-0.5 * 1.265625)],
        // f = 3 exp(-0.125) - 4 exp(-0.6328125) = 0.52310674361240538551... (mpmath, 30 digits)
        MlpSpec spec = MlpSpec.rbfNetwork(1, 2, 1, false, 0.5);
        double[] theta = {0.5, -1, 2, 0.25, 0.1, -0.2, 0.3, -0.4, 3, -4};
        double[] out = new double[1];
        new MlpField(spec, 10.0).newEvaluator().eval(5.0, new double[] {0.4}, 0, theta, out, 0);
        assertEquals(0.5231067436124054, out[0], 1e-15);
    }

    @Test
    void vjpMatchesCentralFiniteDifferences() {
        int cases = 0;
        for (int depth = 1; depth <= 3; depth++) {
            for (int s = 1; s <= 3; s++) {
                for (int width : new int[] {1, 3, 8}) {
                    for (double gamma : new double[] {0.25, 2.0}) {
                        long seed = 100L * depth + 10L * s + width;
                        SplittableRandom rng = new SplittableRandom(seed);
                        MlpSpec spec = MlpSpec.rbfNetwork(s, width, depth, (width & 1) == 1, gamma);
                        // equinox's init keeps |f| ~ 1, where VjpCheck's tolerances hold (rounding ~1e-10)
                        double[] theta = MlpInit.init(spec, 1.0, seed);
                        VjpCheck.assertVjp(new MlpField(spec, 4.0), 4.0 * rng.nextDouble(), uniform(rng, s, 2.0),
                                theta, uniform(rng, s, 1.0), 1e-6, names(spec));
                        cases++;
                    }
                }
            }
        }
        assertEquals(54, cases);
    }

    /** A label per parameter: {@code W1[2][0]}, {@code b0[3]}, {@code mu2[1]}. */
    private static List<String> names(MlpSpec spec) {
        List<String> names = new ArrayList<>();
        for (int l = 0; l < spec.numLayers(); l++) {
            for (int i = 0; i < spec.out(l); i++) {
                for (int j = 0; j < spec.in(l); j++) {
                    names.add("W" + l + "[" + i + "][" + j + "]");
                }
            }
            for (int i = 0; spec.hasBias(l) && i < spec.out(l); i++) {
                names.add("b" + l + "[" + i + "]");
            }
            for (int i = 0; spec.hasCentres(l) && i < spec.out(l); i++) {
                names.add("mu" + l + "[" + i + "]");
            }
        }
        return names;
    }

    @Test
    void tapedVjpEqualsRecomputedVjp() {
        MlpSpec spec = MlpSpec.rbfNetwork(2, 6, 3, true, 0.7);
        double[] theta = MlpInit.init(spec, 0.7, 5);
        VectorField.Evaluator f = new MlpField(spec, 50.0).newEvaluator();
        SplittableRandom rng = new SplittableRandom(9);
        double[] tape = new double[f.tapeSize()];
        for (int trial = 0; trial < 10; trial++) {
            double t = rng.nextDouble(0, 50);
            double[] y = uniform(rng, 2, 3.0);
            double[] cot = uniform(rng, 2, 1.0);
            f.eval(t, y, 0, theta, new double[2], 0, tape, 0);
            f.eval(t + 1, new double[2], 0, theta, new double[2], 0); // disturb the evaluator's buffers
            double[] yBarA = new double[2];
            double[] thA = new double[theta.length];
            double[] yBarB = new double[2];
            double[] thB = new double[theta.length];
            f.vjp(t, y, 0, theta, cot, 0, yBarA, 0, thA, tape, 0);
            f.vjp(t, y, 0, theta, cot, 0, yBarB, 0, thB);
            assertArrayEquals(yBarB, yBarA, 0.0);
            assertArrayEquals(thB, thA, 0.0);
        }
    }

    @Test
    void centresAreDrawnFromTheUnitIntervalAndNeverScaled() {
        MlpSpec spec = MlpSpec.rbfNetwork(2, 64, 2, true, 1.0);
        double[] theta = MlpInit.init(spec, 1e-8, true, 3);
        double sum = 0;
        for (int l = 0; l < spec.depth(); l++) {
            for (int k = spec.weightOffset(l); k < spec.centreOffset(l); k++) {
                assertTrue(Math.abs(theta[k]) <= 1e-8, "weights and biases scaled: theta[" + k + "]");
            }
            for (int k = spec.centreOffset(l); k < spec.centreOffset(l) + 64; k++) {
                assertTrue(theta[k] >= 0 && theta[k] < 1, "centre theta[" + k + "] = " + theta[k]);
                sum += theta[k];
            }
        }
        // 128 draws of U[0, 1): mean 0.5, sd 1/sqrt(12 * 128) ~ 0.026; 5 sigma
        assertEquals(0.5, sum / 128, 0.13);
        assertArrayEquals(theta, MlpInit.init(spec, 1e-8, true, 3), 0.0);
    }

    private static double[] uniform(SplittableRandom rng, int n, double bound) {
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            v[i] = bound * (2 * rng.nextDouble() - 1);
        }
        return v;
    }
}
