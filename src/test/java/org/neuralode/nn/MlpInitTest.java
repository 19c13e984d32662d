package org.neuralode.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class MlpInitTest {

    @Test
    void boundsScaleAndUnscaledLastLayer() {
        MlpSpec spec = new MlpSpec(3, 64, 3, Activation.TANH, true);
        assertScaled(spec, false);
        assertArrayEquals(MlpInit.init(spec, 1e-3, 42), MlpInit.init(spec, 1e-3, false, 42), "default: unscaled");
    }

    @Test
    void scaleFinalLayerScalesEveryWeightAndBiasAsCatalax() {
        assertScaled(new MlpSpec(3, 64, 3, Activation.TANH, true), true);
        assertScaled(new MlpSpec(2, 5, 1, Activation.TANH, false), true);
        assertScaled(new MlpSpec(2, 5, 0, Activation.TANH, true), true); // a single (last) layer
        assertScaled(new MlpSpec(2, 5, 0, Activation.TANH, true), false);
    }

    /** Same draws as scale 1; layer l multiplied by the scale unless it is the last and not scaled. */
    private static void assertScaled(MlpSpec spec, boolean scaleFinalLayer) {
        double scale = 1e-3;
        double[] plain = MlpInit.init(spec, 1.0, scaleFinalLayer, 42);
        double[] scaled = MlpInit.init(spec, scale, scaleFinalLayer, 42);
        for (int l = 0; l < spec.numLayers(); l++) {
            double bound = 1.0 / Math.sqrt(spec.in(l));
            double factor = l == spec.depth() && !scaleFinalLayer ? 1.0 : scale;
            int start = spec.weightOffset(l);
            for (int k = start; k < start + spec.layerSize(l); k++) { // weights, then the bias if any
                assertTrue(plain[k] >= -bound && plain[k] < bound, "layer " + l + " entry " + k);
                // same draws, multiplied once: exact up to the one rounding of the product
                assertEquals(factor * plain[k], scaled[k], 0.0, "layer " + l + " entry " + k);
                assertTrue(plain[k] != 0.0);
            }
        }
    }

    @Test
    void uniformStatistics() {
        // 64 x 64 hidden weights: n = 4160 draws of U(-b, b); mean 0 (sd b/sqrt(3n) ~ 0.009 b),
        // variance b^2/3 (sd of the sample variance ~ b^2 sqrt(4/45/n) ~ 0.0046 b^2); 5-sigma bands.
        MlpSpec spec = new MlpSpec(1, 64, 2, Activation.TANH);
        double[] theta = MlpInit.init(spec, 1.0, 7);
        int start = spec.weightOffset(1);
        int n = spec.layerSize(1);
        double b = 1.0 / 8.0;
        double[] layer = Arrays.copyOfRange(theta, start, start + n);
        double mean = Arrays.stream(layer).average().orElseThrow();
        double var = Arrays.stream(layer).map(v -> (v - mean) * (v - mean)).sum() / (n - 1);
        assertEquals(0.0, mean, 5 * b / Math.sqrt(3.0 * n));
        assertEquals(b * b / 3, var, 5 * b * b * Math.sqrt(4.0 / 45.0 / n));
        double max = Arrays.stream(layer).map(Math::abs).max().orElseThrow();
        assertTrue(max > 0.95 * b, "draws fill the interval: max |w| = " + max);
    }

    @Test
    void deterministicPerSeed() {
        MlpSpec spec = new MlpSpec(2, 8, 2, Activation.TANH);
        assertArrayEquals(MlpInit.init(spec, 1e-3, 5), MlpInit.init(spec, 1e-3, 5));
        assertFalse(Arrays.equals(MlpInit.init(spec, 1e-3, 5), MlpInit.init(spec, 1e-3, 6)));
        assertEquals(spec.numParams(), MlpInit.init(spec, 1e-3, 5).length);
    }
}
