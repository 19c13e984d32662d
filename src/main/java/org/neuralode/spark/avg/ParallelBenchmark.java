package org.neuralode.spark.avg;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.apache.spark.api.java.JavaSparkContext;
import org.neuralode.config.JobConfig;
import org.neuralode.data.Dataset;
import org.neuralode.data.Splits;
import org.neuralode.nn.Activation;
import org.neuralode.nn.MlpSpec;
import org.neuralode.nn.NeuralOde;
import org.neuralode.ode.SolverOptions;
import org.neuralode.spark.SparkContexts;
import org.neuralode.train.Engine;
import org.neuralode.train.Phase;
import org.neuralode.train.Predictor;
import org.neuralode.train.Strategy;
import org.neuralode.train.TrainResult;
import org.neuralode.train.Trainer;
import org.neuralode.train.TrainingListener;
import org.neuralode.workflow.TrainJob;
import org.neuralode.workflow.Workflow;

/**
 * {@code bench --part parallel}: the same training run locally (one thread), on one partition and on two
 * partitions in both modes ({@code average}, {@code sync}), on Catalax's reference dataset (80/20 split, seed
 * 0, augmentation seed 42, sd 0.01), with the seed recipe's network (width 16, depth 1, selu). A workload's
 * phases carry the local batch; with p partitions each takes {@code batch / p}, so every run processes the
 * same trajectories per step. Per run: wall seconds of the training call, the optimisation seconds (the
 * training loop's, monitoring excluded), trajectory solves per optimisation second (each trajectory of each
 * step's batch, summed over partitions), rounds (Spark jobs of
 * steps), the mean round overhead beyond the longest task ({@link RoundClock}) and the validation MAE.
 * Every run is preceded by an untimed warm-up of the same run cut to a few steps (JIT, Spark's first jobs), and
 * all of them by {@code warmJobs} synchronous steps of a small run (one Spark job each): in a fresh JVM a round
 * costs 15-30 ms beyond its task for the first several hundred jobs, 7-9 ms after about a thousand (measured
 * here, issue 12; Spark's job path warming up, not shortened by lower JIT thresholds). With
 * {@code warmJobs = 0} the figures are those of a fresh JVM.
 * Not a test: the figures depend on the machine; compare them as ratios within one run. Driver side.
 */
public final class ParallelBenchmark {

    /**
     * A workload.
     *
     * @param name          its name in the output
     * @param augmentations augmented copies of each training measurement
     * @param phases        the strategy, with the local batch size
     * @param printEvery    steps between monitoring points (rounds end there)
     */
    public record Workload(String name, int augmentations, List<Phase> phases, int printEvery) {

        /** Issue 12's large-batch run: 50 augmentations (4,896 trajectories), batch 480, 60 + 120 steps. */
        public static Workload largeBatch() {
            return new Workload("large-batch", 50, List.of(new Phase(1e-3, 60, 480, 0.1, 0.1, 0),
                    new Phase(1e-3, 120, 480, 1.0, 0.01, 0)), 20);
        }

        /** The seed recipe's size: 10 augmentations (1,056 trajectories), batch 20, 300 + 600 steps. */
        public static Workload recipeSize() {
            return new Workload("recipe-size", 10, List.of(new Phase(1e-3, 300, 20, 0.1, 0.1, 0),
                    new Phase(1e-3, 600, 20, 1.0, 0.01, 0)), 100);
        }

        /** The strategy with every batch divided by {@code p} (at least 1) and steps cut to {@code maxSteps}. */
        Strategy strategy(int p, int maxSteps) {
            return new Strategy(phases.stream().map(ph -> new Phase(ph.lr(), Math.min(ph.steps(), maxSteps),
                    Math.max(1, ph.batchSize() / p), ph.length(), ph.alpha(), ph.l1())).toList());
        }
    }

    /**
     * One run's figures.
     *
     * @param workload           the workload's name
     * @param run                "local", or "p=N average k=K" / "p=N sync"
     * @param wallSeconds        wall seconds of the training call (monitoring included)
     * @param trainSeconds       seconds of optimisation (monitoring excluded)
     * @param trajectoryStepsPerSecond trajectory solves in optimiser steps per second of optimisation
     * @param rounds             Spark jobs of steps (0 locally)
     * @param roundOverheadMs    mean milliseconds of a round beyond its longest task (NaN locally)
     * @param validationMae      MAE on the validation side after training
     */
    public record Row(String workload, String run, double wallSeconds, double trainSeconds,
                      double trajectoryStepsPerSecond, int rounds, double roundOverheadMs, double validationMae) {
    }

    private static final int WARMUP_STEPS = 20;
    private static final long SEED = 420;
    private static final int MAX_FAILURES = 10;

    private ParallelBenchmark() {
    }

