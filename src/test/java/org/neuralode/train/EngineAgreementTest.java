package org.neuralode.train;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.neuralode.nn.MlpInit;
import org.neuralode.nn.MlpSpec;
import org.neuralode.nn.NeuralOde;
import org.neuralode.nn.batch.JvmBatchField;
import org.neuralode.nn.batch.Nd4jBatchField;
import org.neuralode.ode.SolverOptions;
import org.neuralode.ode.Tableaus;

/**
 * The three engines compute the same loss and gradient on random inputs: the fused per-trajectory kernel
 * ({@link LossEvaluator}, which {@link LossGradientTest} checks against finite differences), the batched
 * JVM engine and the batched ND4J engine (both through {@link BatchLossEvaluator}). Relative 1e-9: the
 * batched solver takes the same steps; only the summation order of the products differs (ND4J's BLAS).
 */
class EngineAgreementTest {

    @ParameterizedTest(name = "depth {0}, width {1}, {2}, length {3}, saveat {4}")
    @CsvSource({"1, 16, selu, 1.0, dense", "2, 4, celu, 0.3, dense", "0, 8, tanh, 0.5, dense",
        "3, 32, softplus, 1.0, dense", "1, 16, selu, 1.0, land", "2, 8, rbf, 0.5, dense", "3, 32, rbf, 1.0, land"})
    void enginesAgreeOnLossAndGradient(int depth, int width, String act, double length, String saveAt) {
        SplittableRandom rng = new SplittableRandom(width * 7L + depth);
        MlpSpec spec = TestTrajectories.spec(2, width, depth, act);
        double[] theta = MlpInit.init(spec, 0.3, 11);
        TrajectorySet data = TrajectorySet.of(TestTrajectories.dataset(rng), TestTrajectories.STATES2);
        Phase phase = new Phase(1e-3, 1, 4, length, 0.01, 0.001);
        SolverOptions opts = new SolverOptions(Tableaus.TSIT5, 1e-4, 1e-7, 4096, 0.3,
                SolverOptions.SaveAt.byName(saveAt));
        int[] batch = {3, 0, 2, 1};

        double[] reference = new double[theta.length];
        NeuralOde model = new NeuralOde(TestTrajectories.STATES2, spec, 10.0, theta);
        LossStats ref = new LossEvaluator(model, opts)
                .lossAndGradient(theta, data, batch, 4, phase, reference);
        LossFunction[] engines = {
            new BatchLossEvaluator(model, new JvmBatchField(spec, 10.0), opts),
            new BatchLossEvaluator(model, new Nd4jBatchField(spec, 10.0, 8), opts),
        };
        for (LossFunction engine : engines) {
            double[] grad = new double[theta.length];
            LossStats got = engine.lossAndGradient(theta, data, batch, 4, phase, grad);
            assertEquals(ref.loss(), got.loss(), 1e-9 * ref.loss());
            assertEquals(ref.mae(), got.mae(), 1e-9 * ref.mae());
            double scale = 0;
            for (double g : reference) {
                scale = Math.max(scale, Math.abs(g));
            }
            for (int j = 0; j < theta.length; j++) {
                assertEquals(reference[j], grad[j], 1e-9 * scale, engine.getClass().getSimpleName() + " dL/dtheta["
                        + j + "]");
            }
            LossStats all = engine.loss(theta, data, null, data.size(), length);
            LossStats allRef = new LossEvaluator(model, opts).loss(theta, data, null,
                    data.size(), length);
            assertEquals(allRef.loss(), all.loss(), 1e-9 * allRef.loss());
        }
    }
}
