package org.neuralode.report;

/**
 * One progress record of training: the losses on the training and validation sets after a step, and the
 * norms of that step.
 *
 * <p>Losses are mean 0.5 r^2 without penalties, MAE = mean |r|, both over the prefix-truncated sets of the
 * phase (Catalax's trainer). Also one row of the {@code log} TSV (see {@link ProgressTable}).
 *
 * @param phase      1-based strategy phase
 * @param step       0-based gradient step within the phase
 * @param globalStep 0-based step counted over all phases (x axis of {@link LossPlot})
 * @param trainLoss  training loss
 * @param trainMae   training mean absolute error
 * @param valLoss    validation loss, NaN if there is no validation set
 * @param valMae     validation mean absolute error, NaN if there is no validation set
 * @param gradNorm   L2 norm of the step's loss gradient (penalties included)
 * @param paramNorm  L2 norm of the parameters after the step
 * @param updateNorm L2 norm of the update the step applied (0 when it was skipped)
 */
public record LossPoint(int phase, int step, int globalStep, double trainLoss, double trainMae,
                        double valLoss, double valMae, double gradNorm, double paramNorm, double updateNorm) {

    /**
     * Checks the counters.
     *
     * @throws IllegalArgumentException if phase &lt; 1 or a step is negative
     */
    public LossPoint {
        if (phase < 1 || step < 0 || globalStep < 0) {
            throw new IllegalArgumentException("loss point needs phase >= 1 and steps >= 0, got phase " + phase
                    + ", step " + step + ", global step " + globalStep);
        }
    }

    /** Whether validation values are present (either is not NaN). */
    public boolean hasValidation() {
        return !Double.isNaN(valLoss) || !Double.isNaN(valMae);
    }
}
