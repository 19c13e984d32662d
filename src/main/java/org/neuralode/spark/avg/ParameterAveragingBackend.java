package org.neuralode.spark.avg;

import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.storage.StorageLevel;
import org.neuralode.InputException;
import org.neuralode.config.JobConfig;
import org.neuralode.eval.MetricAccumulator;
import org.neuralode.eval.MetricSet;
import org.neuralode.io.RunDirectory;
import org.neuralode.ode.SolverOptions;
import org.neuralode.ode.TrainableField;
import org.neuralode.spark.SparkContexts;
import org.neuralode.train.EarlyStopping;
import org.neuralode.train.Engine;
import org.neuralode.train.Phase;
import org.neuralode.train.StepExecutor;
import org.neuralode.train.Strategy;
import org.neuralode.train.TrainResult;
import org.neuralode.train.Trainer;
import org.neuralode.train.TrainingDivergedException;
import org.neuralode.train.TrainingListener;
import org.neuralode.workflow.MemoryBudget;
import org.neuralode.workflow.TrainJob;
import org.neuralode.workflow.TrainingBackend;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Data-parallel training with parameter averaging on Spark ({@code parallel: {partitions: p,
 * averaging_frequency: k}}).
 *
 * <p><b>Data.</b> The driver splits the base training measurements (before augmentation) into {@code p}
 * contiguous blocks ({@link ShardPlan}); each executor generates its block's augmented copies with
 * {@link org.neuralode.data.Augmenter#augmentOne} from (seed, round, measurement index) and caches the
 * resulting shard, so the augmented set never exists on the driver.
 *
 * <p><b>Optimisation.</b> Per phase fresh AdaBelief moments; each round is one Spark job that ships parameters
 * and optimiser state (theta, m, s, count), every partition runs up to {@code k} local steps with the local
 * trainer's step code ({@link org.neuralode.train.PhaseSteps}, with the configured {@code engine:}, sized by
 * the strategy's largest batch as locally) and its own batch sampler, seeded by (seed, phase, partition) and
 * continued across rounds (loss function, buffers and sampler stay on the executor between rounds:
 * {@link ResidentState}; the model and solver settings are broadcast once per run), and the driver replaces
 * the state by the average weighted by shard size ({@link AveragingSteps}, a step executor of the
 * one training loop, {@link Trainer#run}). A round also ends at every
 * monitoring step ({@code print_every}, a phase's last step), so monitored models are averaged ones.
 * <b>Batch size:</b> every partition takes the phase's {@code batch_size} from its own shard, capped at
 * the shard's size, so a step of p partitions uses up to p times as many trajectories as a local step
 * (for the local per-step budget, divide {@code batch_size} by p).
 *
 * <p><b>Exactness.</b> Averages are exact sums rounded once ({@link ExactSum}) and monitoring sums are
 * combined in partition order, so results never depend on task scheduling; with {@code p = 1} the
 * result (parameters, progress rows, counters) is bit-identical to {@link org.neuralode.train.Trainer}.
 *
 * <p>Monitoring (loss and MAE of the prefix-truncated training shards and of the validation shards) and
 * training metrics are computed on the executors and merged here. Keeps only the last run's plan and timings
 * ({@link #describe}) between calls; one run at a time per Spark context is the intended use.
 */
public final class ParameterAveragingBackend implements TrainingBackend {

    /** {@code partitions} or {@code averagingFrequency} left to the planner ({@code auto}). */
    public static final int AUTO = 0;
    private static final Logger LOG = LoggerFactory.getLogger(ParameterAveragingBackend.class);

    private final JavaSparkContext sc;
    private final SolverOptions solver;
    private final int printEvery;
    private final long seed;
    private final int maxFailures;
    private final int partitions;
    private final int averagingFrequency;
    private final BooleanSupplier stop;
    private final EarlyStopping earlyStopping;
    private final boolean sync;
    private final Engine engine;
    private Map<String, Object> lastRun = Map.of();

    /**
     * @param sc                 the Spark context (the caller creates and stops it)
     * @param solver             solver settings (a named method) for training, monitoring and metrics
     * @param printEvery         steps between monitoring points, >= 1
     * @param seed               training seed (batch samplers)
     * @param maxFailures        consecutive skipped updates on one partition that stop the run, >= 1
     * @param partitions         number of shards p, 1..(base training measurements), or {@link #AUTO}: the
     *                           cores Spark offers ({@code defaultParallelism}), at most the base measurements
     * @param averagingFrequency local steps k between averages, >= 1, or {@link #AUTO} ({@link RoundPlanner})
     */
    public ParameterAveragingBackend(JavaSparkContext sc, SolverOptions solver, int printEvery, long seed,
                                     int maxFailures, int partitions, int averagingFrequency) {
        this(sc, solver, printEvery, seed, maxFailures, partitions, averagingFrequency, () -> false, null);
    }

    /**
     * As {@link #ParameterAveragingBackend(JavaSparkContext, SolverOptions, int, long, int, int, int)}, stopping
     * when {@code stop} is true before a round (training then ends with a
     * {@link org.neuralode.train.TrainingInterruptedException} carrying the last averaged model), with early
     * stopping on the validation loss ({@code earlyStopping}, or null for none).
     */
    public ParameterAveragingBackend(JavaSparkContext sc, SolverOptions solver, int printEvery, long seed,
                                     int maxFailures, int partitions, int averagingFrequency, BooleanSupplier stop,
                                     EarlyStopping earlyStopping) {
        this(sc, solver, printEvery, seed, maxFailures, partitions, averagingFrequency, stop, earlyStopping, false,
                Engine.AUTO);
    }

    /** Every setting; {@code sync} selects {@link SyncSteps}, {@code engine} the executors' loss engine. */
    ParameterAveragingBackend(JavaSparkContext sc, SolverOptions solver, int printEvery, long seed,
                              int maxFailures, int partitions, int averagingFrequency, BooleanSupplier stop,
                              EarlyStopping earlyStopping, boolean sync, Engine engine) {
        if (printEvery < 1 || maxFailures < 1 || partitions < AUTO || averagingFrequency < AUTO) {
            throw new IllegalArgumentException("printEvery and maxFailures must be >= 1, partitions and "
                    + "averagingFrequency >= 1 or AUTO: " + printEvery + ", " + maxFailures + ", " + partitions + ", "
                    + averagingFrequency);
        }
        this.sc = sc;
        this.solver = solver;
        this.printEvery = printEvery;
        this.seed = seed;
        this.maxFailures = maxFailures;
        this.partitions = partitions;
        this.averagingFrequency = averagingFrequency;
        this.stop = stop;
        this.earlyStopping = earlyStopping;
        this.sync = sync;
        this.engine = engine;
    }

    /**
     * Synchronous data-parallel training ({@code parallel.mode: sync}): the partitions' gradients are summed
     * every step, which is large-batch training on the union of their batches ({@link SyncSteps}).
     */
    public static ParameterAveragingBackend synchronous(JavaSparkContext sc, SolverOptions solver, int printEvery,
                                                        long seed, int maxFailures, int partitions) {
        return new ParameterAveragingBackend(sc, solver, printEvery, seed, maxFailures, partitions, 1, () -> false,
                null, true, Engine.AUTO);
    }

    /** The backend a job configuration with {@code parallel:} set asks for, stopping when {@code stop} is true. */
    public static ParameterAveragingBackend of(JavaSparkContext sc, JobConfig config, SolverOptions solver,
                                               BooleanSupplier stop) {
        JobConfig.ParallelConfig par = config.parallel();
        if (par == null) {
            throw new IllegalArgumentException("the configuration has no 'parallel:' section");
        }
        JobConfig.TrainingConfig t = config.training();
        int k = par.sync() ? 1 : par.averagingFrequency().auto() ? AUTO : par.averagingFrequency().value();
        return new ParameterAveragingBackend(sc, solver, t.printEvery(), t.seed(), t.maxFailures(),
                par.partitions().auto() ? AUTO : par.partitions().value(), k, stop, TrainJob.earlyStopping(config),
                par.sync(), Engine.byName(config.engine()));
    }

    /**
     * Runs {@code job} with {@code parallel:} set on a new Spark context named "neuralode train", stopped
     * whatever happens (the CLI's entry point, so that only this package imports Spark).
     *
     * @param out          the run directory
     * @param showProgress whether to draw progress bars
     * @param stop         polled before every round; when true, the last averaged model is saved and a
     *                     {@link org.neuralode.train.TrainingInterruptedException} thrown
     */
    public static void run(TrainJob job, RunDirectory out, boolean showProgress, BooleanSupplier stop) {
        JavaSparkContext sc = SparkContexts.create("neuralode train");
        try {
            job.run(out, showProgress, of(sc, job.config(), job.solverOptions(), stop));
        } finally {
            sc.stop();
        }
    }

    /**
     * Trains on the executors; never materialises the augmented training set here.
     *
     * @throws InputException            if there are more partitions than base training measurements
     * @throws TrainingDivergedException after {@code maxFailures} consecutive skipped updates on a partition
     */
    @Override
    public TrainResult train(TrainableField initial, TrainJob.Data data, Strategy strategy, TrainingListener listener) {
        RoundClock clock = new RoundClock();
        try {
            return train(initial, data, strategy, listener, clock);
        } finally {
            lastRun = clock.summary(sync ? "sync" : "average", partitions(data));
            LOG.info(String.format(java.util.Locale.ROOT, "%d rounds, %.1f ms each on average, of which %.1f ms "
                    + "beyond the longest task", clock.rounds(), clock.meanRoundMillis(), clock.meanOverheadMillis()));
        }
    }

    /**
     * The last {@link #train} call's plan and round timings ({@code run.json}'s {@code parallel}): mode,
     * partitions, the local steps between averages per phase, rounds, mean round and overhead milliseconds.
     */
    @Override
    public Map<String, Object> describe() {
        return lastRun;
    }

    /** {@link #train(TrainableField, TrainJob.Data, Strategy, TrainingListener)}, timing the rounds on {@code clock}. */
    TrainResult train(TrainableField initial, TrainJob.Data data, Strategy strategy, TrainingListener listener,
                      RoundClock clock) {
        int rows = strategy.phases().stream().mapToInt(Phase::batchSize).max().orElse(1);
        Broadcast<TrainingSetup> setup = sc.broadcast(TrainingSetup.of(initial, solver, seed, maxFailures, engine,
                rows));
        int p = partitions(data);
        if (partitions == AUTO) {
            LOG.info("planner: partitions {} (Spark offers {} cores; {} base training measurements)", p,
                    sc.defaultParallelism(), data.trainBase().size());
        }
        Broadcast<List<ShardSpec>> specs = sc.broadcast(ShardPlan.specs(data, initial, p));
        JavaRDD<Shard> shards = ShardPlan.shards(sc, specs).persist(StorageLevel.MEMORY_AND_DISK());
        try {
            ShardJobs.run(shards, Shard::partition); // builds and caches the shards before the first round
            StepExecutor steps = sync ? new SyncSteps(sc, shards, setup, clock)
                    : new AveragingSteps(sc, shards, setup, averagingFrequency,
                            averagingFrequency == AUTO ? new RoundPlanner(printEvery) : null, initial.theta(), clock);
            Trainer trainer = new Trainer(solver, printEvery, seed, maxFailures, Engine.JVM, stop)
                    .withEarlyStopping(earlyStopping);
            return trainer.run(initial, strategy, steps, data.validation() != null, listener);
        } finally {
            release(shards, setup, specs);
        }
    }

    /**
     * Unpersists the shards and destroys the run's broadcasts without hiding the exception that may be on its
     * way out (a dead context throws here).
     */
    private static void release(JavaRDD<Shard> shards, Broadcast<?>... broadcasts) {
        try {
            shards.unpersist(false);
            for (Broadcast<?> b : broadcasts) {
                b.destroy();
            }
        } catch (RuntimeException e) {
            LOG.warn("could not release the training shards", e);
        }
    }

    /**
     * Metrics of {@code model} on the augmented training side, computed on the executors (shards are
     * regenerated there) and merged here in partition order.
     *
     * @throws InputException naming the first measurement whose solve fails, as the local backend does
     */
    @Override
    public MetricSet trainMetrics(TrainableField model, TrainJob.Data data) {
        TrainingSetup setup = TrainingSetup.of(model, solver, seed, maxFailures, engine, 1);
        Broadcast<List<ShardSpec>> specs = sc.broadcast(ShardPlan.specs(data, model, partitions(data)));
        JavaRDD<Shard> shards = ShardPlan.shards(sc, specs);
        Broadcast<double[]> bc = sc.broadcast(model.theta());
        List<ShardTasks.Metrics> parts;
        try {
            parts = ShardJobs.run(shards, shard -> ShardTasks.metrics(shard, bc.value(), setup));
        } finally {
            bc.destroy();
            specs.destroy();
        }
        MetricAccumulator acc = new MetricAccumulator();
        for (ShardTasks.Metrics part : parts) {
            if (part.failedId() != null) {
                throw new InputException("measurement " + part.failedId(), "the model's solve failed ("
                        + part.status() + ")");
            }
            acc.merge(part.sums());
        }
        return acc.result(model.numParams());
    }

    /** A task's share of the executors' heap ({@link SparkContexts#taskBudget}). */
    @Override
    public MemoryBudget memoryBudget() {
        return SparkContexts.taskBudget(sc.getConf());
    }

    /** A shard: the p-th part of the base training measurements, augmented, and of the validation side. */
    @Override
    public long measurementsPerTask(TrainJob.Data data) {
        long validation = data.validation() == null ? 0 : data.validation().size();
        int p = partitions(data);
        return ((long) data.trainBase().size() * (1L + data.augment().n()) + validation + p - 1) / p;
    }

    /** The number of partitions p for {@code data}: as configured, or for {@link #AUTO} the planner's. */
    public int partitions(TrainJob.Data data) {
        return partitions != AUTO ? partitions : Math.max(1, Math.min(sc.defaultParallelism(),
                data.trainBase().size()));
    }
}
