package org.neuralode.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.neuralode.io.DatasetFiles;
import org.neuralode.ode.SolverOptions;
import org.neuralode.train.Engine;
import org.neuralode.train.Phase;

/** The recipe bench's bookkeeping on a tiny recipe (no timing assertions). */
class TrainingBenchTest {

    @Test
    void countsAreConsistent() {
        TrainingBench.Recipe tiny = new TrainingBench.Recipe("tiny", 4, 1, "tanh", 1e-3,
                List.of(new Phase(1e-3, 6, 5, 0.5, 0.0, 0), new Phase(1e-3, 4, 5, 1.0, 0.0, 0)));
        TrainingBench.Result r = TrainingBench.run(tiny, DatasetFiles.load("datasets/michaelis-menten.zip"),
                Engine.JVM, SolverOptions.SaveAt.DENSE);
        assertEquals("tiny", r.recipe());
        assertEquals("dense", r.saveAt());
        assertTrue(r.trainSeconds() > 0 && r.stepsPerSecond() > 0);
        assertTrue(r.meanAcceptedSteps() >= 1, "each trajectory takes steps");
        // Tsit5, FSAL: 10 steps x 5 trajectories = 50 solves; 1 + 6 per attempt
        long attempts = Math.round((r.meanAcceptedSteps() + r.meanRejectedSteps()) * 50);
        assertEquals(50 + 6 * attempts, r.fieldEvaluations());
        // the profile pass: batches of 5 solves per step, so at least 5 * (1 + 6) evaluations per step; the
        // vjp skips Tsit5's last stage unless an output is interpolated inside the step: 6 or 7 per step
        FieldProfile p = r.profile();
        assertTrue(p.evaluationsPerStep() >= 35, "evaluations per step " + p.evaluationsPerStep());
        double stepsPerSolve = (p.evaluationsPerStep() / 5 - 1) / 6; // attempts, >= accepted steps
        assertTrue(p.vjpsPerStep() >= 5 * 6 && p.vjpsPerStep() <= 5 * 7 * stepsPerSolve, "vjps " + p.vjpsPerStep());
        assertTrue(p.fieldShare() >= 0 && p.fieldShare() <= 1);
        assertTrue(r.bytesPerStep() >= 0);
        assertTrue(Double.isFinite(r.validationMae()) && Double.isFinite(r.trainMae()));
        assertEquals(13, r.toMap().size());
    }
}
