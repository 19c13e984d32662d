package org.neuralode.train;

/**
 * Training was asked to stop (SIGINT or SIGTERM) and did so between two steps. Carries the model after the
 * last completed step; the CLI saves it and exits with 130 or 143.
 */
public final class TrainingInterruptedException extends TrainingStoppedException {

    public TrainingInterruptedException(String message, TrainResult partial) {
        super(message, partial);
    }
}
