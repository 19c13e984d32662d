package org.neuralode.train;

/**
 * One monitoring point: loss (mean 0.5 r^2, no penalties) and MAE on the whole prefix-truncated training
 * set and on the validation set (NaN without one), and the norms of the step at that point.
 *
 * @param phase       1-based phase number
 * @param step        0-based step within the phase
 * @param globalStep  0-based step counted over all phases
 * @param failedSteps updates skipped so far in this run (non-finite loss or gradient, failed solve)
 * @param gradNorm    L2 norm of the step's full loss gradient (penalties included) at its batch
 * @param paramNorm   L2 norm of the parameters after the step (those whose losses the row reports)
 * @param updateNorm  L2 norm of the update the step applied (0 when it was skipped)
 */
public record ProgressRow(int phase, int step, int globalStep, double trainLoss, double trainMae,
                          double valLoss, double valMae, int failedSteps, double gradNorm, double paramNorm,
                          double updateNorm) { }
