package org.neuralode.workflow;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.neuralode.InputException;
import org.neuralode.config.ConfigLoader;
import org.neuralode.config.JobConfig;
import org.neuralode.config.JobConfig.PhaseConfig;
import org.neuralode.data.Augmenter;
import org.neuralode.data.Dataset;
import org.neuralode.data.Splits;
import org.neuralode.hybrid.UniversalOde;
import org.neuralode.hybrid.UodePenalties;
import org.neuralode.io.DatasetFiles;
import org.neuralode.io.RunDirectory;
import org.neuralode.io.Storage;
import org.neuralode.model.MechanisticFit;
import org.neuralode.nn.MlpSpec;
import org.neuralode.nn.NeuralOde;
import org.neuralode.ode.SolverOptions;
import org.neuralode.ode.Tableaus;
import org.neuralode.ode.TrainableField;
import org.neuralode.train.EarlyStopping;
import org.neuralode.train.Phase;
import org.neuralode.train.Strategy;
import org.neuralode.train.TrainResult;
import org.neuralode.train.TrainingDivergedException;
import org.neuralode.train.TrainingInterruptedException;
import org.neuralode.train.TrainingStoppedException;
import org.neuralode.train.Trainer;
import org.neuralode.train.TrajectorySet;
import org.neuralode.train.Engine;
import org.neuralode.io.ModelFiles;
import java.util.Map;
import java.util.function.BooleanSupplier;
import org.neuralode.train.TrainingListener;

/**
 * One configured training run: data in, model, metrics, log, plots and provenance out into a
 * {@link RunDirectory}:
 * {@code metrics.json, config.yaml, run.json, progress.tsv, model/, plots/*.png} (and
 * {@code milestones/phase-<i>/} with {@code training.save_milestones}).
 */
public final class TrainJob {

    private final ConfigLoader.Loaded loaded;
    private final String configSource;
    private final String init;

    public TrainJob(ConfigLoader.Loaded loaded, String configSource) {
        this(loaded, configSource, null);
    }

    /**
     * A job that starts from a saved model (fine-tuning) instead of a fresh one.
     *
     * @param init a model directory or Catalax {@code .eqx} file whose kind, species and architecture (or rate
     *             law) are the configuration's, or null for a fresh start
     */
    public TrainJob(ConfigLoader.Loaded loaded, String configSource, String init) {
        this.loaded = loaded;
        this.configSource = configSource;
        this.init = init;
    }

    /**
     * The data a run trains and validates on: the loaded dataset, the training side before augmentation,
     * the augmentation settings and the validation side (null without validation; never augmented).
     */
    public static final class Data {
        private final Dataset original;
        private final Dataset trainBase;
        private final JobConfig.AugmentConfig augment;
        private final Dataset validation;
        private final Map<String, String> fingerprint;
        private Dataset train;

        public Data(Dataset original, Dataset trainBase, JobConfig.AugmentConfig augment, Dataset validation) {
            this(original, trainBase, augment, validation, Map.of());
        }

        /** @param fingerprint path, md5 and sha256 of the loaded dataset's bytes (for provenance) */
        public Data(Dataset original, Dataset trainBase, JobConfig.AugmentConfig augment, Dataset validation,
                    Map<String, String> fingerprint) {
            this.original = original;
            this.trainBase = trainBase;
            this.augment = augment;
            this.validation = validation;
            this.fingerprint = fingerprint;
        }

        /** Path, md5 and sha256 of the dataset's bytes (empty for data built in code). */
        public Map<String, String> fingerprint() {
            return fingerprint;
        }

        public Dataset original() {
            return original;
        }

        /** The training side before augmentation. */
        public Dataset trainBase() {
            return trainBase;
        }

        public JobConfig.AugmentConfig augment() {
            return augment;
        }

        public Dataset validation() {
            return validation;
        }

        /** Number of training measurements after augmentation. */
        public int trainSize() {
            return trainBase.size() * (1 + augment.n());
        }

        /** The measurements one local training holds: the augmented training side and the validation side. */
        public long measurements() {
            return (long) trainBase.size() * (1L + augment.n()) + (validation == null ? 0 : validation.size());
        }

        /** The augmented training side, built on first use (distributed backends never call this). */
        public Dataset train() {
            if (train == null) {
                train = augment.n() == 0 ? trainBase : Augmenter.augment(trainBase, augment.n(), augment.sigma(),
                        augment.seed(), augment.multiplicative());
            }
            return train;
        }
    }

    /** Loads, splits and augments the configured dataset (validation side never augmented). */
    public Data prepareData() {
        DatasetFiles.Fingerprinted data = DatasetFiles.loadFingerprinted(loaded.config().dataset().path());
        return prepareData(data.dataset(), data.fingerprint());
    }

