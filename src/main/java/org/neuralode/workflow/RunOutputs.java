package org.neuralode.workflow;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;
import org.neuralode.data.Dataset;
import org.neuralode.data.Measurement;
import org.neuralode.io.JsonText;
import org.neuralode.io.ModelFiles;
import org.neuralode.io.RunDirectory;
import org.neuralode.nn.NeuralOde;
import org.neuralode.ode.SolverOptions;
import org.neuralode.ode.TrainableField;
import org.neuralode.report.FitPanel;
import org.neuralode.report.FitPlot;
import org.neuralode.report.LossPlot;
import org.neuralode.report.LossPoint;
import org.neuralode.report.ProgressTable;
import org.neuralode.train.Phase;
import org.neuralode.train.Predictor;
import org.neuralode.train.ProgressRow;
import org.neuralode.train.TrainResult;
import org.neuralode.train.TrainingListener;

/** Writes a training run's outputs: progress log, milestones, model, metrics and plots. */
final class RunOutputs {

    /** Times of the model curves in the fit figures, evenly spaced over each measurement. */
    static final int DENSE_POINTS = 100;

    private final RunDirectory out;
    private final SolverOptions solver;
    private final boolean validating;
    private final TrainingBackend backend;
    private final List<LossPoint> rows = new ArrayList<>();

    RunOutputs(RunDirectory out, SolverOptions solver, boolean validating, TrainingBackend backend) {
        this.out = out;
        this.backend = backend;
        this.solver = solver;
        this.validating = validating;
    }

    /**
     * Keeps {@code progress.tsv} current. Where the run directory can append ({@link RunDirectory#canAppend}:
     * a local directory, or a Hadoop file system with append such as HDFS) the header is written now and each
     * monitoring point's row is appended and flushed as soon as it is computed, so {@code tail -f} follows
     * training and a killed run keeps every row written so far. Elsewhere (object stores such as s3a) the
     * whole file is rewritten atomically at each phase's end. {@link #finish} writes the complete file.
     */
    TrainingListener progressLog() {
        boolean appending = out.canAppend();
        if (appending) {
            out.write("progress.tsv", ProgressTable.tsvHeader(validating) + "\n");
        }
        return new TrainingListener() {
            @Override
            public void monitored(ProgressRow row) {
                LossPoint point = lossPoint(row);
                rows.add(point);
                if (appending) {
                    out.appendLine("progress.tsv", ProgressTable.tsvRow(point, validating));
                }
            }

            @Override
            public void phaseFinished(int phase, Phase settings, TrainableField model) {
                if (!appending) {
                    out.write("progress.tsv", progressTsv());
                }
            }
        };
    }

    /** Saves the model after each phase under {@code milestones/phase-<i>/} with the phase's settings. */
    TrainingListener milestones() {
        return new TrainingListener() {
            @Override
            public void phaseFinished(int phase, Phase settings, TrainableField model) {
                Map<String, Object> extra = new LinkedHashMap<>();
                extra.put("phase", phase);
                extra.put("strategy", phaseMap(settings));
                ModelFiles.save(model, out.path("milestones/phase-" + phase), extra);
                if (model instanceof NeuralOde) { // Catalax's milestone: the .eqx with the phase's "strategy"
                    ModelFiles.saveEqx(model, out.path("milestones/phase-" + phase + ".eqx"),
                            Map.of("strategy", phaseMap(settings)));
                }
            }
        };
    }

    /**
     * The TSV log: {@code strategy step mean_loss mae [val_loss val_mae]} (Catalax's trainer), then
     * {@code grad_norm param_norm update_norm}.
     */
    String progressTsv() {
        StringBuilder sb = new StringBuilder(ProgressTable.tsvHeader(validating)).append('\n');
        for (LossPoint r : rows) {
            sb.append(ProgressTable.tsvRow(r, validating)).append('\n');
        }
        return sb.toString();
    }

    static LossPoint lossPoint(ProgressRow r) {
        return new LossPoint(r.phase(), r.step(), r.globalStep(), r.trainLoss(), r.trainMae(), r.valLoss(),
                r.valMae(), r.gradNorm(), r.paramNorm(), r.updateNorm());
    }

