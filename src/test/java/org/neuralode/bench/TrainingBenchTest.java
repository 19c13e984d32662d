package org.neuralode.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.neuralode.io.DatasetFiles;
import org.neuralode.train.Engine;
import org.neuralode.train.Phase;

/** The recipe bench's bookkeeping on a tiny recipe (no timing assertions). */
class TrainingBenchTest {

    @Test
    void countsAreConsistent() {
        TrainingBench.Recipe tiny = new TrainingBench.Recipe("tiny", 4, 1, "tanh", 1e-3,
                List.of(new Phase(1e-3, 6, 5, 0.5, 0.0, 0), new Phase(1e-3, 4, 5, 1.0, 0.0, 0)));
        TrainingBench.Result r = TrainingBench.run(tiny, DatasetFiles.load("datasets/michaelis-menten.zip"),
                Engine.JVM);
        assertEquals("tiny", r.recipe());
        assertTrue(r.trainSeconds() > 0 && r.stepsPerSecond() > 0);
        assertTrue(r.meanAcceptedSteps() >= 1, "each trajectory takes steps");
        // Tsit5, FSAL: 10 steps x 5 trajectories = 50 solves; 1 + 6 per attempt; the vjp skips stage 7
        long attempts = Math.round((r.meanAcceptedSteps() + r.meanRejectedSteps()) * 50);
        assertEquals(50 + 6 * attempts, r.fieldEvaluations());
        assertEquals(6 * Math.round(r.meanAcceptedSteps() * 50), r.vjpEvaluations());
        assertTrue(r.bytesPerStep() >= 0);
        assertTrue(Double.isFinite(r.validationMae()) && Double.isFinite(r.trainMae()));
        assertEquals(10, r.toMap().size());
    }
}