    /**
     * Splits and augments a dataset loaded already (the configured one, e.g. broadcast to a Spark task) as
     * the configuration says; a {@code dataset.validation.path} file is read here.
     *
     * @param fingerprint path, md5 and sha256 of the dataset's bytes (for provenance)
     */
    public Data prepareData(Dataset original, Map<String, String> fingerprint) {
        JobConfig.DatasetConfig dc = loaded.config().dataset();
        Dataset train = original;
        Dataset validation = null;
        JobConfig.ValidationConfig v = dc.validation();
        if (v != null && v.fraction() != null) {
            Splits.Split split = Splits.trainTestSplit(original, v.fraction(), v.seed() == null ? 0 : v.seed());
            train = split.train();
            validation = split.test();
        } else if (v != null && v.path() != null) {
            validation = DatasetFiles.load(v.path());
            if (!validation.states().equals(original.states())) {
                throw new InputException(configSource, "dataset.validation.path " + v.path() + " has states "
                        + validation.states() + " but dataset.path has " + original.states());
            }
        } else if (v != null) {
            throw new InputException(configSource, "dataset.validation: train takes 'fraction' or 'path'; "
                    + "leave_one_out, folds and ids are for the cv command");
        }
        return new Data(original, train, dc.augment(), validation, fingerprint);
    }

    /** The job's validated configuration. */
    public JobConfig config() {
        return loaded.config();
    }

    /** The solver the configuration asks for. */
    public SolverOptions solverOptions() {
        JobConfig.SolverConfig s = loaded.config().solver();
        return new SolverOptions(Tableaus.byName(s.method()), s.rtol(), s.atol(), s.maxSteps(), Double.NaN,
                SolverOptions.SaveAt.byName(s.saveat()));
    }

    /** The strategy, checking each phase's batch size against the training set. */
    public Strategy strategy(int trainingSize) {
        Strategy s = Strategy.create();
        List<PhaseConfig> phases = loaded.config().strategy();
        for (int i = 0; i < phases.size(); i++) {
            PhaseConfig p = phases.get(i);
            if (p.batchSize() > trainingSize) {
                throw new InputException(configSource, "strategy[" + i + "].batch_size = " + p.batchSize()
                        + " exceeds the " + trainingSize + " training measurements");
            }
            s = s.add(new Phase(p.lr(), p.steps(), p.batchSize(), p.length(), p.alpha(), p.l1(),
                    p.temporalDropout(), p.clipNorm()));
        }
        return s;
    }

    /**
     * The model training starts from: the saved model the job was given (checked against the configuration),
     * else a freshly initialised neural ODE, a mechanistic model at its file's starting values, or a universal
     * model of both. A mechanistic model may have species the dataset does not observe (they start at their
     * model file's initial values and are left out of the loss).
     *
     * @throws InputException naming the key: an unreadable model file, a bad {@code fit}, a dataset state that
     *                        is not a species of the model, an unobserved species without an initial value, or
     *                        a saved model that does not match the configuration
     */
    public TrainableField initialModel(Dataset train) {
        JobConfig.ModelConfig m = loaded.config().model();
        if (init != null) {
            return InitialModel.check(ModelFiles.load(init), init, m, train.states(), penalties(), configSource);
        }
        if (JobConfig.NEURAL.equals(m.kind())) {
            return NeuralOde.initialise(train.states(), mlpSpec(train.states().size()), Workflow.maxTime(train),
                    m.weightScale(), m.scaleFinalLayer(), m.seed());
        }
        MechanisticFit fit = MechanisticFit.start(Storage.read(m.file()), m.file(), m.fit(), m.constants(),
                configSource + ": model");
        if (!fit.states().containsAll(train.states())) {
            throw new InputException(configSource + ": model.file", m.file() + " has species " + fit.states()
                    + " but the dataset has states " + train.states() + "; each must be a species of the model");
        }
        TrajectorySet.checkUnobserved(train, fit, configSource + ": model.file: " + m.file());
        if (JobConfig.MECHANISTIC.equals(m.kind())) {
            return fit;
        }
        return UniversalOde.initialise(fit, mlpSpec(fit.states().size()), Workflow.maxTime(train), m.gate(),
                penalties(), m.weightScale(), m.scaleFinalLayer(), m.seed());
    }

    private UodePenalties penalties() {
        JobConfig.UodePenaltiesConfig p = loaded.config().model().penalties();
        return new UodePenalties(p.l2Gate(), p.l1Gate(), p.l2Residual(), p.l1Residual());
    }

