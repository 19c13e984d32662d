package org.neuralode.train;

/**
 * Training stopped after too many consecutive failed updates (non-finite loss or gradient, or solves
 * that failed). Carries the result up to the last good model; the CLI saves it and exits with code 3.
 */
public final class TrainingDivergedException extends TrainingStoppedException {

    public TrainingDivergedException(String message, TrainResult partial) {
        super(message, partial);
    }
}
