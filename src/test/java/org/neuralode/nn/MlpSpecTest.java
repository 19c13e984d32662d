package org.neuralode.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class MlpSpecTest {

    @Test
    void catalaxReferenceArchitectureHas36Parameters() {
        MlpSpec spec = new MlpSpec(1, 4, 2, Activation.CELU);
        assertEquals(36, spec.numParams());
        assertEquals(3, spec.numLayers());
        assertArrayEquals(new int[] {4, 2}, spec.weightShape(0));
        assertArrayEquals(new int[] {4, 4}, spec.weightShape(1));
        assertArrayEquals(new int[] {1, 4}, spec.weightShape(2));
        assertEquals(0, spec.weightOffset(0));
        assertEquals(8, spec.biasOffset(0));
        assertEquals(12, spec.weightOffset(1));
        assertEquals(28, spec.biasOffset(1));
        assertEquals(32, spec.weightOffset(2));
        assertEquals(-1, spec.biasOffset(2));
        assertFalse(spec.hasBias(2));
        assertTrue(spec.hasBias(1));
    }

    @Test
    void layerSizesSumToNumParams() {
        for (int s = 1; s <= 3; s++) {
            for (int depth = 0; depth <= 3; depth++) {
                for (boolean fb : new boolean[] {false, true}) {
                    MlpSpec spec = new MlpSpec(s, 5, depth, Activation.TANH, fb);
                    int sum = 0;
                    for (int l = 0; l < spec.numLayers(); l++) {
                        assertEquals(sum, spec.weightOffset(l));
                        sum += spec.layerSize(l);
                    }
                    assertEquals(sum, spec.numParams(), spec.toString());
                }
            }
        }
    }

    @Test
    void depthZeroIsOneLinearLayer() {
        MlpSpec spec = new MlpSpec(2, 7, 0, Activation.TANH, false);
        assertEquals(6, spec.numParams());
        assertArrayEquals(new int[] {2, 3}, spec.weightShape(0));
        assertEquals(8, new MlpSpec(2, 7, 0, Activation.TANH, true).numParams());
    }

    @Test
    void rejectsBadSizes() {
        assertThrows(IllegalArgumentException.class, () -> new MlpSpec(0, 4, 2, Activation.TANH));
        assertThrows(IllegalArgumentException.class, () -> new MlpSpec(1, 0, 2, Activation.TANH));
        assertThrows(IllegalArgumentException.class, () -> new MlpSpec(1, 4, -1, Activation.TANH));
        assertThrows(NullPointerException.class, () -> new MlpSpec(1, 4, 1, null));
        assertThrows(IndexOutOfBoundsException.class, () -> new MlpSpec(1, 4, 1, Activation.TANH).in(2));
    }
}
