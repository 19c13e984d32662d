package org.neuralode.train;

import org.neuralode.ode.TrainableField;

/** Receives training events on the training thread (progress bars, logs, milestones). */
public interface TrainingListener {

    /** A phase begins (1-based number). */
    default void phaseStarted(int phase, Phase settings) {
    }

    /** An optimiser step finished (or was skipped); called every step, keep it cheap. */
    default void stepFinished(int phase, int step, boolean skipped) {
    }

    /** A monitoring point was computed. */
    default void monitored(ProgressRow row) {
    }

    /** A phase ended with this model (a milestone). */
    default void phaseFinished(int phase, Phase settings, TrainableField model) {
    }

    /** A listener that ignores everything. */
    TrainingListener NONE = new TrainingListener() { };
}
