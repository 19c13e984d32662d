package org.neuralode.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.neuralode.nn.Activation;
import org.neuralode.nn.MlpInit;
import org.neuralode.nn.MlpSpec;
import org.neuralode.nn.NeuralOde;
import org.neuralode.nn.batch.JvmBatchField;
import org.neuralode.ode.Solver;
import org.neuralode.ode.SolverOptions;
import org.neuralode.ode.SolverWorkspace;
import org.neuralode.ode.Tableaus;
import org.neuralode.ode.TrainableField;
import org.neuralode.ode.VectorField;

/**
 * The batch loss gradient (data term through the adaptive solver + penalties) against central finite
 * differences of the same discrete computation: each trajectory's accepted step sequence is recorded once
 * and replayed for the perturbed parameters, so the finite differences see exactly the function the
 * adjoint differentiates.
 */
class LossGradientTest {

    @ParameterizedTest(name = "depth {0}, {1}, length {2}, alpha {3}, l1 {4}, {5}, saveat {6}")
    @CsvSource({
        "0, tanh, 1.0, 0.0, 0.0, tsit5, dense",
        "1, selu, 0.5, 0.1, 0.0, tsit5, dense",
        "2, celu, 0.3, 0.01, 0.001, tsit5, dense",
        "3, softplus, 1.0, 0.0, 0.01, tsit5, dense",
        "0, tanh, 1.0, 0.0, 0.0, tsit5, land",
        "3, celu, 1.0, 0.01, 0.0, tsit5, land",
        "0, selu, 1.0, 0.0, 0.0, dopri5, dense",
        "1, tanh, 0.7, 0.0, 0.001, dopri5, dense",
        "2, celu, 1.0, 0.01, 0.0, dopri5, dense",
        "3, softplus, 1.0, 0.0, 0.01, dopri5, dense",
        "2, softplus, 1.0, 0.0, 0.0, dopri5, land",
        "2, gelu, 0.7, 0.05, 0.0, rk4, dense",
        "1, sigmoid, 0.2, 0.0, 0.0, euler, dense",
        "2, mish, 1.0, 0.001, 0.001, tsit5, dense",
        "1, rbf, 0.5, 0.01, 0.001, tsit5, dense",
        "3, rbf, 1.0, 0.0, 0.0, dopri5, land",
    })
    void gradientMatchesFiniteDifferences(int depth, String act, double length, double alpha, double l1,
                                          String solverName, String saveAt) {
        SplittableRandom rng = new SplittableRandom(depth * 31L + act.hashCode());
        MlpSpec spec = TestTrajectories.spec(2, 5, depth, act);
        double tMax = 10.0;
        double[] theta = MlpInit.init(spec, 0.5, 3);
        NeuralOde model = new NeuralOde(TestTrajectories.STATES2, spec, tMax, theta);
        TrajectorySet data = TrajectorySet.of(TestTrajectories.dataset(rng), TestTrajectories.STATES2);
        Phase phase = new Phase(1e-3, 1, 4, length, alpha, l1);
        SolverOptions opts = new SolverOptions(Tableaus.byName(solverName), 1e-4, 1e-7, 4096, 0.3,
                SolverOptions.SaveAt.byName(saveAt));
        int[] batch = {0, 2, 3, 1};

        double[] grad = new double[theta.length];
        LossStats stats = new LossEvaluator(model, opts).lossAndGradient(theta, data, batch, 4, phase, grad);
        assertEquals(0, stats.failures());

        Replayed replay = new Replayed(model, opts, data, batch, phase, theta);
        if (opts.interpolates() && length == 1.0) {
            assertTrue(replay.interiorOutputs() > 0, "some outputs are interpolated inside a step");
        }
        assertEquals(stats.loss() + model.penalty(theta, alpha, l1), replay.loss(theta), 1e-13,
                "replay reproduces the loss");
        assertMatchesFiniteDifferences(replay, theta, grad);
    }

