package org.neuralode.train;

/**
 * Consecutive optimiser steps of one phase on one training set, updating {@code theta} in place:
 * per step a batch from the sampler, loss and gradient, an AdaBelief update; a step whose loss,
 * gradient or updated parameters are not finite (or whose solves fail) leaves {@code theta} as it was
 * and is counted as skipped. After each step, {@link #gradNorm()} and {@link #updateNorm()} describe it.
 * Owns its scratch arrays; one instance per thread.
 */
public final class PhaseSteps {

    /**
     * Where a step's loss and gradient come from: a batch of one training set on this thread, or (Spark's
     * synchronous mode) the sum over partitions of their batches. Counts the solver steps it ran.
     */
    public interface GradientSource {
        /** The step's loss sums; writes the full gradient (penalties included) into {@code grad}. */
        LossStats lossAndGradient(double[] theta, double[] grad);

        /** Accepted solver steps so far (cumulative). */
        long acceptedSteps();

        /** Rejected solver steps so far (cumulative). */
        long rejectedSteps();
    }

    private final GradientSource source;
    private final int batchSize;
    private final AdaBelief opt;
    private final double[] theta;
    private final StepCounts counts;
    private final int maxFailures;
    private final double[] grad;
    private final double[] candidate;
    private final double[] lastGood;
    private LossStats last;
    private double gradNorm = Double.NaN;
    private double updateNorm = Double.NaN;

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
        this(sampled(eval, data, phase, batchSize, sampler), batchSize, opt, theta, counts, maxFailures, lastGood);
    }

    /**
     * Steps whose losses and gradients come from {@code source}.
     *
     * @param trajectories trajectories a step solves (counted in {@link StepCounts#trajectories()})
     */
    public PhaseSteps(GradientSource source, int trajectories, AdaBelief opt, double[] theta, StepCounts counts,
                      int maxFailures, double[] lastGood) {
        this.source = source;
        this.batchSize = trajectories;
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
        long accepted = source.acceptedSteps();
        long rejected = source.rejectedSteps();
        last = source.lossAndGradient(theta, grad);
        counts.solverSteps += source.acceptedSteps() - accepted;
        counts.rejectedSteps += source.rejectedSteps() - rejected;
        boolean ok = last.failures() == 0 && Double.isFinite(last.loss()) && allFinite(grad);
        if (ok) {
            System.arraycopy(theta, 0, lastGood, 0, theta.length);
            System.arraycopy(theta, 0, candidate, 0, candidate.length);
            opt.step(candidate, grad);
            ok = allFinite(candidate);
        }
        gradNorm = norm(grad);
        updateNorm = ok ? distance(candidate, theta) : 0.0;
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
     * L2 norm of the last step's full loss gradient (penalties included) at its batch; not finite when
     * that gradient was not; NaN before the first step.
     */
    public double gradNorm() {
        return gradNorm;
    }

    /** L2 norm of the update the last step applied to the parameters: 0 when it was skipped. */
    public double updateNorm() {
        return updateNorm;
    }

    /** The L2 norm of {@code v}. */
    public static double norm(double[] v) {
        double sum = 0;
        for (double x : v) {
            sum += x * x;
        }
        return Math.sqrt(sum);
    }

    private static double distance(double[] a, double[] b) {
        double sum = 0;
        for (int i = 0; i < a.length; i++) {
            double d = a[i] - b[i];
            sum += d * d;
        }
        return Math.sqrt(sum);
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

    /** The source of a batch per step from {@code sampler} over {@code data}, the loss by {@code eval}. */
    private static GradientSource sampled(LossFunction eval, TrajectorySet data, Phase phase, int batchSize,
                                          BatchSampler sampler) {
        return new GradientSource() {
            @Override
            public LossStats lossAndGradient(double[] theta, double[] grad) {
                int[] batch = sampler.next();
                return eval.lossAndGradient(theta, data, batch, batchSize, phase, sampler.stepSeed(), grad);
            }

            @Override
            public long acceptedSteps() {
                return eval.acceptedSteps();
            }

            @Override
            public long rejectedSteps() {
                return eval.rejectedSteps();
            }
        };
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
