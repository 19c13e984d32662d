package org.neuralode.train;

/**
 * Where a {@link Trainer}'s optimiser steps run: on this thread ({@link LocalSteps}) or on a cluster (the Spark
 * parameter-averaging executor). The trainer owns the one training loop (phases, rounds, monitoring,
 * listener events, divergence, interruption, the result); an executor owns the optimiser state and the data,
 * and runs a round of consecutive steps of the current phase when asked to.
 *
 * <p>A round never crosses a monitoring step: the trainer ends it there, and asks the next round (or
 * {@link #monitor}) for the losses of the parameters at that point, so an executor can compute them in the
 * same pass as its next steps. Not thread-safe; one run at a time.
 */
public interface StepExecutor {

    /** The most steps one {@link #round} may take (1 for per-step control; k for averaging every k steps). */
    int roundSteps();

    /**
     * Phase {@code index} (0-based) begins from the current parameters: a fresh optimiser and the phase's
     * batches.
     *
     * @throws IllegalArgumentException if the phase cannot run on this executor's data (e.g. its batch
     *                                  size exceeds the training set)
     */
    void startPhase(int index, Phase phase);

    /**
     * Runs steps {@code [start, end)} of the current phase from {@code theta}, which it updates in place.
     *
     * @param monitorLength when a number, first computes the monitoring losses of {@code theta} as given (at
     *                      this prefix fraction) and returns them in {@link RoundResult#monitored()}; NaN for none
     * @return what happened; when a step diverges the round stops there
     */
    RoundResult round(int start, int end, double[] theta, double monitorLength);

    /** The monitoring losses of {@code theta} at prefix fraction {@code length} (training and validation). */
    MonitorSums monitor(double[] theta, double length);
}
