package org.neuralode.train;

import java.util.List;
import org.neuralode.ode.TrainableField;

/**
 * What a training run produced.
 *
 * @param model          the model after the last step of the last phase
 * @param history        every monitoring point, in order
 * @param phaseSeconds   wall seconds of each phase's optimisation (monitoring excluded)
 * @param monitorSeconds wall seconds spent computing monitoring points
 * @param failedSteps    updates skipped (non-finite loss or gradient, or a failed solve)
 * @param solverSteps    accepted solver steps in the optimisation's forward solves
 * @param rejectedSteps  rejected solver steps in the optimisation's forward solves
 * @param trajectories   trajectory solves in the optimisation
 * @param earlyStopping  what early stopping did (the model is then the best one seen), or null when off
 */
public record TrainResult(TrainableField model, List<ProgressRow> history, double[] phaseSeconds,
                          double monitorSeconds, int failedSteps, long solverSteps, long rejectedSteps,
                          long trajectories, EarlyStopping.Outcome earlyStopping) {

    /** Seconds of optimisation over all phases (monitoring excluded). */
    public double trainSeconds() {
        double s = 0;
        for (double p : phaseSeconds) {
            s += p;
        }
        return s;
    }
}
