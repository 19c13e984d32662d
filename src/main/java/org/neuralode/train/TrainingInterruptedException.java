package org.neuralode.train;

/**
 * Training was asked to stop (SIGINT or SIGTERM) and did so between two steps. Carries the model after the
 * last completed step; the CLI saves it and exits with 130 or 143.
 */
public final class TrainingInterruptedException extends RuntimeException {

    private final transient TrainResult partial;

    public TrainingInterruptedException(String message, TrainResult partial) {
        super(message);
        this.partial = partial;
    }

    /** The model after the last completed step, the history so far and the counts. */
    public TrainResult partial() {
        return partial;
    }
}