    private MlpSpec mlpSpec(int states) {
        return loaded.config().model().mlpSpec(states);
    }

    /**
     * Runs the whole job into {@code out}.
     *
     * @throws TrainingDivergedException after writing the last good model and a report
     */
    public void run(RunDirectory out, boolean showProgress) {
        run(out, showProgress, () -> false);
    }

    /**
     * Runs the whole job on this JVM; {@code stop} is polled before every optimiser step.
     *
     * @throws TrainingInterruptedException when {@code stop} became true, after saving the last completed
     *                                      model (also as {@code milestones/interrupted/}) and the outputs
     */
    public void run(RunDirectory out, boolean showProgress, BooleanSupplier stop) {
        run(out, showProgress, localBackend(stop));
    }

    /**
     * Runs the whole job on this JVM, without console progress, on data the caller prepared (a cv refit
     * trains on the whole dataset its driver loaded, which {@link #prepareData()} would refuse for cv folds);
     * {@code stop} is polled before every optimiser step.
     *
     * @throws TrainingDivergedException    after writing the last good model and a report
     * @throws TrainingInterruptedException when {@code stop} became true, after saving the outputs
     */
    public void run(RunDirectory out, Data data, BooleanSupplier stop) {
        run(out, Instant.now(), data, false, localBackend(stop));
    }

    private TrainingBackend localBackend(BooleanSupplier stop) {
        return TrainingBackend.local(trainer(loaded.config().training().printEvery(), stop), solverOptions());
    }

    /** The configured trainer (solver, seed, failure limit, engine) monitoring every {@code printEvery} steps. */
    public Trainer trainer(int printEvery, BooleanSupplier stop) {
        JobConfig cfg = loaded.config();
        return new Trainer(solverOptions(), printEvery, cfg.training().seed(), cfg.training().maxFailures(),
                Engine.byName(cfg.engine()), stop).withEarlyStopping(earlyStopping(cfg));
    }

    /** The early stopping {@code config} asks for, or null when off. */
    public static EarlyStopping earlyStopping(JobConfig config) {
        JobConfig.EarlyStoppingConfig es = config.training().earlyStopping();
        return es == null ? null : new EarlyStopping(es.patience(), es.minDelta());
    }

    /**
     * Runs the whole job into {@code out} with the given backend, first checking that its estimated memory
     * ({@link MemoryEstimate}) fits the backend's budget.
     *
     * @throws InputException            when it does not, naming the keys, before anything is written
     * @throws TrainingDivergedException after writing the last good model and a report
     */
    public void run(RunDirectory out, boolean showProgress, TrainingBackend backend) {
        Instant start = Instant.now();
        run(out, start, prepareData(), showProgress, backend);
    }

    private void run(RunDirectory out, Instant start, Data data, boolean showProgress, TrainingBackend backend) {
        JobConfig cfg = loaded.config();
        MemoryEstimate.of(cfg, data.original(), backend.measurementsPerTask(data))
                .check(backend.memoryBudget(), configSource);
        RunRecord record = new RunRecord(out, configSource, loaded, start);
        Strategy strategy = strategy(data.trainSize());
        TrainableField initial = initialModel(data.trainBase());
        if (init != null) {
            record.initialModel(init, ModelFiles.sha256(init));
        }
        record.started(data);
        out.write("config.yaml", loaded.toYaml());
        RunOutputs outputs = new RunOutputs(out, solverOptions(), data.validation() != null, backend);
        List<TrainingListener> listeners = new ArrayList<>();
        listeners.add(outputs.progressLog());
        if (cfg.training().saveMilestones()) {
            listeners.add(outputs.milestones());
        }
        if (showProgress && cfg.training().progress()) {
            listeners.add(ConsoleProgress.of(strategy, System.err, System.console() != null));
        }
        TrainResult result;
        try {
            result = backend.train(initial, data, strategy, TrainingListeners.all(listeners));
        } catch (TrainingStoppedException e) {
            recordBackend(record, backend);
            outputs.finish(e.partial(), data);
            boolean interrupted = e instanceof TrainingInterruptedException;
            if (interrupted) {
                ModelFiles.save(e.partial().model(), out.path("milestones/interrupted"),
                        Map.of("reason", e.getMessage()));
            }
            record.finished(interrupted ? "interrupted" : "diverged", e.getMessage());
            throw e;
        }
        recordBackend(record, backend);
        outputs.finish(result, data);
        record.finished("completed", null);
    }

    private static void recordBackend(RunRecord record, TrainingBackend backend) {
        Map<String, Object> described = backend.describe();
        if (!described.isEmpty()) {
            record.put("parallel", described);
        }
    }
}
