package org.neuralode.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.neuralode.ode.VectorField;

class MlpFieldTest {

    /** Naive reference forward pass straight from the layout description; also returns pre-activations. */
    private static double[] referenceForward(MlpSpec spec, double tMax, double t, double[] y, double[] theta,
                                             List<Double> preActivations) {
        double[] v = new double[spec.stateDim() + 1];
        System.arraycopy(y, 0, v, 0, spec.stateDim());
        v[spec.stateDim()] = t / tMax;
        for (int l = 0; l < spec.numLayers(); l++) {
            double[] next = new double[spec.out(l)];
            for (int i = 0; i < spec.out(l); i++) {
                double s = spec.hasBias(l) ? theta[spec.biasOffset(l) + i] : 0.0;
                for (int j = 0; j < spec.in(l); j++) {
                    s += theta[spec.weightOffset(l) + i * spec.in(l) + j] * v[j];
                }
                if (l < spec.depth()) {
                    preActivations.add(s);
                    s = spec.activation().value(s);
                }
                next[i] = s;
            }
            v = next;
        }
        return v;
    }

    @Test
    void handComputedSmallNetwork() {
        // S=1, width 2, depth 1, tanh, no final bias: W0 = [[0.5, -1], [2, 0.25]], b0 = [0.1, -0.2],
        // W1 = [3, -4]. Input [0.4, 5/10]: z = [0.2 - 0.5 + 0.1, 0.8 + 0.125 - 0.2] = [-0.2, 0.725],
        // f = 3 tanh(-0.2) - 4 tanh(0.725) = -3.0721134325522082009... (mpmath, 30 digits)
        MlpSpec spec = new MlpSpec(1, 2, 1, Activation.TANH);
        double[] theta = {0.5, -1, 2, 0.25, 0.1, -0.2, 3, -4};
        double[] out = new double[1];
        new MlpField(spec, 10.0).newEvaluator().eval(5.0, new double[] {0.4}, 0, theta, out, 0);
        assertEquals(-3.0721134325522082, out[0], 1e-15);
    }

    @Test
    void evalMatchesReferenceWithOffsets() {
        SplittableRandom rng = new SplittableRandom(3);
        for (int depth = 0; depth <= 3; depth++) {
            MlpSpec spec = new MlpSpec(3, 6, depth, Activation.SOFTPLUS, depth % 2 == 1);
            double[] theta = uniform(rng, spec.numParams(), 1.0);
            double[] y = uniform(rng, 3, 2.0);
            double[] expected = referenceForward(spec, 7.0, 2.5, y, theta, new ArrayList<>());
            double[] padded = new double[8];
            System.arraycopy(y, 0, padded, 2, 3);
            double[] out = new double[9];
            new MlpField(spec, 7.0).newEvaluator().eval(2.5, padded, 2, theta, out, 4);
            for (int i = 0; i < 3; i++) {
                // same operations, possibly summed in another order: a few ulps of values of size ~1-10
                assertEquals(expected[i], out[4 + i], 1e-13, "depth " + depth + " output " + i);
            }
            // output written over the input (aliasing) gives the same result
            new MlpField(spec, 7.0).newEvaluator().eval(2.5, padded, 2, theta, padded, 2);
            for (int i = 0; i < 3; i++) {
                assertEquals(out[4 + i], padded[2 + i], 0.0);
            }
        }
    }

    @Test
    void vjpMatchesCentralFiniteDifferences() {
        int checked = 0;
        for (Activation act : Activation.values()) {
            for (int depth = 0; depth <= 3; depth++) {
                for (int s = 1; s <= 3; s++) {
                    for (int width : new int[] {1, 2, 5, 16}) {
                        long seed = 1000L * act.ordinal() + 100L * depth + 10L * s + width;
                        checked += checkVjp(new MlpSpec(s, width, depth, act, (seed & 1) == 0), seed);
                    }
                }
            }
        }
        assertTrue(checked > 10_000, "checked " + checked + " derivatives");
    }

    /** Checks one random point (redrawn until every pre-activation is 1e-3 away from a kink). */
    private static int checkVjp(MlpSpec spec, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        int s = spec.stateDim();
        int p = spec.numParams();
        double tMax = 4.0;
        double[] theta;
        double[] y;
        double t;
        do {
            theta = uniform(rng, p, 1.0);
            y = uniform(rng, s, 2.0);
            t = 4.0 * rng.nextDouble();
        } while (nearKink(spec, tMax, t, y, theta));
        double[] cot = uniform(rng, s, 1.0);
        double[] yBar = new double[s];
        double[] thetaBar = new double[p];
        VectorField.Evaluator ev = new MlpField(spec, tMax).newEvaluator();
        ev.vjp(t, y, 0, theta, cot, 0, yBar, 0, thetaBar);
        // h = 1e-5 moves a pre-activation by <= ~1e-4 (inputs |x| <= 2, weights <= 1 times <= 16 terms),
        // never across a kink 1e-3 away. Central-difference truncation h^2/6 |phi'''| ~ 1e-10 and rounding
        // eps |phi| / h ~ 1e-10 for |phi| <= ~10: 1e-6 (relative above 1) leaves a wide margin, while a
        // missing or wrong term is off by far more.
        double h = 1e-5;
        for (int k = 0; k < p; k++) {
            double saved = theta[k];
            theta[k] = saved + h;
            double plus = dot(cot, referenceForward(spec, tMax, t, y, theta, new ArrayList<>()));
            theta[k] = saved - h;
            double minus = dot(cot, referenceForward(spec, tMax, t, y, theta, new ArrayList<>()));
            theta[k] = saved;
            double fd = (plus - minus) / (2 * h);
            assertEquals(fd, thetaBar[k], 1e-6 * Math.max(1.0, Math.abs(fd)), spec + " theta[" + k + "]");
        }
        for (int j = 0; j < s; j++) {
            double saved = y[j];
            y[j] = saved + h;
            double plus = dot(cot, referenceForward(spec, tMax, t, y, theta, new ArrayList<>()));
            y[j] = saved - h;
            double minus = dot(cot, referenceForward(spec, tMax, t, y, theta, new ArrayList<>()));
            y[j] = saved;
            double fd = (plus - minus) / (2 * h);
            assertEquals(fd, yBar[j], 1e-6 * Math.max(1.0, Math.abs(fd)), spec + " y[" + j + "]");
        }
        return p + s;
    }

