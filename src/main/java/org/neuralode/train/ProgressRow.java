package org.neuralode.train;

/**
 * One monitoring point: loss (mean 0.5 r^2, no penalties) and MAE on the whole prefix-truncated training
 * set and on the validation set (NaN without one).
 *
 * @param phase       1-based phase number
 * @param step        0-based step within the phase
 * @param globalStep  0-based step counted over all phases
 * @param failedSteps updates skipped so far in this run (non-finite loss or gradient, failed solve)
 */
public record ProgressRow(int phase, int step, int globalStep, double trainLoss, double trainMae,
                          double valLoss, double valMae, int failedSteps) { }
