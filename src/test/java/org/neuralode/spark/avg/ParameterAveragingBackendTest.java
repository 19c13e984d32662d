package org.neuralode.spark.avg;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.neuralode.InputException;
import org.neuralode.data.Measurement;
import org.neuralode.eval.MetricSet;
import org.neuralode.nn.NeuralOde;
import org.neuralode.ode.SolverOptions;
import org.neuralode.ode.Tableaus;
import org.neuralode.train.Engine;
import org.neuralode.train.Strategy;
import org.neuralode.train.TrainResult;
import org.neuralode.train.TrainingDivergedException;
import org.neuralode.train.TrainingListener;
import org.neuralode.workflow.TrainJob;
import org.neuralode.workflow.TrainingBackend;

/**
 * The parameter-averaging backend on {@code local[2]} against the local trainer: one partition is the local
 * trainer to the bit (parameters, progress rows, listener events, counters, divergence); identical shards
 * average to the one-shard run; results do not depend on scheduling.
 */
class ParameterAveragingBackendTest {

    private static final long SEED = 420;
    private static JavaSparkContext sc;

    /** Two phases with different batch sizes, prefixes and penalties: moments must restart at phase 2. */
    private static final Strategy STRATEGY = Strategy.create()
            .addStep(2e-2, 13, 5, 0.4, 0.01)
            .addStep(1e-2, 11, 7, 1.0, 0.0);

    @BeforeAll
    static void start() {
        sc = new JavaSparkContext(new SparkConf().setMaster("local[2]").setAppName("avg-test")
                .set("spark.ui.enabled", "false").set("spark.ui.showConsoleProgress", "false"));
    }

    @AfterAll
    static void stop() {
        if (sc != null) {
            sc.stop();
        }
    }

    private static ParameterAveragingBackend parallel(SolverOptions solver, int printEvery, int maxFailures, int p,
                                                      int k) {
        return new ParameterAveragingBackend(sc, solver, printEvery, SEED, maxFailures, p, k);
    }

    private static TrainingBackend local(SolverOptions solver, int printEvery, int maxFailures) {
        return TrainingBackend.local(new org.neuralode.train.Trainer(solver, printEvery, SEED, maxFailures), solver);
    }

    /** A run's whole observable outcome as text (round-trip doubles: equal text = equal bits). */
    private static List<String> outcome(TrainingBackend backend, NeuralOde init, TrainJob.Data data, Strategy s) {
        RecordingListener rec = new RecordingListener();
        List<String> out = new ArrayList<>();
        try {
            out.add(describe(backend.train(init, data, s, rec)));
        } catch (TrainingDivergedException e) {
            out.add(e.getMessage());
            out.add(describe(e.partial()));
        }
        out.addAll(rec.events);
        return out;
    }

    private static String describe(TrainResult r) {
        return java.util.Arrays.toString(r.model().theta()) + " history " + r.history() + " failed "
                + r.failedSteps() + " solver " + r.solverSteps() + "/" + r.rejectedSteps() + " trajectories "
                + r.trajectories();
    }

    @ParameterizedTest(name = "averaging every {0} steps, print every {1}")
    @CsvSource({"1, 4", "3, 4", "5, 5", "1000, 6"})
    void onePartitionIsTheLocalTrainerToTheBit(int k, int printEvery) {
        TrainJob.Data data = TinyProblem.data(TinyProblem.measurements(6, "m"), 2,
                TinyProblem.measurements(3, "v"));
        NeuralOde init = TinyProblem.model(0.1);
        List<String> expected = outcome(local(TinyProblem.SOLVER, printEvery, 10), init, data, STRATEGY);
        List<String> actual = outcome(parallel(TinyProblem.SOLVER, printEvery, 10, 1, k), init, data, STRATEGY);
        assertEquals(expected, actual);
        assertTrue(expected.stream().filter(e -> e.startsWith("monitor")).count() >= 6, "monitoring happened");
    }

