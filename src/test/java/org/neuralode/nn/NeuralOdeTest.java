package org.neuralode.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

class NeuralOdeTest {

    private static final MlpSpec SPEC = new MlpSpec(2, 3, 1, Activation.TANH);

    @Test
    void isAnImmutableValue() {
        double[] theta = MlpInit.init(SPEC, 1.0, 1);
        NeuralOde m = new NeuralOde(List.of("a", "b"), SPEC, 10.0, theta);
        theta[0] = 99;
        assertNotEquals(99.0, m.theta()[0]);
        m.theta()[0] = 99;
        assertNotEquals(99.0, m.theta()[0]);
        assertEquals(SPEC.numParams(), m.numParams());
        assertEquals(m, new NeuralOde(List.of("a", "b"), SPEC, 10.0, m.theta()));
        NeuralOde other = m.withTheta(new double[SPEC.numParams()]);
        assertArrayEquals(new double[SPEC.numParams()], other.theta());
        assertNotEquals(m, other);
        assertEquals(10.0, m.vectorField().tMax());
        assertEquals(2, m.vectorField().dim());
    }

    @Test
    void initialiseUsesMlpInit() {
        NeuralOde m = NeuralOde.initialise(List.of("a", "b"), SPEC, 5.0, 1e-3, 9);
        assertArrayEquals(MlpInit.init(SPEC, 1e-3, 9), m.theta());
    }

    @Test
    void rejectsInconsistentValues() {
        double[] theta = new double[SPEC.numParams()];
        assertThrows(IllegalArgumentException.class, () -> new NeuralOde(List.of("a"), SPEC, 1.0, theta));
        assertThrows(IllegalArgumentException.class, () -> new NeuralOde(List.of("b", "a"), SPEC, 1.0, theta));
        assertThrows(IllegalArgumentException.class, () -> new NeuralOde(List.of("a", "a"), SPEC, 1.0, theta));
        assertThrows(IllegalArgumentException.class, () -> new NeuralOde(List.of("a", "b"), SPEC, 0.0, theta));
        assertThrows(IllegalArgumentException.class,
                () -> new NeuralOde(List.of("a", "b"), SPEC, Double.NaN, theta));
        assertThrows(IllegalArgumentException.class,
                () -> new NeuralOde(List.of("a", "b"), SPEC, 1.0, new double[3]));
    }
}
