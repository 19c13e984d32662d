package org.neuralode.train;

/**
 * What one round of a {@link StepExecutor} did.
 *
 * @param skipped       per step run (up to and including a divergence), whether its update was skipped
 *                      (on any partition)
 * @param divergedStep  0-based phase step at which the run diverged, or -1
 * @param divergence    the divergence message, or null
 * @param lastGood      on divergence, the parameters to keep (the last with a finite loss); else null
 * @param monitored     the monitoring losses asked for before the round's steps, or null
 * @param monitorNanos  nanoseconds spent on that monitoring (excluded from the phase's training time)
 * @param failedSteps   skipped updates in this round
 * @param solverSteps   accepted solver steps in this round's forward solves
 * @param rejectedSteps rejected solver steps in this round's forward solves
 * @param trajectories  trajectory solves of this round's steps that did not end the run
 * @param gradNorm      L2 norm of the loss gradient of the round's last step ({@link PhaseSteps#gradNorm()};
 *                      on several partitions, their shard-weighted mean)
 * @param updateNorm    L2 norm of the update of the round's last step ({@link PhaseSteps#updateNorm()}; on
 *                      several partitions, their shard-weighted mean)
 */
public record RoundResult(boolean[] skipped, int divergedStep, String divergence, double[] lastGood,
                          MonitorSums monitored, long monitorNanos, int failedSteps, long solverSteps,
                          long rejectedSteps, long trajectories, double gradNorm, double updateNorm) {

    /** Whether the run diverged in this round. */
    public boolean diverged() {
        return divergedStep >= 0;
    }
}
