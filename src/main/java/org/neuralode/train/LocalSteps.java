package org.neuralode.train;

import java.util.Arrays;

/**
 * The {@link StepExecutor} of training on this thread: one {@link PhaseSteps} per phase over the whole
 * training set, with the batch sampler of shard 0 ({@link Trainer#samplerSeed}), rounds of one step (so the
 * trainer checks for a stop request and reports every step as it happens), and monitoring on the given
 * training and validation trajectories. One streak of skipped updates runs across phases. Owns its loss
 * function's scratch: one instance per thread.
 */
public final class LocalSteps implements StepExecutor {

    private final LossFunction eval;
    private final TrajectorySet train;
    private final TrajectorySet validation;
    private final long seed;
    private final int maxFailures;
    private final StepCounts counts = new StepCounts(0);
    private Phase phase;
    private int phaseIndex;
    private PhaseSteps steps;
    private double[] own;

    /**
     * @param eval        loss and gradient (one engine)
     * @param train       the training trajectories
     * @param validation  the validation trajectories, or null
     * @param seed        seed of the batch permutations
     * @param maxFailures consecutive skipped updates that end the run
     */
    public LocalSteps(LossFunction eval, TrajectorySet train, TrajectorySet validation, long seed, int maxFailures) {
        this.eval = eval;
        this.train = train;
        this.validation = validation;
        this.seed = seed;
        this.maxFailures = maxFailures;
    }

    @Override
    public int roundSteps() {
        return 1;
    }

    @Override
    public void startPhase(int index, Phase phase) {
        if (phase.batchSize() > train.size()) {
            throw new IllegalArgumentException("phase " + (index + 1) + ": batch_size " + phase.batchSize()
                    + " exceeds the " + train.size() + " training measurements");
        }
        this.phase = phase;
        phaseIndex = index;
        steps = null;
    }

    @Override
    public RoundResult round(int start, int end, double[] theta, double monitorLength) {
        MonitorSums monitored = null;
        long monitorNanos = 0;
        if (!Double.isNaN(monitorLength)) {
            long t0 = System.nanoTime();
            monitored = monitor(theta, monitorLength);
            monitorNanos = System.nanoTime() - t0;
        }
        if (steps == null) { // the phase's first round: its steps update our own copy of the parameters
            own = theta.clone();
            BatchSampler sampler = new BatchSampler(train.size(), phase.batchSize(),
                    Trainer.samplerSeed(seed, phaseIndex, 0));
            steps = new PhaseSteps(eval, train, phase, phase.batchSize(), sampler,
                    new AdaBelief(phase.lr(), theta.length), own, counts, maxFailures);
        } else {
            System.arraycopy(theta, 0, own, 0, own.length);
        }
        int failed = counts.failedSteps;
        long solver = counts.solverSteps;
        long rejected = counts.rejectedSteps;
        long trajectories = counts.trajectories;
        boolean[] skipped = new boolean[end - start];
        for (int i = 0; i < skipped.length; i++) {
            skipped[i] = !steps.step();
            System.arraycopy(own, 0, theta, 0, own.length);
            if (steps.diverged()) {
                int step = start + i;
                return new RoundResult(Arrays.copyOf(skipped, i + 1), step,
                        steps.divergenceMessage(phaseIndex, step), steps.lastGood().clone(), monitored, monitorNanos,
                        counts.failedSteps - failed, counts.solverSteps - solver, counts.rejectedSteps - rejected,
                        counts.trajectories - trajectories, steps.gradNorm(), steps.updateNorm());
            }
        }
        return new RoundResult(skipped, -1, null, null, monitored, monitorNanos, counts.failedSteps - failed,
                counts.solverSteps - solver, counts.rejectedSteps - rejected, counts.trajectories - trajectories,
                steps.gradNorm(), steps.updateNorm());
    }

    @Override
    public MonitorSums monitor(double[] theta, double length) {
        LossStats t = eval.loss(theta, train, null, train.size(), length);
        LossStats v = validation == null ? new LossStats()
                : eval.loss(theta, validation, null, validation.size(), length);
        return new MonitorSums(t, v);
    }
}
