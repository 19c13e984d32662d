package org.neuralode.bench;

import java.util.List;
import java.util.Map;
import org.neuralode.ode.SolverOptions;
import org.neuralode.ode.SolverWorkspace;
import org.neuralode.ode.TrainableField;
import org.neuralode.ode.VectorField;
import org.neuralode.train.LossEvaluator;
import org.neuralode.train.Phase;
import org.neuralode.train.TrajectorySet;

/**
 * Where a training step's time goes: a separate pass of {@code steps} loss-and-gradient evaluations
 * ({@link LossEvaluator}, batches of consecutive trajectories) in which every vector-field call is timed,
 * so that the timed training run itself stays uninstrumented. Reports field evaluations and
 * vector-Jacobian products per step (the solver workspace's counters) and the share of the pass spent
 * inside the field (forward and vjp) as opposed to the solver's own work (stage combinations, error
 * control, dense output, the adjoint's bookkeeping) and the loss.
 *
 * <p>Each timed call costs two {@link System#nanoTime()} readings; their cost, measured beforehand, is
 * subtracted (half of it from the field's time, all of it from the pass's), so the share is an estimate
 * good to a few percent.
 *
 * @param evaluationsPerStep field evaluations per gradient step (forward solves)
 * @param vjpsPerStep        vector-Jacobian products per gradient step (reverse sweeps)
 * @param fieldShare         fraction of the pass's time spent in the field, in [0, 1]
 */
public record FieldProfile(double evaluationsPerStep, double vjpsPerStep, double fieldShare) {

    /**
     * Profiles {@code steps} gradient evaluations of {@code model} on {@code data} with {@code phase}'s batch
     * size, prefix length and penalties.
     */
    public static FieldProfile run(TrainableField model, TrajectorySet data, SolverOptions solver, Phase phase,
                                   int steps) {
        long[] nanos = new long[1];
        LossEvaluator eval = new LossEvaluator(new Timed(model, nanos), solver);
        int batch = Math.min(phase.batchSize(), data.size());
        int[] idx = new int[batch];
        double[] theta = model.theta();
        double[] grad = new double[theta.length];
        int next = 0;
        double overhead = timerCost();
        long start = System.nanoTime();
        for (int s = 0; s < steps; s++) {
            for (int b = 0; b < batch; b++) {
                idx[b] = next;
                next = (next + 1) % data.size();
            }
            eval.lossAndGradient(theta, data, idx, batch, phase, grad);
        }
        long total = System.nanoTime() - start;
        SolverWorkspace ws = eval.workspace();
        long calls = ws.evaluations() + ws.vjpEvaluations();
        double field = nanos[0] - 0.5 * overhead * calls;
        double share = Math.max(0, Math.min(1, field / (total - overhead * calls)));
        return new FieldProfile((double) ws.evaluations() / steps, (double) ws.vjpEvaluations() / steps, share);
    }

    /** Median cost of a pair of {@link System#nanoTime()} readings, in nanoseconds. */
    private static double timerCost() {
        double[] samples = new double[7];
        int n = 200_000;
        long sink = 0;
        for (int r = 0; r < samples.length; r++) {
            long t0 = System.nanoTime();
            for (int i = 0; i < n; i++) {
                sink += System.nanoTime() - System.nanoTime();
            }
            samples[r] = (double) (System.nanoTime() - t0 + (sink & 1)) / n;
        }
        java.util.Arrays.sort(samples);
        return samples[samples.length / 2];
    }

    /** The model with its vector field's calls timed into {@code nanos[0]}. */
    private record Timed(TrainableField model, long[] nanos) implements TrainableField {

        @Override
        public List<String> states() {
            return model.states();
        }

        @Override
        public int numParams() {
            return model.numParams();
        }

        @Override
        public double[] theta() {
            return model.theta();
        }

        @Override
        public TrainableField withTheta(double[] theta) {
            return new Timed(model.withTheta(theta), nanos);
        }

        @Override
        public Map<String, Double> namedParameters() {
            return model.namedParameters();
        }

        @Override
        public double penalty(double[] theta, double alpha, double l1) {
            return model.penalty(theta, alpha, l1);
        }

        @Override
        public void addPenaltyGradient(double[] theta, double alpha, double l1, double[] grad) {
            model.addPenaltyGradient(theta, alpha, l1, grad);
        }

        @Override
        public VectorField vectorField() {
            VectorField f = model.vectorField();
            return new VectorField() {
                @Override
                public int dim() {
                    return f.dim();
                }

                @Override
                public int numParams() {
                    return f.numParams();
                }

                @Override
                public Evaluator newEvaluator() {
                    return new TimedEvaluator(f.newEvaluator(), nanos);
                }
            };
        }
    }

    /** Delegates every call (taped or not) and adds its duration to {@code nanos[0]}. */
    private record TimedEvaluator(VectorField.Evaluator f, long[] nanos) implements VectorField.Evaluator {

        @Override
        public void eval(double t, double[] y, int yOff, double[] theta, double[] out, int outOff) {
            long t0 = System.nanoTime();
            f.eval(t, y, yOff, theta, out, outOff);
            nanos[0] += System.nanoTime() - t0;
        }

        @Override
        public void vjp(double t, double[] y, int yOff, double[] theta, double[] cot, int cotOff, double[] yBar,
                        int yBarOff, double[] thetaBar) {
            long t0 = System.nanoTime();
            f.vjp(t, y, yOff, theta, cot, cotOff, yBar, yBarOff, thetaBar);
            nanos[0] += System.nanoTime() - t0;
        }

        @Override
        public int tapeSize() {
            return f.tapeSize();
        }

        @Override
        public void eval(double t, double[] y, int yOff, double[] theta, double[] out, int outOff, double[] tape,
                         int tapeOff) {
            long t0 = System.nanoTime();
            f.eval(t, y, yOff, theta, out, outOff, tape, tapeOff);
            nanos[0] += System.nanoTime() - t0;
        }

        @Override
        public void vjp(double t, double[] y, int yOff, double[] theta, double[] cot, int cotOff, double[] yBar,
                        int yBarOff, double[] thetaBar, double[] tape, int tapeOff) {
            long t0 = System.nanoTime();
            f.vjp(t, y, yOff, theta, cot, cotOff, yBar, yBarOff, thetaBar, tape, tapeOff);
            nanos[0] += System.nanoTime() - t0;
        }
    }
}
