package org.neuralode.train;

import java.util.Arrays;

/**
 * A {@link StepExecutor} whose optimiser runs on this thread, one {@link PhaseSteps} per phase over its own
 * copy of the parameters, one step per round, with its monitoring computed before the round's step. One
 * streak of skipped updates runs across phases. Subclasses say where a step's gradient and the monitoring
 * losses come from: a training set on this thread ({@link LocalSteps}) or, on Spark, the partitions of a
 * synchronous data-parallel run. Not thread-safe.
 */
public abstract class PhaseStepsExecutor implements StepExecutor {

    private final int maxFailures;
    private final StepCounts counts = new StepCounts(0);
    private Phase phase;
    private int phaseIndex;
    private PhaseSteps steps;
    private double[] own;

    /** @param maxFailures consecutive skipped updates that end the run */
    protected PhaseStepsExecutor(int maxFailures) {
        this.maxFailures = maxFailures;
    }

    /**
     * The steps of phase {@code index} (0-based) with {@code settings}, updating {@code theta} in place and
     * counting into {@code counts}; called at the phase's first round.
     */
    protected abstract PhaseSteps newSteps(int index, Phase settings, double[] theta, StepCounts counts,
                                           int maxFailures);

    /** Checks that phase {@code index} can run here; the default accepts every phase. */
    protected void checkPhase(int index, Phase settings) {
    }

    @Override
    public int roundSteps() {
        return 1;
    }

    @Override
    public final void startPhase(int index, Phase settings) {
        checkPhase(index, settings);
        phase = settings;
        phaseIndex = index;
        steps = null;
    }

    @Override
    public final RoundResult round(int start, int end, double[] theta, double monitorLength) {
        MonitorSums monitored = null;
        long monitorNanos = 0;
        if (!Double.isNaN(monitorLength)) {
            long t0 = System.nanoTime();
            monitored = monitor(theta, monitorLength);
            monitorNanos = System.nanoTime() - t0;
        }
        if (steps == null) { // the phase's first round: its steps update our own copy of the parameters
            own = theta.clone();
            steps = newSteps(phaseIndex, phase, own, counts, maxFailures);
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
}
