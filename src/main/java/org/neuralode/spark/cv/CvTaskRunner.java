package org.neuralode.spark.cv;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.neuralode.InputException;
import org.neuralode.config.ConfigLoader;
import org.neuralode.config.JobConfig;
import org.neuralode.data.Augmenter;
import org.neuralode.data.Dataset;
import org.neuralode.data.Measurement;
import org.neuralode.data.Splits;
import org.neuralode.io.ModelFiles;
import org.neuralode.io.Storage;
import org.neuralode.nn.NeuralOde;
import org.neuralode.ode.SolverOptions;
import org.neuralode.ode.TrainableField;
import org.neuralode.report.CvTaskResult;
import org.neuralode.train.Predictor;
import org.neuralode.train.Strategy;
import org.neuralode.train.TrainResult;
import org.neuralode.train.Trainer;
import org.neuralode.train.TrainingDivergedException;
import org.neuralode.train.TrainingListener;
import org.neuralode.workflow.TrainJob;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one {@link CvTask} on the current thread (an executor's task thread): splits the dataset by the
 * task's held-out ids, augments the training side only (from {@code dataset.augment}), trains a fresh
 * model with {@link Trainer} through the configured strategy, computes metrics on both sides and the
 * held-out predictions, and writes the model and the result file ({@link TaskResultFiles}).
 *
 * <p>The trainer monitors only the first and last step of each phase (cv reads no progress log); that
 * changes no parameter. A run that diverges keeps its last good model with status {@code diverged}; a
 * model that cannot predict (a failed solve) gives status {@code failed} without metrics. Stateless.
 */
public final class CvTaskRunner {

    /** Points of the dense time grid of each held-out prediction (for smooth curves in the report). */
    public static final int DENSE_POINTS = 50;

    private static final Logger LOG = LoggerFactory.getLogger(CvTaskRunner.class);

    private CvTaskRunner() {
    }

    /**
     * Runs the task and writes its files under {@code dir}.
     *
     * @return a one-line summary: task id, status and seconds
     */
    public static String run(CvBundle bundle, CvTask task, String dir) {
        long t0 = System.nanoTime();
        String source = "cv task " + task.id();
        ConfigLoader.Loaded loaded = ConfigLoader.load(bundle.config(task).getBytes(StandardCharsets.UTF_8),
                source, List.of());
        JobConfig cfg = loaded.config();
        TrainJob job = new TrainJob(loaded, source);
        Splits.Split split = Splits.byIds(bundle.dataset(), task.heldOut());
        JobConfig.AugmentConfig a = cfg.dataset().augment();
        Dataset train = a.n() == 0 ? split.train()
                : Augmenter.augment(split.train(), a.n(), a.sigma(), a.seed(), a.multiplicative());
        Map<String, Object> result = header(bundle, task, cfg);
        TrainResult trained = train(job, cfg, train, job.initialModel(split.train()), result);
        evaluate(result, trained.model(), job.solverOptions(), train, split.test());
        result.put("model", modelMap(cfg, trained.model(), task.id()));
        Map<String, Object> counts = new LinkedHashMap<>();
        counts.put("train_measurements", train.size());
        counts.put("skipped_updates", trained.failedSteps());
        counts.put("trajectory_solves", trained.trajectories());
        result.put("training", counts);
        double seconds = (System.nanoTime() - t0) * 1e-9;
        result.put("seconds", seconds);
        Map<String, Object> extra = new LinkedHashMap<>();
        extra.put("cv_task", task.id());
        extra.put("config_hash", bundle.configHash());
        ModelFiles.save(trained.model(), modelDir(dir, task.id()), extra);
        TaskResultFiles.write(dir, task.id(), result);
        String line = String.format(Locale.ROOT, "%s %s %.2f s", task.id(), result.get("status"), seconds);
        LOG.info("cv task {}", line);
        return line;
    }

    /** Trains through the strategy; a divergence keeps the last good model and is recorded in {@code result}. */
    private static TrainResult train(TrainJob job, JobConfig cfg, Dataset train, TrainableField initial,
                                     Map<String, Object> result) {
        Strategy strategy = job.strategy(train.size());
        // a cancelled cv run interrupts its tasks' threads: training stops and the task writes nothing
        Trainer trainer = job.trainer(Integer.MAX_VALUE, Thread.currentThread()::isInterrupted);
        try {
            TrainResult r = trainer.train(initial, train, null, strategy, TrainingListener.NONE);
            result.put("status", CvTaskResult.COMPLETED);
            return r;
        } catch (TrainingDivergedException e) {
            result.put("status", CvTaskResult.DIVERGED);
            result.put("message", e.getMessage());
            return e.partial();
        }
    }

    /** Where a task's model directory lives under {@code dir}. */
    public static String modelDir(String dir, String taskId) {
        return Storage.resolve(Storage.resolve(dir, TaskResultFiles.MODELS), taskId);
    }

    private static Map<String, Object> header(CvBundle bundle, CvTask task, JobConfig cfg) {
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("task", task.id());
        r.put("config_hash", bundle.configHash());
        r.put("grid_index", task.grid());
        r.put("grid", bundle.grid().get(task.grid()));
        r.put("fold", task.fold());
        r.put("member", task.member());
        r.put("status", null);
        r.put("message", null);
        r.put("held_out", task.heldOut());
        Map<String, Object> seeds = new LinkedHashMap<>();
        seeds.put("model", cfg.model().seed());
        seeds.put("training", cfg.training().seed());
        seeds.put("augment", cfg.dataset().augment().seed());
        r.put("seeds", seeds);
        return r;
    }

    /** Metrics on both sides and held-out predictions; a failed solve marks the task failed instead. */
    private static void evaluate(Map<String, Object> result, TrainableField model, SolverOptions solver, Dataset train,
                                 Dataset heldOut) {
        Predictor p = new Predictor(model, solver);
        try {
            Map<String, Object> trainMetrics = p.metrics(train).toMap();
            Map<String, Object> validation = p.metrics(heldOut).toMap();
            List<Map<String, Object>> predictions = new ArrayList<>();
            for (Measurement m : heldOut.measurements()) {
                predictions.add(prediction(p, m, model.states()));
            }
            result.put("train", trainMetrics);
            result.put("validation", validation);
            result.put("predictions", predictions);
        } catch (InputException e) {
            result.put("status", CvTaskResult.FAILED);
            result.put("message", e.getMessage());
            result.put("train", null);
            result.put("validation", null);
            result.put("predictions", List.of());
        }
    }

    private static Map<String, Object> prediction(Predictor p, Measurement m, List<String> states) {
        double t0 = m.time()[0];
        double t1 = m.time()[m.length() - 1];
        double[] dense = new double[DENSE_POINTS];
        for (int i = 0; i < DENSE_POINTS; i++) {
            dense[i] = t0 + (t1 - t0) * i / (DENSE_POINTS - 1);
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("id", m.id());
        out.put("name", m.name());
        out.put("states", states);
        out.put("time", TaskResultFiles.nullable(m.time()));
        out.put("observed", TaskResultFiles.nullable(p.observed(m)));
        out.put("predicted", TaskResultFiles.nullable(p.predict(m)));
        out.put("dense_time", TaskResultFiles.nullable(dense));
        out.put("dense", TaskResultFiles.nullable(p.predict(m, dense)));
        return out;
    }

    private static Map<String, Object> modelMap(JobConfig cfg, TrainableField model, String taskId) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("dir", TaskResultFiles.MODELS + "/" + taskId);
        m.put("states", model.states());
        if (model instanceof NeuralOde ode) {
            m.put("width", ode.spec().width());
            m.put("depth", ode.spec().depth());
            m.put("activation", cfg.model().activation());
            m.put("use_final_bias", ode.spec().useFinalBias());
            m.put("t_max", ode.tMax());
        }
        m.put("parameters", TaskResultFiles.nullable(model.theta()));
        if (!model.namedParameters().isEmpty()) { // a mechanistic fit's values, in their units
            m.put("fitted", model.namedParameters());
        }
        return m;
    }
}
