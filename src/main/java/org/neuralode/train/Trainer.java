package org.neuralode.train;

import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;
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
 *
 * <p>The optimiser steps themselves are {@link PhaseSteps}, which the Spark parameter-averaging backend
 * runs on every shard, so local and distributed training share one step loop.
 */
public final class Trainer {

    private final SolverOptions solver;
    private final int printEvery;
    private final long seed;
    private final int maxFailures;
    private final Engine engine;
    private final BooleanSupplier stop;

    /**
     * A trainer with the {@link Engine#AUTO} engine that never stops early.
     *
     * @param solver      solver settings for training and monitoring
     * @param printEvery  steps between monitoring points (>= 1)
     * @param seed        seed of the batch permutations
     * @param maxFailures consecutive skipped updates that stop the run
     */
    public Trainer(SolverOptions solver, int printEvery, long seed, int maxFailures) {
        this(solver, printEvery, seed, maxFailures, Engine.AUTO, () -> false);
    }

    /**
     * @param engine which engine computes loss and gradient
     * @param stop   polled before every step; when true, training ends with a
     *               {@link TrainingInterruptedException} carrying the last completed model
     */
    public Trainer(SolverOptions solver, int printEvery, long seed, int maxFailures, Engine engine,
                   BooleanSupplier stop) {
        this.solver = solver;
        this.printEvery = printEvery;
        this.seed = seed;
        this.maxFailures = maxFailures;
        this.engine = engine;
        this.stop = stop;
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
        int rows = strategy.phases().stream().mapToInt(Phase::batchSize).max().orElse(1);
        LossFunction eval = engine.create(initial, solver, rows);
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

    private void runPhase(int p, Phase phase, TrajectorySet tr, TrajectorySet va, LossFunction eval,
                          Run run, NeuralOde initial, TrainingListener listener) {
        BatchSampler sampler = new BatchSampler(tr.size(), phase.batchSize(), samplerSeed(seed, p, 0));
        PhaseSteps steps = new PhaseSteps(eval, tr, phase, phase.batchSize(), sampler,
                new AdaBelief(phase.lr(), run.theta.length), run.theta, run.counts, maxFailures);
        for (int step = 0; step < phase.steps(); step++) {
            if (stop.getAsBoolean()) {
                throw new TrainingInterruptedException("training stopped on request before phase " + (p + 1)
                        + ", step " + step, run.result(initial));
            }
            long t0 = System.nanoTime();
            boolean ok = steps.step();
            if (steps.diverged()) {
                System.arraycopy(steps.lastGood(), 0, run.theta, 0, run.theta.length);
                throw new TrainingDivergedException(steps.divergenceMessage(p, step), run.result(initial));
            }
            run.phaseNanos[p] += System.nanoTime() - t0;
            listener.stepFinished(p + 1, step, !ok);
            if (monitorsAt(step, phase.steps(), printEvery)) {
                listener.monitored(run.monitor(eval, tr, va, phase, p, step));
            }
        }
    }

    /**
     * Seed of the batch sampler of phase {@code phase} (0-based) on shard {@code partition}: local
     * training is shard 0, so a one-partition Spark run draws exactly the local batches.
     */
    public static long samplerSeed(long seed, int phase, int partition) {
        return seed * 0x9E3779B97F4A7C15L + phase + partition * 0xBF58476D1CE4E5B9L;
    }

    /** Whether step {@code step} (0-based) of a phase of {@code steps} steps is a monitoring point. */
    public static boolean monitorsAt(int step, int steps, int printEvery) {
        return step % printEvery == 0 || step == steps - 1;
    }

    /** Mutable state of one run. */
    private static final class Run {
        final double[] theta;
        final long[] phaseNanos;
        final List<ProgressRow> history = new ArrayList<>();
        final StepCounts counts = new StepCounts(0);
        long monitorNanos;
        int phaseOffset;

        Run(double[] theta, int phases) {
            this.theta = theta;
            this.phaseNanos = new long[phases];
        }

        ProgressRow monitor(LossFunction eval, TrajectorySet tr, TrajectorySet va, Phase phase, int p,
                            int step) {
            long t0 = System.nanoTime();
            LossStats t = eval.loss(theta, tr, null, tr.size(), phase.length());
            LossStats v = va == null ? null : eval.loss(theta, va, null, va.size(), phase.length());
            ProgressRow row = new ProgressRow(p + 1, step, phaseOffset + step, t.loss(), t.mae(),
                    v == null ? Double.NaN : v.loss(), v == null ? Double.NaN : v.mae(), counts.failedSteps());
            history.add(row);
            monitorNanos += System.nanoTime() - t0;
            return row;
        }

        TrainResult result(NeuralOde initial) {
            double[] seconds = new double[phaseNanos.length];
            for (int i = 0; i < seconds.length; i++) {
                seconds[i] = phaseNanos[i] * 1e-9;
            }
            return new TrainResult(initial.withTheta(theta.clone()), List.copyOf(history), seconds,
                    monitorNanos * 1e-9, counts.failedSteps(), counts.solverSteps(), counts.rejectedSteps(),
                    counts.trajectories());
        }
    }

    /**
     * Running counts of optimiser steps: skipped updates (in total and the current streak), solver steps
     * and trajectory solves. Mutable; one per run or per Spark task; not thread-safe.
     */
    public static final class StepCounts {
        private int failedSteps;
        private int consecutiveFailures;
        private long solverSteps;
        private long rejectedSteps;
        private long trajectories;

        /** Zero counts that continue a streak of {@code consecutiveFailures} skipped updates. */
        public StepCounts(int consecutiveFailures) {
            this.consecutiveFailures = consecutiveFailures;
        }

        /** Updates skipped so far. */
        public int failedSteps() {
            return failedSteps;
        }

        /** Length of the current streak of skipped updates (0 after an applied one). */
        public int consecutiveFailures() {
            return consecutiveFailures;
        }

        /** Accepted solver steps of the forward solves. */
        public long solverSteps() {
            return solverSteps;
        }

        /** Rejected solver steps of the forward solves. */
        public long rejectedSteps() {
            return rejectedSteps;
        }

        /** Trajectory solves of the steps that did not end the run. */
        public long trajectories() {
            return trajectories;
        }
    }

    /**
     * Consecutive optimiser steps of one phase on one training set, updating {@code theta} in place:
     * per step a batch from the sampler, loss and gradient, an AdaBelief update; a step whose loss,
     * gradient or updated parameters are not finite (or whose solves fail) leaves {@code theta} as it was
     * and is counted as skipped. Owns its scratch arrays; one instance per thread.
     */
    public static final class PhaseSteps {
        private final LossFunction eval;
        private final TrajectorySet data;
        private final Phase phase;
        private final int batchSize;
        private final BatchSampler sampler;
        private final AdaBelief opt;
        private final double[] theta;
        private final StepCounts counts;
        private final int maxFailures;
        private final double[] grad;
        private final double[] candidate;
        private final double[] lastGood;
        private LossStats last;

        /**
         * @param eval        loss and gradient (its solver-step counters feed {@code counts})
         * @param data        the training trajectories
         * @param phase       the phase's settings (length, penalties)
         * @param batchSize   trajectories per step, the sampler's batch size
         * @param sampler     batch source, positioned at the next step
         * @param opt         the phase's optimiser state, positioned at the next step
         * @param theta       parameters, updated in place
         * @param counts      counters, updated in place
         * @param maxFailures consecutive skipped updates that make {@link #diverged()} true
         */
        public PhaseSteps(LossFunction eval, TrajectorySet data, Phase phase, int batchSize, BatchSampler sampler,
                          AdaBelief opt, double[] theta, StepCounts counts, int maxFailures) {
            this(eval, data, phase, batchSize, sampler, opt, theta, counts, maxFailures, theta);
        }

        /** As above, continuing from an earlier instance's {@link #lastGood()} (copied). */
        public PhaseSteps(LossFunction eval, TrajectorySet data, Phase phase, int batchSize, BatchSampler sampler,
                          AdaBelief opt, double[] theta, StepCounts counts, int maxFailures, double[] lastGood) {
            this.eval = eval;
            this.data = data;
            this.phase = phase;
            this.batchSize = batchSize;
            this.sampler = sampler;
            this.opt = opt;
            this.theta = theta;
            this.counts = counts;
            this.maxFailures = maxFailures;
            this.grad = new double[theta.length];
            this.candidate = new double[theta.length];
            this.lastGood = lastGood.clone();
        }

        /**
         * Runs one step. After a skipped step that completes a streak of {@code maxFailures},
         * {@link #diverged()} is true and the step's batch is not counted in
         * {@link StepCounts#trajectories()}.
         *
         * @return true if the update was applied, false if it was skipped
         */
        public boolean step() {
            long accepted = eval.acceptedSteps();
            long rejected = eval.rejectedSteps();
            last = eval.lossAndGradient(theta, data, sampler.next(), batchSize, phase, grad);
            counts.solverSteps += eval.acceptedSteps() - accepted;
            counts.rejectedSteps += eval.rejectedSteps() - rejected;
            boolean ok = last.failures() == 0 && Double.isFinite(last.loss()) && allFinite(grad);
            if (ok) {
                System.arraycopy(theta, 0, lastGood, 0, theta.length);
                System.arraycopy(theta, 0, candidate, 0, candidate.length);
                opt.step(candidate, grad);
                ok = allFinite(candidate);
            }
            if (ok) {
                System.arraycopy(candidate, 0, theta, 0, candidate.length);
                counts.consecutiveFailures = 0;
            } else {
                counts.failedSteps++;
                counts.consecutiveFailures++;
            }
            if (!diverged()) {
                counts.trajectories += batchSize;
            }
            return ok;
        }

        /**
         * The last parameters whose loss and gradient were finite with every solve succeeding (the "last good
         * model"; before any such step, the parameters given at construction). Live array.
         */
        public double[] lastGood() {
            return lastGood;
        }

        /** Whether the last step was skipped and the streak of skipped updates has reached {@code maxFailures}. */
        public boolean diverged() {
            return counts.consecutiveFailures > 0 && counts.consecutiveFailures >= maxFailures;
        }

        /** The message of the divergence at {@code step} of phase {@code phase} (both 0-based). */
        public String divergenceMessage(int phase, int step) {
            String why = last != null && last.failures() > 0 ? "solver status " + last.firstFailure()
                    : "non-finite loss or gradient";
            return "training diverged: " + counts.consecutiveFailures + " consecutive updates failed (last at phase "
                    + (phase + 1) + ", step " + step + ": " + why + "); keeping the last model with a finite loss";
        }

        private static boolean allFinite(double[] v) {
            for (double x : v) {
                if (!Double.isFinite(x)) {
                    return false;
                }
            }
            return true;
        }
    }
}