    /**
     * Runs both workloads on a new Spark context (the master from {@code -Dspark.master} or spark-submit),
     * stopped afterwards.
     *
     * @param warmJobs Spark jobs run before the first timed run (synchronous steps of a small run), >= 0
     * @param started  called once Spark is up and warm, before the first run
     * @param progress receives each row as it is measured
     */
    public static List<Row> run(Dataset reference, int k, int warmJobs, Consumer<Row> progress, Runnable started) {
        JavaSparkContext sc = SparkContexts.create("neuralode bench");
        try {
            warm(sc, reference, warmJobs);
            started.run();
            List<Row> rows = new ArrayList<>();
            for (Workload w : List.of(Workload.largeBatch(), Workload.recipeSize())) {
                rows.addAll(run(sc, reference, w, k, progress));
            }
            return rows;
        } finally {
            sc.stop();
        }
    }

    /**
     * Runs {@code workload}: local, p = 1 average, p = 2 average (both every {@code k} steps) and p = 2 sync.
     *
     * @param reference Catalax's reference dataset
     * @param progress  receives each row as it is measured
     */
    public static List<Row> run(JavaSparkContext sc, Dataset reference, Workload workload, int k,
                                Consumer<Row> progress) {
        NeuralOde initial = initialModel(reference);
        SolverOptions solver = SolverOptions.defaults();
        List<Row> rows = new ArrayList<>();
        for (Runner r : runners(sc, solver, workload, k)) {
            r.train(initial, data(reference, workload.augmentations()), workload.strategy(r.partitions, WARMUP_STEPS),
                    new RoundClock());
            RoundClock clock = new RoundClock();
            // fresh data: every run augments (locally) or builds its shards (on Spark) inside its wall time
            TrainJob.Data data = data(reference, workload.augmentations());
            long t0 = System.nanoTime();
            TrainResult result = r.train(initial, data, workload.strategy(r.partitions, Integer.MAX_VALUE), clock);
            double wall = (System.nanoTime() - t0) * 1e-9;
            double mae = new Predictor(result.model(), solver).metrics(data.validation()).mae();
            Row row = new Row(workload.name(), r.name, wall, result.trainSeconds(),
                    result.trajectories() / result.trainSeconds(),
                    clock.rounds(), clock.meanOverheadMillis(), mae);
            progress.accept(row);
            rows.add(row);
        }
        return rows;
    }

    /**
     * Runs {@code jobs} synchronous steps (one Spark job each) of a small two-partition run on the reference
     * data (batch 10, no augmentation), untimed, so that the timed runs find Spark's job path warm.
     *
     * @return the rounds (jobs of steps) run
     */
    static int warm(JavaSparkContext sc, Dataset reference, int jobs) {
        if (jobs <= 0) {
            return 0;
        }
        Strategy strategy = new Strategy(List.of(new Phase(1e-3, jobs, 10, 1.0, 0.01, 0)));
        RoundClock clock = new RoundClock();
        spark(sc, SolverOptions.defaults(), jobs, 2, 1, true).train(initialModel(reference), data(reference, 0),
                strategy, TrainingListener.NONE, clock);
        return clock.rounds();
    }

    /** The seed recipe's network (width 16, depth 1, selu, weight scale 1e-3, seed 0) for the reference data. */
    private static NeuralOde initialModel(Dataset reference) {
        MlpSpec spec = new MlpSpec(reference.states().size(), 16, 1, Activation.byName("selu"));
        return NeuralOde.initialise(reference.states(), spec, Workflow.maxTime(reference), 1e-3, 0);
    }

    /** The reference data split 80/20 (seed 0), the training side with that many augmentations (sd 0.01, seed 42). */
    private static TrainJob.Data data(Dataset reference, int augmentations) {
        Splits.Split split = Splits.trainTestSplit(reference, 0.2, 0);
        return new TrainJob.Data(reference, split.train(),
                new JobConfig.AugmentConfig(augmentations, 0.01, 42, false), split.test());
    }

    /** One way to train: locally (no backend) or on Spark. */
    private record Runner(String name, int partitions, ParameterAveragingBackend backend, Trainer local) {

        TrainResult train(NeuralOde initial, TrainJob.Data data, Strategy strategy, RoundClock clock) {
            return backend == null ? local.train(initial, data.train(), data.validation(), strategy,
                    TrainingListener.NONE) : backend.train(initial, data, strategy, TrainingListener.NONE, clock);
        }
    }

    private static List<Runner> runners(JavaSparkContext sc, SolverOptions solver, Workload w, int k) {
        int every = w.printEvery();
        return List.of(
                new Runner("local", 1, null, new Trainer(solver, every, SEED, MAX_FAILURES, Engine.JVM, () -> false)),
                new Runner("p=1 average k=" + k, 1, spark(sc, solver, every, 1, k, false), null),
                new Runner("p=2 average k=" + k, 2, spark(sc, solver, every, 2, k, false), null),
                new Runner("p=2 sync", 2, spark(sc, solver, every, 2, 1, true), null));
    }

    private static ParameterAveragingBackend spark(JavaSparkContext sc, SolverOptions solver, int printEvery, int p,
                                                   int k, boolean sync) {
        return new ParameterAveragingBackend(sc, solver, printEvery, SEED, MAX_FAILURES, p, k, () -> false, null,
                sync, Engine.JVM);
    }
}