    @Test
    void onePartitionSkipsAndDivergesLikeTheLocalTrainer() {
        // max_steps 9 makes some solves fail (skipped updates) and, with a short streak limit, ends the run.
        SolverOptions tight = new SolverOptions(Tableaus.TSIT5, 1e-6, 1e-9, 9, Double.NaN);
        TrainJob.Data data = TinyProblem.data(TinyProblem.measurements(6, "m"), 1, null);
        NeuralOde init = TinyProblem.model(1.0);
        List<String> skipping = outcome(local(tight, 3, 1000), init, data, STRATEGY);
        assertEquals(skipping, outcome(parallel(tight, 3, 1000, 1, 4), init, data, STRATEGY));
        assertTrue(skipping.stream().anyMatch(e -> e.endsWith("skipped")), "the scenario skips updates");
        List<String> diverging = outcome(local(tight, 3, 2), init, data, STRATEGY);
        assertTrue(diverging.get(0).startsWith("training diverged"), diverging.get(0));
        assertEquals(diverging, outcome(parallel(tight, 3, 2, 1, 4), init, data, STRATEGY));
    }

    @Test
    void onePartitionTrainMetricsAreTheLocalOnes() {
        TrainJob.Data data = TinyProblem.data(TinyProblem.measurements(5, "m"), 3, null);
        NeuralOde model = TinyProblem.model(0.3);
        MetricSet expected = local(TinyProblem.SOLVER, 1, 1).trainMetrics(model, data);
        assertEquals(expected, parallel(TinyProblem.SOLVER, 1, 1, 1, 1).trainMetrics(model, data));
        // Three partitions merge the same sums in another grouping: equal up to rounding of a few sums of
        // ~100 positive terms (relative 1e-13 is ~500 ulps of headroom).
        MetricSet three = parallel(TinyProblem.SOLVER, 1, 1, 3, 1).trainMetrics(model, data);
        assertEquals(expected.nPoints(), three.nPoints());
        assertEquals(expected.mae(), three.mae(), 1e-13 * expected.mae());
        assertEquals(expected.rSquared(), three.rSquared(), 1e-13);
    }

    @Test
    void identicalShardsAverageToTheOneShardRun() {
        // Partition 0 holds m0, partition 1 its copy; one trajectory per shard makes every batch the same
        // on both, so both compute identical states and the average 0.5 x + 0.5 x = x is exact.
        Measurement m = TinyProblem.measurements(1, "m").get(0);
        Measurement copy = new Measurement("copy", null, null, m.initialConditions(), m.time(), m.data());
        List<Measurement> val = TinyProblem.measurements(2, "v").subList(1, 2);
        Strategy s = Strategy.create().addStep(2e-2, 9, 1, 0.5, 0.01).addStep(1e-2, 8, 1, 1.0, 0.0);
        NeuralOde init = TinyProblem.model(0.1);
        TrainResult one = local(TinyProblem.SOLVER, 3, 10).train(init, TinyProblem.data(List.of(m), 0, val), s,
                new RecordingListener());
        RecordingListener rec = new RecordingListener();
        TrainResult two = parallel(TinyProblem.SOLVER, 3, 10, 2, 2)
                .train(init, TinyProblem.data(List.of(m, copy), 0, val), s, rec);
        assertArrayEquals(one.model().theta(), two.model().theta());
        assertEquals(one.history(), two.history());
        assertEquals(2 * one.trajectories(), two.trajectories());
        assertEquals(2 * one.solverSteps(), two.solverSteps());
    }

