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
import org.neuralode.train.Trainer;
import org.neuralode.train.TrajectorySet;

/**
 * The work one task does on its cached {@link Shard}: a round of local optimiser steps with the local
 * trainer's own {@link PhaseSteps}, the monitoring losses, and the training metrics. Each call
 * builds its own evaluator and scratch (nothing lives between tasks) and never writes its inputs.
 * Stateless.
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
     * Computes the monitoring losses of the broadcast parameters when asked to, then runs the round's
     * steps on {@code shard} from the broadcast state and adds the shard's end state to {@code agg}. The
     * batch sampler is the one seeded by {@code (seed, phase, partition)}, fast-forwarded past the phase's
     * earlier steps, so a partition sees the same batches as if it had run the phase
     * without interruption. Stops early when the shard's streak of skipped updates reaches the limit.
     */
    static RoundSum round(RoundSum agg, Shard shard, RoundInput in, TrainingSetup setup) {
        long t0 = System.nanoTime();
        if (!Double.isNaN(in.monitor())) {
            MonitorSums l = losses(shard, in.theta(), in.monitor(), setup);
            agg.addLosses(shard.partition(), l, System.nanoTime() - t0);
        }
        TrajectorySet data = shard.train();
        Phase phase = in.phase();
        int b = batchSize(shard, phase);
        BatchSampler sampler = sampler(shard, in.phaseIndex(), b, in.firstStep(), setup);
        double[] theta = in.theta().clone();
        AdaBelief opt = new AdaBelief(phase.lr(), in.m().clone(), in.s().clone(), in.count());
        StepCounts counts = new StepCounts(in.streaks()[shard.partition()]);
        PhaseSteps steps = new PhaseSteps(setup.loss(), data,
                phase, b, sampler, opt, theta, counts, setup.maxFailures(), in.lastGood());
        boolean[] skipped = new boolean[in.steps()];
        for (int i = 0; i < in.steps(); i++) {
            skipped[i] = !steps.step();
            if (steps.diverged()) {
                int step = in.firstStep() + i;
                return agg.add(shard.partition(), shard.weight(), theta, steps, opt, counts, skipped, step,
                        steps.divergenceMessage(in.phaseIndex(), step)).addTaskNanos(System.nanoTime() - t0);
            }
        }
        return agg.add(shard.partition(), shard.weight(), theta, steps, opt, counts, skipped, -1, null)
                .addTaskNanos(System.nanoTime() - t0);
    }

    /**
     * A partition's share of a synchronous step: the loss sums and the data gradient (no penalty: the driver
     * adds it once) of the step's batch from the sampler seeded by {@code (seed, phase, partition)},
     * fast-forwarded to the step, at the broadcast parameters.
     */
    static SyncSteps.Part gradient(Shard shard, SyncSteps.Input in, TrainingSetup setup) {
        long t0 = System.nanoTime();
        TrajectorySet data = shard.train();
        Phase phase = in.phase();
        int b = batchSize(shard, phase);
        BatchSampler sampler = sampler(shard, in.phaseIndex(), b, in.step(), setup);
        int[] batch = sampler.next();
        Phase dataOnly = new Phase(phase.lr(), phase.steps(), phase.batchSize(), phase.length(), 0.0, 0.0,
                phase.temporalDropout());
        LossFunction eval = setup.loss();
        double[] grad = new double[in.theta().length];
        LossStats stats = eval.lossAndGradient(in.theta(), data, batch, b, dataOnly, sampler.stepSeed(), grad);
        return new SyncSteps.Part(stats, grad, eval.acceptedSteps(), eval.rejectedSteps(), System.nanoTime() - t0);
    }

    /** A step's batch on {@code shard}: the phase's batch size, capped at the shard's size. */
    static int batchSize(Shard shard, Phase phase) {
        return Math.min(phase.batchSize(), shard.train().size());
    }

    /**
     * The shard's batch sampler of phase {@code phaseIndex} (seeded by (seed, phase, partition), as local
     * training's is for partition 0), positioned after the phase's first {@code drawn} batches.
     */
    private static BatchSampler sampler(Shard shard, int phaseIndex, int b, int drawn, TrainingSetup setup) {
        BatchSampler sampler = new BatchSampler(shard.train().size(), b,
                Trainer.samplerSeed(setup.seed(), phaseIndex, shard.partition()));
        for (int i = 0; i < drawn; i++) {
            sampler.next();
        }
        return sampler;
    }

    /** Loss and MAE sums of the shard's prefix-truncated training and validation trajectories. */
    static MonitorSums losses(Shard shard, double[] theta, double length, TrainingSetup setup) {
        LossFunction eval = setup.loss();
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
