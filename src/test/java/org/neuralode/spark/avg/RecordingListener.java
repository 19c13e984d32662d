package org.neuralode.spark.avg;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.neuralode.ode.TrainableField;
import org.neuralode.train.Phase;
import org.neuralode.train.ProgressRow;
import org.neuralode.train.TrainingListener;

/** Records every training event as a line (doubles in round-trip form, so equal lines mean equal bits). */
final class RecordingListener implements TrainingListener {

    final List<String> events = new ArrayList<>();

    @Override
    public void phaseStarted(int phase, Phase settings) {
        events.add("start " + phase + " " + settings);
    }

    @Override
    public void stepFinished(int phase, int step, boolean skipped) {
        events.add("step " + phase + " " + step + (skipped ? " skipped" : ""));
    }

    @Override
    public void monitored(ProgressRow row) {
        events.add("monitor " + row);
    }

    @Override
    public void phaseFinished(int phase, Phase settings, TrainableField model) {
        events.add("finish " + phase + " " + Arrays.toString(model.theta()));
    }
}
