package org.neuralode.train;

/**
 * Early stopping on the validation loss, counted in monitoring points: training ends once {@code patience}
 * monitoring points in a row have not improved on the best validation loss by more than {@code minDelta},
 * and the model is the best one seen (also when training runs to its end without stopping).
 *
 * @param patience monitoring points without improvement that end training, >= 1
 * @param minDelta the least decrease of the validation loss that counts as an improvement, >= 0
 */
public record EarlyStopping(int patience, double minDelta) {

    /** Validates. @throws IllegalArgumentException for patience < 1 or a negative or non-finite delta */
    public EarlyStopping {
        if (patience < 1 || !(minDelta >= 0) || Double.isInfinite(minDelta)) {
            throw new IllegalArgumentException("patience must be >= 1 and min_delta finite and >= 0, got "
                    + patience + ", " + minDelta);
        }
    }

    /**
     * What early stopping did in a run.
     *
     * @param stopped    whether training ended before its last step
     * @param bestPhase  1-based phase of the best monitoring point
     * @param bestStep   its 0-based step counted over all phases
     * @param bestLoss   its validation loss
     */
    public record Outcome(boolean stopped, int bestPhase, int bestStep, double bestLoss) { }
}