    @Test
    void identicalMultiMeasurementShardsAgreeUpToRounding() {
        // Shards {m0..m3} and a copy; full batches (batch = shard size) make the two partitions' gradients
        // equal up to summation order (their samplers permute differently), i.e. ~1e-16 relative per step.
        // Over 20 adaptive steps the parameters differ by 1.1e-16 relative (observed); 1e-12 leaves room
        // for a changed accept/reject decision of the step controller, while a wrong weighting or a
        // missed moment reset would show at the 1e-3 level.
        List<Measurement> ms = TinyProblem.measurements(4, "m");
        List<Measurement> both = new ArrayList<>(ms);
        for (Measurement m : ms) {
            both.add(new Measurement("copy-" + m.id(), null, null, m.initialConditions(), m.time(), m.data()));
        }
        Strategy s = Strategy.create().addStep(2e-2, 10, 4, 0.5, 0.01).addStep(1e-2, 10, 4, 1.0, 0.0);
        NeuralOde init = TinyProblem.model(0.1);
        TrainResult one = local(TinyProblem.SOLVER, 5, 10).train(init, TinyProblem.data(ms, 0, null), s,
                new RecordingListener());
        TrainResult two = parallel(TinyProblem.SOLVER, 5, 10, 2, 3)
                .train(init, TinyProblem.data(both, 0, null), s, new RecordingListener());
        double[] a = one.model().theta();
        double[] b = two.model().theta();
        for (int i = 0; i < a.length; i++) {
            assertEquals(a[i], b[i], 1e-12 * Math.max(1.0, Math.abs(a[i])), "parameter " + i);
        }
    }

    @Test
    void severalPartitionsAreReproducibleAndLearn() {
        TrainJob.Data data = TinyProblem.data(TinyProblem.measurements(7, "m"), 2,
                TinyProblem.measurements(3, "v"));
        NeuralOde init = TinyProblem.model(0.1);
        RecordingListener rec = new RecordingListener();
        TrainResult r = parallel(TinyProblem.SOLVER, 4, 10, 3, 3).train(init, data, STRATEGY, rec);
        List<String> again = outcome(parallel(TinyProblem.SOLVER, 4, 10, 3, 3), init, data, STRATEGY);
        assertEquals(describe(r), again.get(0));
        assertEquals(rec.events, again.subList(1, again.size()));
        assertTrue(r.history().get(r.history().size() - 1).trainLoss() < r.history().get(0).trainLoss(),
                "training lowers the loss: " + r.history());
        // 7 base measurements in blocks of 2, 2, 3, times 3 with augmentation: shards of 6, 6 and 9; phase 1
        // takes 5 per shard and step, phase 2 min(7, size) = 6, 6 and 7.
        assertEquals(13L * (5 + 5 + 5) + 11L * (6 + 6 + 7), r.trajectories());
    }

    @Test
    void thePlannerTakesTheOfferedCoresAndNeverCrossesAMonitoringStep() {
        TrainJob.Data data = TinyProblem.data(TinyProblem.measurements(7, "m"), 2,
                TinyProblem.measurements(3, "v"));
        NeuralOde init = TinyProblem.model(0.1);
        ParameterAveragingBackend auto = parallel(TinyProblem.SOLVER, 4, 10, ParameterAveragingBackend.AUTO,
                ParameterAveragingBackend.AUTO);
        assertEquals(2, auto.partitions(data), "local[2] offers two cores");
        TrainResult planned = auto.train(init, data, STRATEGY, new RecordingListener());
        TrainResult fixed = parallel(TinyProblem.SOLVER, 4, 10, 2, 3).train(init, data, STRATEGY,
                new RecordingListener());
        assertEquals(fixed.history().stream().map(r -> r.globalStep()).toList(),
                planned.history().stream().map(r -> r.globalStep()).toList(), "the same monitoring steps");
        assertEquals(fixed.trajectories(), planned.trajectories(), "two partitions' batches every step");
    }

    @Test
    void thePlannersKMakesARoundTenJobsLongWithinThePhase() {
        assertEquals(50, RoundPlanner.choose(10e6, 2e6, 1000));
        assertEquals(1, RoundPlanner.choose(1e6, 30e6, 1000), "a step longer than ten jobs: average every step");
        assertEquals(13, RoundPlanner.choose(10e6, 1e3, 13), "at most the phase's steps");
    }

    @Test
    void morePartitionsThanMeasurementsIsAnInputError() {
        TrainJob.Data data = TinyProblem.data(TinyProblem.measurements(2, "m"), 5, null);
        InputException e = assertThrows(InputException.class, () -> parallel(TinyProblem.SOLVER, 1, 1, 3, 1)
                .train(TinyProblem.model(0.1), data, STRATEGY, new RecordingListener()));
        assertTrue(e.getMessage().startsWith("parallel.partitions: is 3"), e.getMessage());
    }

