package org.neuralode.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.neuralode.ode.VectorField;

/** A vjp from the tape of an earlier evaluation is bit-identical to one that recomputes the forward pass. */
class MlpTapeTest {

    @ParameterizedTest
    @CsvSource({"1, 16, 1, selu", "2, 4, 2, celu", "3, 5, 0, tanh", "1, 8, 3, gelu"})
    void tapedVjpEqualsRecomputedVjp(int s, int width, int depth, String act) {
        MlpSpec spec = new MlpSpec(s, width, depth, Activation.byName(act));
        double[] theta = MlpInit.init(spec, 0.7, 5);
        VectorField.Evaluator f = new MlpField(spec, 50.0).newEvaluator();
        SplittableRandom rng = new SplittableRandom(9);
        double[] tape = new double[3 + 2 * f.tapeSize()];
        for (int trial = 0; trial < 20; trial++) {
            double t = rng.nextDouble(0, 50);
            double[] y = rng.doubles(s, -3, 3).toArray();
            double[] cot = rng.doubles(s, -1, 1).toArray();
            double[] out = new double[s];
            f.eval(t, y, 0, theta, out, 0, tape, 3);
            double[] plain = new double[s];
            f.eval(t, y, 0, theta, plain, 0);
            assertArrayEquals(plain, out, 0.0);
            f.eval(t + 1, new double[s], 0, theta, new double[s], 0); // disturb the evaluator's buffers
            double[] yBarA = new double[s];
            double[] thA = new double[theta.length];
            double[] yBarB = new double[s];
            double[] thB = new double[theta.length];
            f.vjp(t, y, 0, theta, cot, 0, yBarA, 0, thA, tape, 3);
            f.vjp(t, y, 0, theta, cot, 0, yBarB, 0, thB);
            assertArrayEquals(yBarB, yBarA, 0.0);
            assertArrayEquals(thB, thA, 0.0);
        }
        assertEquals(s + 1 + 2 * width * depth, f.tapeSize());
    }
}
