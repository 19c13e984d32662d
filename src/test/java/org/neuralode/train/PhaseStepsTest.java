package org.neuralode.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.neuralode.nn.Activation;
import org.neuralode.nn.MlpInit;
import org.neuralode.nn.MlpSpec;
import org.neuralode.nn.NeuralOde;
import org.neuralode.ode.SolverOptions;
import org.neuralode.ode.Tableaus;

/** The norms a step reports: of the full gradient (penalties included) at its batch, and of its update. */
class PhaseStepsTest {

    @Test
    void normsAreThoseOfTheStepsGradientAndUpdate() {
        MlpSpec spec = new MlpSpec(2, 5, 1, Activation.TANH);
        NeuralOde model = new NeuralOde(TestTrajectories.STATES2, spec, 10.0, MlpInit.init(spec, 0.5, 3));
        TrajectorySet data = TrajectorySet.of(TestTrajectories.dataset(new SplittableRandom(1)),
                TestTrajectories.STATES2);
        Phase phase = new Phase(1e-2, 3, 2, 0.5, 0.1, 0.01);
        SolverOptions opts = new SolverOptions(Tableaus.TSIT5, 1e-4, 1e-7, 4096, Double.NaN);
        double[] theta = model.theta();
        PhaseSteps steps = new PhaseSteps(new LossEvaluator(model, opts), data, phase, 2,
                new BatchSampler(data.size(), 2, 7), new AdaBelief(phase.lr(), theta.length), theta,
                new StepCounts(0), 3);
        BatchSampler same = new BatchSampler(data.size(), 2, 7);
        LossEvaluator check = new LossEvaluator(model, opts);
        for (int i = 0; i < 3; i++) {
            double[] before = theta.clone();
            double[] grad = new double[theta.length];
            check.lossAndGradient(before, data, same.next(), 2, phase, grad);
            assertTrue(steps.step());
            assertEquals(PhaseSteps.norm(grad), steps.gradNorm(), 0.0);
            double[] update = new double[theta.length];
            for (int j = 0; j < theta.length; j++) {
                update[j] = theta[j] - before[j];
            }
            assertEquals(PhaseSteps.norm(update), steps.updateNorm(), 0.0);
            assertTrue(steps.updateNorm() > 0);
        }
        assertEquals(5.0, PhaseSteps.norm(new double[] {3, 4}), 0.0);
    }
}
