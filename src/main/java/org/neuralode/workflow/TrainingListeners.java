package org.neuralode.workflow;

import java.util.List;
import org.neuralode.ode.TrainableField;
import org.neuralode.train.Phase;
import org.neuralode.train.ProgressRow;
import org.neuralode.train.TrainingListener;

/** Fans training events out to several listeners, in order. */
final class TrainingListeners {

    private TrainingListeners() {
    }

    static TrainingListener all(List<TrainingListener> listeners) {
        List<TrainingListener> ls = List.copyOf(listeners);
        return new TrainingListener() {
            @Override
            public void phaseStarted(int phase, Phase settings) {
                ls.forEach(l -> l.phaseStarted(phase, settings));
            }

            @Override
            public void stepFinished(int phase, int step, boolean skipped) {
                for (TrainingListener l : ls) {
                    l.stepFinished(phase, step, skipped);
                }
            }

            @Override
            public void monitored(ProgressRow row) {
                ls.forEach(l -> l.monitored(row));
            }

            @Override
            public void phaseFinished(int phase, Phase settings, TrainableField model) {
                ls.forEach(l -> l.phaseFinished(phase, settings, model));
            }
        };
    }
}
