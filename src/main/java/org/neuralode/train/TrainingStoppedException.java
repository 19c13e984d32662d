package org.neuralode.train;

/**
 * Training ended before its last step: it diverged ({@link TrainingDivergedException}) or was asked to
 * stop ({@link TrainingInterruptedException}). Carries the result so far, which the caller saves.
 */
public abstract class TrainingStoppedException extends RuntimeException {

    private final transient TrainResult partial;

    protected TrainingStoppedException(String message, TrainResult partial) {
        super(message);
        this.partial = partial;
    }

    /** The model to keep, the history so far and the counts. */
    public TrainResult partial() {
        return partial;
    }
}
