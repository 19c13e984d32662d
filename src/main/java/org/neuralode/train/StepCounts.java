package org.neuralode.train;

/**
 * Running counts of optimiser steps: skipped updates (in total and the current streak), solver steps
 * and trajectory solves. Mutable; one per run or per Spark task; not thread-safe.
 */
public final class StepCounts {
    int failedSteps;
    int consecutiveFailures;
    long solverSteps;
    long rejectedSteps;
    long trajectories;

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