    /** Model, metrics, log and plots of a finished (or diverged) run. */
    void finish(TrainResult result, TrainJob.Data data) {
        TrainableField model = result.model();
        out.write("progress.tsv", progressTsv());
        ModelFiles.save(model, out.path("model"), Map.of());
        Predictor predictor = new Predictor(model, solver);
        Map<String, Object> errors = new LinkedHashMap<>();
        Map<String, Object> metrics = new LinkedHashMap<>();
        metrics.put("train", metricsOrNull("train", () -> backend.trainMetrics(model, data).toMap(), errors));
        metrics.put("validation", data.validation() == null ? null
                : metricsOrNull("validation", () -> predictor.metrics(data.validation()).toMap(), errors));
        if (!model.namedParameters().isEmpty()) {
            metrics.put("parameters", model.namedParameters());
        }
        metrics.put("timing", timing(result));
        metrics.put("training", trainingCounts(result));
        if (!errors.isEmpty()) {
            metrics.put("errors", errors);
        }
        out.write("metrics.json", JsonText.pretty(metrics));
        if (errors.isEmpty()) {
            writePlots(predictor, data, model);
        }
    }

    /**
     * The metrics map, or null (with the reason under {@code errors}) when the model cannot be solved for
     * some measurement, e.g. the last good model of a diverged run.
     */
    static Map<String, Object> metricsOrNull(String side, Supplier<Map<String, Object>> metrics,
                                             Map<String, Object> errors) {
        try {
            return metrics.get();
        } catch (org.neuralode.InputException e) {
            errors.put(side, e.getMessage());
            return null;
        }
    }

    private static Map<String, Object> timing(TrainResult r) {
        Map<String, Object> t = new LinkedHashMap<>();
        t.put("train_seconds", r.trainSeconds());
        t.put("phases_seconds", r.phaseSeconds());
        t.put("monitor_seconds", r.monitorSeconds());
        return t;
    }

    private static Map<String, Object> trainingCounts(TrainResult r) {
        Map<String, Object> t = new LinkedHashMap<>();
        t.put("skipped_updates", r.failedSteps());
        t.put("trajectory_solves", r.trajectories());
        t.put("mean_accepted_steps", r.trajectories() == 0 ? 0.0 : (double) r.solverSteps() / r.trajectories());
        t.put("mean_rejected_steps", r.trajectories() == 0 ? 0.0 : (double) r.rejectedSteps() / r.trajectories());
        if (r.earlyStopping() != null) { // the saved model is the best one seen, at this monitoring point
            t.put("stopped_early", r.earlyStopping().stopped());
            t.put("best_phase", r.earlyStopping().bestPhase());
            t.put("best_step", r.earlyStopping().bestStep());
            t.put("best_val_loss", r.earlyStopping().bestLoss());
        }
        return t;
    }

    private void writePlots(Predictor predictor, TrainJob.Data data, TrainableField model) {
        if (!rows.isEmpty()) {
            out.write("plots/loss.png", LossPlot.render(rows, "Training progress"));
        }
        Dataset fitted = data.validation() != null ? data.validation() : data.original();
        String name = data.validation() != null ? "validation" : "train";
        List<FitPanel> panels = new ArrayList<>();
        for (Measurement m : fitted.measurements()) {
            panels.add(panel(predictor, m));
        }
        List<byte[]> pages = FitPlot.renderPages(panels, model.states(), "Fits (" + name + ")");
        for (int i = 0; i < pages.size(); i++) {
            out.write(String.format(Locale.ROOT, "plots/fit-%s-%d.png", name, i + 1), pages.get(i));
        }
    }

    private static FitPanel panel(Predictor predictor, Measurement m) {
        double[] dense = Predictions.evenlySpaced(m.time()[0], m.time()[m.length() - 1], DENSE_POINTS);
        String title = m.name() != null ? m.name() : m.id();
        return new FitPanel(title, m.time(), predictor.observed(m), dense, predictor.predict(m, dense));
    }

    static Map<String, Object> phaseMap(Phase p) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("lr", p.lr());
        m.put("steps", p.steps());
        m.put("batch_size", p.batchSize());
        m.put("length", p.length());
        m.put("alpha", p.alpha());
        m.put("l1", p.l1());
        return m;
    }
}
