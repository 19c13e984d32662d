package org.neuralode.spark.avg;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.neuralode.nn.NeuralOde;
import org.neuralode.train.Engine;
import org.neuralode.train.MonitorSums;
import org.neuralode.train.Phase;

/**
 * A round's result does not depend on whether its task finds the partition's resident state (loss function,
 * buffers, positioned sampler) or builds and positions it afresh, e.g. after a retry on another executor.
 * Runs the tasks directly, without Spark.
 */
class ResidentStateTest {

    private static final Phase PHASE = new Phase(1e-2, 12, 3, 0.6, 1e-3, 0.0, 0.2);

    @Test
    void aRoundComputesTheSameWithItsResidentStateAsWithAFreshOne() {
        NeuralOde model = TinyProblem.model(0.1);
        Shard shard = ShardPlan.specs(TinyProblem.data(TinyProblem.measurements(6, "m"), 2,
                TinyProblem.measurements(2, "v")), model, 1).get(0).build();
        TrainingSetup setup = TrainingSetup.of(model, TinyProblem.SOLVER, 7, 10, Engine.JVM, 3);
        int n = model.numParams();
        double[] theta = model.theta();
        RoundSum first = ShardTasks.round(new RoundSum(n, 1, 4), shard,
                new RoundInput(0, PHASE, 0, 4, theta, theta, new double[n], new double[n], 0, new int[1], Double.NaN),
                setup);
        assertEquals(1, ResidentState.held(), "the partition's state is kept for its next round");
        RoundInput second = new RoundInput(0, PHASE, 4, 4, first.theta(), first.lastGood(), first.firstMoment(),
                first.secondMoment(), first.count(), first.streaks(), 0.6);

        RoundSum kept = ShardTasks.round(new RoundSum(n, 1, 4), shard, second, setup);
        TrainingSetup otherRun = TrainingSetup.of(model, TinyProblem.SOLVER, 7, 10, Engine.JVM, 3);
        RoundSum fresh = ShardTasks.round(new RoundSum(n, 1, 4), shard, second, otherRun);

        assertArrayEquals(kept.theta(), fresh.theta(), 0.0);
        assertArrayEquals(kept.secondMoment(), fresh.secondMoment(), 0.0);
        assertEquals(kept.solverSteps(), fresh.solverSteps());
        MonitorSums a = kept.losses().get(0);
        MonitorSums b = fresh.losses().get(0);
        assertEquals(a.train().loss(), b.train().loss(), 0.0);
        assertEquals(1, ResidentState.held(), "a new run's state replaces the old run's");
    }
}