    @Test
    void synchronousWithOnePartitionIsTheLocalTrainerToTheBit() {
        TrainJob.Data data = TinyProblem.data(TinyProblem.measurements(6, "m"), 2,
                TinyProblem.measurements(3, "v"));
        NeuralOde init = TinyProblem.model(0.1);
        List<String> expected = outcome(local(TinyProblem.SOLVER, 4, 10), init, data, STRATEGY);
        List<String> actual = outcome(ParameterAveragingBackend.synchronous(sc, TinyProblem.SOLVER, 4, SEED, 10, 1),
                init, data, STRATEGY);
        assertEquals(expected, actual);
    }

    /**
     * Synchronous mode is large-batch training: with every partition's batch its whole shard (3 of 6
     * measurements), each step's summed gradient is the full-batch gradient, so the loss curve equals local
     * training with batch 6 up to the order of a floating-point sum (1e-16 relative per step; 1e-9 allowed
     * over 24 steps of a contracting optimisation).
     */
    @Test
    void synchronousTwoPartitionsEqualLocalTrainingOnTheUnionOfTheirBatches() {
        TrainJob.Data data = TinyProblem.data(TinyProblem.measurements(6, "m"), 0, null);
        NeuralOde init = TinyProblem.model(0.1);
        Strategy shards = Strategy.create().addStep(2e-2, 12, 3, 0.4, 0.01).addStep(1e-2, 12, 3, 1.0, 0.0);
        Strategy union = Strategy.create().addStep(2e-2, 12, 6, 0.4, 0.01).addStep(1e-2, 12, 6, 1.0, 0.0);
        TrainResult local = local(TinyProblem.SOLVER, 1, 10).train(init, data, union, TrainingListener.NONE);
        TrainResult sync = ParameterAveragingBackend.synchronous(sc, TinyProblem.SOLVER, 1, SEED, 10, 2)
                .train(init, data, shards, TrainingListener.NONE);
        assertEquals(local.history().size(), sync.history().size());
        for (int i = 0; i < local.history().size(); i++) {
            double a = local.history().get(i).trainLoss();
            double b = sync.history().get(i).trainLoss();
            assertEquals(a, b, 1e-9 * Math.abs(a), "row " + i);
        }
        double[] x = local.model().theta();
        double[] y = sync.model().theta();
        for (int j = 0; j < x.length; j++) {
            assertEquals(x[j], y[j], 1e-9 * Math.max(1e-3, Math.abs(x[j])), "theta " + j);
        }
        assertEquals(local.trajectories(), sync.trajectories());
    }

    /** The configured engine runs on the executors: ND4J there reproduces local ND4J training to the bit. */
    @Test
    void theEngineRunsOnTheExecutors() {
        TrainJob.Data data = TinyProblem.data(TinyProblem.measurements(6, "m"), 1, TinyProblem.measurements(2, "v"));
        NeuralOde init = TinyProblem.model(0.1);
        TrainingBackend local = TrainingBackend.local(new org.neuralode.train.Trainer(TinyProblem.SOLVER, 4, SEED, 10,
                Engine.ND4J, () -> false), TinyProblem.SOLVER);
        ParameterAveragingBackend nd4j = new ParameterAveragingBackend(sc, TinyProblem.SOLVER, 4, SEED, 10, 1, 3,
                () -> false, null, false, Engine.ND4J);
        assertEquals(outcome(local, init, data, STRATEGY), outcome(nd4j, init, data, STRATEGY));
        ParameterAveragingBackend jvm = new ParameterAveragingBackend(sc, TinyProblem.SOLVER, 4, SEED, 10, 1, 3,
                () -> false, null, false, Engine.JVM);
        assertNotEquals(outcome(local, init, data, STRATEGY), outcome(jvm, init, data, STRATEGY),
                "the engines differ in the last bits, so the equality above is the engine's");
    }
}
