package org.neuralode.train;

/**
 * The {@link StepExecutor} of training on this thread: one {@link PhaseSteps} per phase over the whole
 * training set, with the batch sampler of shard 0 ({@link Trainer#samplerSeed}), rounds of one step (so the
 * trainer checks for a stop request and reports every step as it happens), and monitoring on the given
 * training and validation trajectories. Owns its loss function's scratch: one instance per thread.
 */
public final class LocalSteps extends PhaseStepsExecutor {

    private final LossFunction eval;
    private final TrajectorySet train;
    private final TrajectorySet validation;
    private final long seed;

    /**
     * @param eval        loss and gradient (one engine)
     * @param train       the training trajectories
     * @param validation  the validation trajectories, or null
     * @param seed        seed of the batch permutations
     * @param maxFailures consecutive skipped updates that end the run
     */
    public LocalSteps(LossFunction eval, TrajectorySet train, TrajectorySet validation, long seed, int maxFailures) {
        super(maxFailures);
        this.eval = eval;
        this.train = train;
        this.validation = validation;
        this.seed = seed;
    }

    @Override
    protected void checkPhase(int index, Phase phase) {
        if (phase.batchSize() > train.size()) {
            throw new IllegalArgumentException("phase " + (index + 1) + ": batch_size " + phase.batchSize()
                    + " exceeds the " + train.size() + " training measurements");
        }
    }

    @Override
    protected PhaseSteps newSteps(int index, Phase phase, double[] theta, StepCounts counts, int maxFailures) {
        BatchSampler sampler = new BatchSampler(train.size(), phase.batchSize(), Trainer.samplerSeed(seed, index, 0));
        return new PhaseSteps(eval, train, phase, phase.batchSize(), sampler, phase.optimiser(theta.length),
                theta, counts, maxFailures);
    }

    @Override
    public MonitorSums monitor(double[] theta, double length) {
        LossStats t = eval.loss(theta, train, null, train.size(), length);
        LossStats v = validation == null ? new LossStats()
                : eval.loss(theta, validation, null, validation.size(), length);
        return new MonitorSums(t, v);
    }
}