    /**
     * Temporal dropout: with a fixed step seed the loss is a deterministic function of theta over the points
     * left in, and its gradient (both engines) matches central differences of that function.
     */
    @Test
    void gradientWithTemporalDropoutMatchesFiniteDifferences() {
        SplittableRandom rng = new SplittableRandom(99);
        MlpSpec spec = new MlpSpec(2, 5, 2, Activation.byName("tanh"));
        double[] theta = MlpInit.init(spec, 0.5, 3);
        NeuralOde model = new NeuralOde(TestTrajectories.STATES2, spec, 10.0, theta);
        TrajectorySet data = TrajectorySet.of(TestTrajectories.dataset(rng), TestTrajectories.STATES2);
        Phase phase = new Phase(1e-3, 1, 4, 1.0, 0.01, 0.0, 0.4);
        SolverOptions opts = new SolverOptions(Tableaus.TSIT5, 1e-4, 1e-7, 4096, 0.3);
        int[] batch = {0, 2, 3, 1};
        long seed = 12345;
        double[] grad = new double[theta.length];
        LossStats stats = new LossEvaluator(model, opts).lossAndGradient(theta, data, batch, 4, phase, seed, grad);
        BatchTargets targets = new BatchTargets();
        targets.prepare(data, batch, 4, phase, seed);
        long all = LossStats.observedPoints(data, batch, 4, 1.0);
        assertTrue(targets.points() < all && targets.points() > all / 3, targets.points() + " of " + all + " kept");
        assertEquals(targets.points(), stats.points());

        Replayed replay = new Replayed(model, opts, data, batch, phase, theta);
        replay.targets = targets;
        assertEquals(stats.loss() + model.penalty(theta, 0.01, 0.0), replay.loss(theta), 1e-13);
        assertMatchesFiniteDifferences(replay, theta, grad);

        double[] batched = new double[theta.length];
        new BatchLossEvaluator(model, new JvmBatchField(spec, 10.0), opts)
                .lossAndGradient(theta, data, batch, 4, phase, seed, batched);
        for (int j = 0; j < theta.length; j++) {
            assertEquals(grad[j], batched[j], 1e-9 * Math.max(1e-3, Math.abs(grad[j])), "batch engine " + j);
        }
        double other = new LossEvaluator(model, opts).lossAndGradient(theta, data, batch, 4, phase, seed + 1,
                new double[theta.length]).loss();
        assertTrue(other != stats.loss(), "another step seed leaves other points out");
    }

    private static void assertMatchesFiniteDifferences(Replayed replay, double[] theta, double[] grad) {
        for (int j = 0; j < theta.length; j++) {
            // h = 1e-6 * max(1,|theta|): truncation O(h^2 f''') ~ 1e-12, rounding ~ 1e-16/h ~ 1e-10 of the
            // loss; the tolerance 1e-6 relative (floor 1e-9 absolute for near-zero components) leaves room.
            double h = 1e-6 * Math.max(1.0, Math.abs(theta[j]));
            double[] tp = theta.clone();
            double[] tm = theta.clone();
            tp[j] += h;
            tm[j] -= h;
            double fd = (replay.loss(tp) - replay.loss(tm)) / (2 * h);
            double err = Math.abs(fd - grad[j]);
            assertTrue(err <= 1e-6 * Math.abs(fd) + 1e-9,
                    "dL/dtheta[" + j + "]: adjoint " + grad[j] + " vs FD " + fd);
        }
    }

    /** The batch loss as a function of theta over the recorded step sequences. */
    private static final class Replayed {
        final TrainableField model;
        final Solver solver;
        final VectorField.Evaluator f;
        final TrajectorySet data;
        final int[] batch;
        final Phase phase;
        final SolverWorkspace[] ws;
        /** The step's observations (temporal dropout), or null for the trajectories' own. */
        BatchTargets targets;

        Replayed(TrainableField model, SolverOptions opts, TrajectorySet data, int[] batch, Phase phase,
                 double[] theta) {
            VectorField field = model.vectorField();
            this.model = model;
            this.solver = new Solver(opts);
            this.f = field.newEvaluator();
            this.data = data;
            this.batch = batch;
            this.phase = phase;
            this.ws = new SolverWorkspace[batch.length];
            for (int b = 0; b < batch.length; b++) {
                ws[b] = new SolverWorkspace(field.dim(), field.numParams());
                double[] t = data.times(batch[b]);
                int keep = phase.keep(t.length);
                assertTrue(solver.solve(f, theta, data.y0(batch[b]), t[0], t, keep, new double[keep * 2], ws[b])
                        .ok());
            }
        }

        /** Outputs that lie strictly inside a recorded step (interpolated with dense output). */
        int interiorOutputs() {
            int count = 0;
            for (int b = 0; b < batch.length; b++) {
                double[] t = data.times(batch[b]);
                for (int j = 0; j < ws[b].recordedSteps(); j++) {
                    double from = ws[b].stepTime(j);
                    double to = from + ws[b].stepSize(j);
                    for (int k = 0; k < phase.keep(t.length); k++) {
                        count += t[k] > from && t[k] < to ? 1 : 0;
                    }
                }
            }
            return count;
        }

        double loss(double[] theta) {
            double sum = 0;
            long n = 0;
            for (int b = 0; b < batch.length; b++) {
                int i = batch[b];
                int keep = phase.keep(data.times(i).length);
                double[] out = new double[keep * 2];
                assertTrue(solver.replay(f, theta, data.y0(i), out, ws[b]).ok());
                for (int j = 0; j < keep * 2; j++) {
                    double y = targets == null ? data.observed(i)[j] : targets.observed(b)[j];
                    if (!Double.isNaN(y)) {
                        sum += 0.5 * (out[j] - y) * (out[j] - y);
                        n++;
                    }
                }
            }
            return sum / n + model.penalty(theta, phase.alpha(), phase.l1());
        }
    }
}
