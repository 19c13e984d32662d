package org.neuralode.train;

import java.util.ArrayList;
import java.util.List;
import org.neuralode.data.Dataset;
import org.neuralode.nn.NeuralOde;
import org.neuralode.ode.SolverOptions;

/**
 * Trains a neural ODE through a strategy of phases on one thread (CATALAX.md section 6): per phase a
 * fresh AdaBelief, permutation batches, prefix {@code length}, monitoring every {@code printEvery} steps
 * and at each phase's last step. Reproducible from {@code seed}. Stateless apart from its settings.
 *
 * <p>An update whose loss or gradient is not finite, or whose solves fail, is skipped and counted; after
 * {@code maxFailures} consecutive skips a {@link TrainingDivergedException} carries the last good model.
 */
public final class Trainer {

    private final SolverOptions solver;
    private final int printEvery;
    private final long seed;
    private final int maxFailures;

    /**
     * @param solver      solver settings for training and monitoring
     * @param printEvery  steps between monitoring points (>= 1)
     * @param seed        seed of the batch permutations
     * @param maxFailures consecutive skipped updates that stop the run
     */
    public Trainer(SolverOptions solver, int printEvery, long seed, int maxFailures) {
        this.solver = solver;
        this.printEvery = printEvery;
        this.seed = seed;
        this.maxFailures = maxFailures;
    }

    /**
     * Trains {@code initial} on {@code train}, monitoring {@code validation} (may be null).
     *
     * @throws TrainingDivergedException after {@code maxFailures} consecutive skipped updates
     */
    public TrainResult train(NeuralOde initial, Dataset train, Dataset validation, Strategy strategy,
                             TrainingListener listener) {
        TrajectorySet tr = TrajectorySet.of(train, initial.states());
        TrajectorySet va = validation == null ? null : TrajectorySet.of(validation, initial.states());
        LossEvaluator eval = new LossEvaluator(initial.vectorField(), solver);
        Run run = new Run(initial.theta().clone(), strategy.phases().size());
        for (int p = 0; p < strategy.phases().size(); p++) {
            Phase phase = strategy.phases().get(p);
            if (phase.batchSize() > tr.size()) {
                throw new IllegalArgumentException("phase " + (p + 1) + ": batch_size " + phase.batchSize()
                        + " exceeds the " + tr.size() + " training measurements");
            }
            listener.phaseStarted(p + 1, phase);
            runPhase(p, phase, tr, va, eval, run, initial, listener);
            run.phaseOffset += phase.steps();
            listener.phaseFinished(p + 1, phase, initial.withTheta(run.theta.clone()));
        }
        return run.result(initial);
    }

    private void runPhase(int p, Phase phase, TrajectorySet tr, TrajectorySet va, LossEvaluator eval,
                          Run run, NeuralOde initial, TrainingListener listener) {
        AdaBelief opt = new AdaBelief(phase.lr(), run.theta.length);
        BatchSampler sampler = new BatchSampler(tr.size(), phase.batchSize(), phaseSeed(p));
        double[] grad = new double[run.theta.length];
        double[] candidate = new double[run.theta.length];
        for (int step = 0; step < phase.steps(); step++) {
            long t0 = System.nanoTime();
            long accepted = eval.workspace().acceptedSteps();
            long rejected = eval.workspace().rejectedSteps();
            LossStats stats = eval.lossAndGradient(run.theta, tr, sampler.next(), phase.batchSize(), phase,
                    grad);
            run.solverSteps += eval.workspace().acceptedSteps() - accepted;
            run.rejectedSteps += eval.workspace().rejectedSteps() - rejected;
            boolean ok = stats.failures() == 0 && Double.isFinite(stats.loss()) && allFinite(grad);
            if (ok) {
                System.arraycopy(run.theta, 0, candidate, 0, candidate.length);
                opt.step(candidate, grad);
                ok = allFinite(candidate);
            }
            if (ok) {
                System.arraycopy(candidate, 0, run.theta, 0, candidate.length);
                run.consecutiveFailures = 0;
            } else {
                run.failed(stats, p, step, maxFailures, initial);
            }
            run.phaseNanos[p] += System.nanoTime() - t0;
            run.trajectories += phase.batchSize();
            listener.stepFinished(p + 1, step, !ok);
            if (step % printEvery == 0 || step == phase.steps() - 1) {
                listener.monitored(run.monitor(eval, tr, va, phase, p, step));
            }
        }
    }

    private long phaseSeed(int p) {
        return seed * 0x9E3779B97F4A7C15L + p;
    }

    private static boolean allFinite(double[] v) {
        for (double x : v) {
            if (!Double.isFinite(x)) {
                return false;
            }
        }
        return true;
    }

    /** Mutable state of one run. */
    private static final class Run {
        final double[] theta;
        final long[] phaseNanos;
        final List<ProgressRow> history = new ArrayList<>();
        long monitorNanos;
        long trajectories;
        int failedSteps;
        int consecutiveFailures;
        int phaseOffset;
        long solverSteps;
        long rejectedSteps;

        Run(double[] theta, int phases) {
            this.theta = theta;
            this.phaseNanos = new long[phases];
        }

        ProgressRow monitor(LossEvaluator eval, TrajectorySet tr, TrajectorySet va, Phase phase, int p,
                            int step) {
            long t0 = System.nanoTime();
            LossStats t = eval.loss(theta, tr, null, tr.size(), phase.length());
            LossStats v = va == null ? null : eval.loss(theta, va, null, va.size(), phase.length());
            ProgressRow row = new ProgressRow(p + 1, step, phaseOffset + step, t.loss(), t.mae(),
                    v == null ? Double.NaN : v.loss(), v == null ? Double.NaN : v.mae(), failedSteps);
            history.add(row);
            monitorNanos += System.nanoTime() - t0;
            return row;
        }

        void failed(LossStats stats, int p, int step, int maxFailures, NeuralOde initial) {
            failedSteps++;
            consecutiveFailures++;
            if (consecutiveFailures >= maxFailures) {
                String why = stats.failures() > 0 ? "solver status " + stats.firstFailure()
                        : "non-finite loss or gradient";
                throw new TrainingDivergedException("training diverged: " + consecutiveFailures
                        + " consecutive updates failed (last at phase " + (p + 1) + ", step " + step + ": "
                        + why + ")", result(initial));
            }
        }

        TrainResult result(NeuralOde initial) {
            double[] seconds = new double[phaseNanos.length];
            for (int i = 0; i < seconds.length; i++) {
                seconds[i] = phaseNanos[i] * 1e-9;
            }
            return new TrainResult(initial.withTheta(theta.clone()), List.copyOf(history), seconds,
                    monitorNanos * 1e-9, failedSteps, solverSteps, rejectedSteps, trajectories);
        }
    }
}
