package org.neuralode.spark.avg;

import java.io.Serializable;
import org.neuralode.eval.MetricAccumulator;
import org.neuralode.ode.SolveStatus;
import org.neuralode.ode.Solver;
import org.neuralode.ode.SolverWorkspace;
import org.neuralode.ode.VectorField;
import org.neuralode.train.AdaBelief;
import org.neuralode.train.BatchSampler;
import org.neuralode.train.LossFunction;
import org.neuralode.train.LossStats;
import org.neuralode.train.MonitorSums;
import org.neuralode.train.Phase;
import org.neuralode.train.PhaseSteps;
import org.neuralode.train.StepCounts;
import org.neuralode.train.TrajectorySet;

/**
 * The work one task does on its cached {@link Shard}: a round of local optimiser steps with the local
 * trainer's own {@link PhaseSteps}, a synchronous step's gradient, the monitoring losses, and the training
 * metrics. Training tasks work with their partition's {@link ResidentState} (loss function, buffers, sampler)
 * and never write their inputs. Stateless.
 */
final class ShardTasks {

    /**
     * A shard's metric sums, or the first trajectory whose solve failed.
     *
     * @param sums     the sums (partial when a solve failed)
     * @param failedId id of the failed trajectory, or null
     * @param status   its solve status, or null
     */
    record Metrics(MetricAccumulator sums, String failedId, SolveStatus status) implements Serializable { }

    private ShardTasks() {
    }

    /**
     * Computes the monitoring losses of the round's parameters when asked to, then runs the round's
     * steps on {@code shard} from the round's state and adds the shard's end state to {@code agg}. The
     * batch sampler is the one seeded by {@code (seed, phase, partition)}, positioned past the phase's
     * earlier steps ({@link ResidentState#sampler}), so a partition sees the same batches as if it had run the
     * phase without interruption. Stops early when the shard's streak of skipped updates reaches the limit.
     */
    static RoundSum round(RoundSum agg, Shard shard, RoundInput in, TrainingSetup setup) {
        long t0 = System.nanoTime();
        int part = shard.partition();
        ResidentState state = ResidentState.take(setup, part);
        if (!Double.isNaN(in.monitor())) {
            MonitorSums l = losses(shard, in.theta(), in.monitor(), state.loss());
            agg.addLosses(part, l, System.nanoTime() - t0);
        }
        long t1 = System.nanoTime();
        Phase phase = in.phase();
        int b = batchSize(shard, phase);
        BatchSampler sampler = state.sampler(setup.seed(), part, in.phaseIndex(), shard.train().size(), b,
                in.firstStep());
        double[] theta = in.theta().clone();
        AdaBelief opt = phase.optimiser(in.m().clone(), in.s().clone(), in.count());
        StepCounts counts = new StepCounts(in.streaks()[part]);
        PhaseSteps steps = new PhaseSteps(state.loss(), shard.train(), phase, b, sampler, opt, theta, counts,
                setup.maxFailures(), in.lastGood());
        boolean[] skipped = new boolean[in.steps()];
        int diverged = -1;
        for (int i = 0; i < in.steps() && diverged < 0; i++) {
            skipped[i] = !steps.step();
            diverged = steps.diverged() ? in.firstStep() + i : -1;
        }
        state.putBack(setup, part);
        return agg.add(part, shard.weight(), theta, steps, opt, counts, skipped, diverged,
                diverged < 0 ? null : steps.divergenceMessage(in.phaseIndex(), diverged))
                .addTaskNanos(System.nanoTime() - t0, System.nanoTime() - t1);
    }

    /**
     * A partition's share of a synchronous step: the loss sums and the data gradient (no penalty: the driver
     * adds it once) of the step's batch from the sampler seeded by {@code (seed, phase, partition)},
     * positioned at the step, at the step's parameters.
     */
    static SyncSteps.Part gradient(Shard shard, SyncSteps.Input in, TrainingSetup setup) {
        long t0 = System.nanoTime();
        int part = shard.partition();
        ResidentState state = ResidentState.take(setup, part);
        Phase phase = in.phase();
        int b = batchSize(shard, phase);
        BatchSampler sampler = state.sampler(setup.seed(), part, in.phaseIndex(), shard.train().size(), b,
                in.step());
        int[] batch = sampler.next();
        Phase dataOnly = new Phase(phase.lr(), phase.steps(), phase.batchSize(), phase.length(), 0.0, 0.0,
                phase.temporalDropout());
        LossFunction eval = state.loss();
        long accepted = eval.acceptedSteps();
        long rejected = eval.rejectedSteps();
        double[] grad = new double[in.theta().length];
        LossStats stats = eval.lossAndGradient(in.theta(), shard.train(), batch, b, dataOnly, sampler.stepSeed(),
                grad);
        state.putBack(setup, part);
        return new SyncSteps.Part(stats, grad, eval.acceptedSteps() - accepted, eval.rejectedSteps() - rejected,
                System.nanoTime() - t0);
    }

    /** A step's batch on {@code shard}: the phase's batch size, capped at the shard's size. */
    static int batchSize(Shard shard, Phase phase) {
        return Math.min(phase.batchSize(), shard.train().size());
    }

    /** Loss and MAE sums of the shard's prefix-truncated training and validation trajectories. */
    static MonitorSums losses(Shard shard, double[] theta, double length, TrainingSetup setup) {
        ResidentState state = ResidentState.take(setup, shard.partition());
        MonitorSums sums = losses(shard, theta, length, state.loss());
        state.putBack(setup, shard.partition());
        return sums;
    }

    private static MonitorSums losses(Shard shard, double[] theta, double length, LossFunction eval) {
        LossStats t = eval.loss(theta, shard.train(), null, shard.train().size(), length);
        LossStats v = eval.loss(theta, shard.validation(), null, shard.validation().size(), length);
        return new MonitorSums(t, v);
    }

    /**
     * Metric sums of the shard's training trajectories, each solved at all its times and added as
     * {@code [T][S]} rows exactly as {@link org.neuralode.train.Predictor#accumulate} adds a measurement.
     */
    static Metrics metrics(Shard shard, double[] theta, TrainingSetup setup) {
        VectorField field = setup.model().vectorField();
        VectorField.Evaluator f = field.newEvaluator();
        Solver solver = new Solver(setup.solver());
        SolverWorkspace ws = new SolverWorkspace(field.dim(), field.numParams());
        TrajectorySet data = shard.train();
        int dim = data.dim();
        MetricAccumulator acc = new MetricAccumulator();
        for (int i = 0; i < data.size(); i++) {
            double[] times = data.times(i);
            double[] out = new double[times.length * dim];
            SolveStatus st = solver.solve(f, theta, data.y0(i), times[0], times, times.length, out, ws);
            if (!st.ok()) {
                return new Metrics(acc, data.id(i), st);
            }
            acc.add(rows(data.observed(i), times.length, dim), rows(out, times.length, dim));
        }
        return new Metrics(acc, null, null);
    }

    private static double[][] rows(double[] flat, int times, int dim) {
        double[][] r = new double[times][dim];
        for (int k = 0; k < times; k++) {
            System.arraycopy(flat, k * dim, r[k], 0, dim);
        }
        return r;
    }
}