    private static boolean nearKink(MlpSpec spec, double tMax, double t, double[] y, double[] theta) {
        List<Double> z = new ArrayList<>();
        referenceForward(spec, tMax, t, y, theta, z);
        double[] kinks = switch (spec.activation()) {
            case RELU, LEAKY_RELU -> new double[] {0.0};
            case HARD_SIGMOID, HARD_SWISH -> new double[] {-3.0, 3.0};
            case HARD_TANH -> new double[] {-1.0, 1.0};
            default -> new double[0];
        };
        for (double v : z) {
            for (double k : kinks) {
                if (Math.abs(v - k) < 1e-3) {
                    return true;
                }
            }
        }
        return false;
    }

    @Test
    void vjpAccumulatesAtOffsets() {
        MlpSpec spec = new MlpSpec(2, 5, 2, Activation.GELU, true);
        SplittableRandom rng = new SplittableRandom(11);
        double[] theta = uniform(rng, spec.numParams(), 1.0);
        double[] y = uniform(rng, 2, 1.0);
        double[] cot = uniform(rng, 2, 1.0);
        VectorField.Evaluator ev = new MlpField(spec, 3.0).newEvaluator();
        double[] yBar = new double[2];
        double[] thetaBar = new double[spec.numParams()];
        ev.vjp(0.7, y, 0, theta, cot, 0, yBar, 0, thetaBar);

        double[] yPad = {9, 9, 9, y[0], y[1]};
        double[] cotPad = {8, cot[0], cot[1]};
        double[] yBar2 = {1, 2, 3, 4};
        double[] thetaBar2 = new double[spec.numParams()];
        java.util.Arrays.fill(thetaBar2, 0.5);
        ev.vjp(0.7, yPad, 3, theta, cotPad, 1, yBar2, 1, thetaBar2);
        assertEquals(1.0, yBar2[0]);
        assertEquals(2 + yBar[0], yBar2[1], 1e-15);
        assertEquals(3 + yBar[1], yBar2[2], 1e-15);
        assertEquals(4.0, yBar2[3]);
        for (int k = 0; k < thetaBar.length; k++) {
            assertEquals(0.5 + thetaBar[k], thetaBar2[k], 1e-15);
        }
    }

    @Test
    void evalAndVjpDoNotAllocate() {
        java.lang.management.ThreadMXBean bean = ManagementFactory.getThreadMXBean();
        assumeTrue(bean instanceof com.sun.management.ThreadMXBean, "allocation counter available");
        com.sun.management.ThreadMXBean mx = (com.sun.management.ThreadMXBean) bean;
        assumeTrue(mx.isThreadAllocatedMemorySupported() && mx.isThreadAllocatedMemoryEnabled());
        for (MlpSpec spec : new MlpSpec[] {new MlpSpec(3, 16, 3, Activation.TANH),
            MlpSpec.rbfNetwork(3, 16, 3, false, 0.5)}) {
            assertNoAllocation(mx, spec);
        }
    }

    private static void assertNoAllocation(com.sun.management.ThreadMXBean mx, MlpSpec spec) {
        double[] theta = uniform(new SplittableRandom(1), spec.numParams(), 0.3);
        double[] y = {0.1, 0.2, 0.3};
        double[] out = new double[3];
        double[] yBar = new double[3];
        double[] thetaBar = new double[spec.numParams()];
        VectorField.Evaluator ev = new MlpField(spec, 1.0).newEvaluator();
        ev.eval(0.5, y, 0, theta, out, 0);
        ev.vjp(0.5, y, 0, theta, out, 0, yBar, 0, thetaBar);
        long tid = Thread.currentThread().getId();
        long before = mx.getThreadAllocatedBytes(tid);
        for (int i = 0; i < 20_000; i++) {
            ev.eval(0.5, y, 0, theta, out, 0);
            ev.vjp(0.5, y, 0, theta, out, 0, yBar, 0, thetaBar);
        }
        long allocated = mx.getThreadAllocatedBytes(tid) - before;
        // 40,000 calls: any per-call allocation would be >= 640 kB; allow a little for the counter itself.
        assertTrue(allocated < 20_000, spec + ": allocated " + allocated + " bytes in 40,000 calls");
    }

    private static double[] uniform(SplittableRandom rng, int n, double bound) {
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            v[i] = bound * (2 * rng.nextDouble() - 1);
        }
        return v;
    }

    private static double dot(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += a[i] * b[i];
        }
        return s;
    }
}
