package org.neuralode.spark.cv;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import org.apache.spark.api.java.JavaSparkContext;
import org.neuralode.InputException;
import org.neuralode.io.JsonText;
import org.neuralode.report.CvBestMetric;
import org.neuralode.report.CvReport;
import org.neuralode.report.CvReportHtml;
import org.neuralode.report.CvTaskResult;
import org.neuralode.spark.SparkContexts;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A {@code cv} run into one output directory: resumes what is there, runs the missing tasks on Spark (one
 * task per partition), then writes {@code report.json}, {@code report.csv} and {@code report.html} from the
 * task result files; with {@code refit: true} it then trains the best grid point on all the data
 * ({@link CvRefit}) and adds a {@code refit} entry to {@code report.json} and a Refit section to
 * {@code report.html}. Driver side; not thread-safe.
 *
 * <p>Layout of {@code DIR}: {@code run.json} (provenance, status, timings), {@code config.yaml} (the
 * resolved configuration), {@code tasks/<id>.json}, {@code models/<id>/}, the three reports, and
 * {@code best/} (the refit, a {@code train} run directory).
 */
public final class CvJob {

    private static final Logger LOG = LoggerFactory.getLogger(CvJob.class);
    /** The Spark job group of a run's jobs, cancelled with their running tasks interrupted by {@link #cancel}. */
    private static final String JOB_GROUP = "neuralode-cv";

    private final CvPlan plan;
    private final CvOutputDirectory out;
    private final CvBestMetric bestMetric;
    private final List<CvTask> pending = new ArrayList<>();
    private final int total;
    private volatile JavaSparkContext live;

    /** A run stopped by {@link #cancel}: its message says how many tasks are done and how to resume. */
    public static final class Interrupted extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Interrupted(String message) {
            super(message);
        }
    }

    /**
     * What a run did.
     *
     * @param tasks    tasks of the plan
     * @param skipped  tasks whose results were already in the directory
     * @param computed tasks run now
     * @param seconds  wall seconds of the Spark job (0 when nothing ran)
     * @param report   the aggregated report
     * @param refit    what the refit did, null with {@code refit: false}
     */
    public record Outcome(int tasks, int skipped, int computed, double seconds, CvReport report,
                          CvRefit.Result refit) {
    }

    private CvJob(CvPlan plan, CvOutputDirectory out, CvBestMetric bestMetric) {
        this.plan = plan;
        this.out = out;
        this.bestMetric = bestMetric;
        List<CvTask> tasks = plan.tasks();
        this.total = tasks.size();
        Set<String> existing = out.existingTaskIds();
        for (CvTask t : tasks) {
            if (!existing.contains(t.id()) || !sameConfig(t.id())) {
                pending.add(t);
            }
        }
    }

    /**
     * Opens the output directory (refusing one that holds another run unless {@code overwrite}) and finds
     * the tasks still to run. Touches no Spark.
     *
     * @throws InputException when the directory cannot be used
     */
    public static CvJob open(CvPlan plan, String outDir, boolean overwrite, CvBestMetric bestMetric) {
        return new CvJob(plan, CvOutputDirectory.open(outDir, plan.configHash(), overwrite), bestMetric);
    }

    private boolean sameConfig(String taskId) {
        try {
            return plan.configHash().equals(TaskResultFiles.read(out.location(), taskId).configHash());
        } catch (InputException e) {
            LOG.warn("cv: recomputing {}: {}", taskId, e.getMessage());
            return false;
        }
    }

    /** The output directory's location (absolute for local paths). */
    public String location() {
        return out.location();
    }

    /** Tasks of the plan. */
    public int totalTasks() {
        return total;
    }

    /** Tasks still to run. */
    public List<CvTask> pending() {
        return List.copyOf(pending);
    }

    /**
     * Runs the pending tasks on a new Spark context named "neuralode cv", stopped whatever happens (the
     * CLI's entry point, so that only this package imports Spark).
     *
     * @param stop polled before each Spark job and when one fails; see {@link #run(JavaSparkContext, BooleanSupplier)}
     */
    public Outcome run(BooleanSupplier stop) {
        JavaSparkContext sc = SparkContexts.create("neuralode cv");
        try {
            return run(sc, stop);
        } finally {
            sc.stop();
        }
    }

    /** {@link #run(JavaSparkContext, BooleanSupplier)} that is never stopped. */
    public Outcome run(JavaSparkContext sc) {
        return run(sc, () -> false);
    }

    /**
     * Runs the pending tasks on {@code sc} (nothing when all are done) and writes the reports.
     *
     * @param sc   a live context; the caller stops it
     * @param stop true once the run was asked to stop ({@link #cancel} cancels its jobs)
     * @return what was run and the report
     * @throws Interrupted when {@code stop} is true before a Spark job or when one fails; {@code run.json}
     *                     then says {@code interrupted}
     */
    public Outcome run(JavaSparkContext sc, BooleanSupplier stop) {
        Instant start = Instant.now();
        int skipped = total - pending.size();
        LOG.info("cv: {} tasks ({} grid points x {} folds x {} members); {} already in {}, {} to run", total,
                plan.grid().size(), plan.folds().size(), plan.members(), skipped, out.location(), pending.size());
        writeRecord("running", start, null, null);
        out.dir().write("config.yaml", plan.base().toYaml());
        live = sc;
        sc.setJobGroup(JOB_GROUP, "neuralode cv", true);
        double seconds = interruptible(stop, start, () -> pending.isEmpty() ? 0.0 : runTasks(sc));
        CvReport report = readReport();
        out.dir().write("report.csv", report.csv());
        writeReports(report, null);
        CvRefit.Result refit = null;
        if (plan.base().config().refit()) {
            refit = interruptible(stop, start, () -> CvRefit.run(sc, plan, out.location(), report.best()));
            writeReports(report, refit);
        }
        Outcome outcome = new Outcome(total, skipped, pending.size(), seconds, report, refit);
        writeRecord("completed", start, Instant.now(), outcome);
        LOG.info("cv: ran {} tasks in {} s, skipped {}; best {} = {}", pending.size(),
                String.format(Locale.ROOT, "%.1f", seconds), skipped, bestMetric,
                report.bestValue());
        return outcome;
    }

    /**
     * Asks a running {@link #run} to stop, from any thread (a signal handler's): turns logging off (Spark
     * reports cancelled jobs and killed tasks as errors) and cancels the run's Spark jobs, interrupting their
     * running tasks, which then write nothing.
     */
    public void cancel() {
        SparkContexts.quietLogging();
        JavaSparkContext sc = live;
        if (sc != null) {
            sc.cancelJobGroup(JOB_GROUP);
        }
    }

    /** Does {@code work} unless asked to stop; a failure after a stop request (a cancelled job) is the stop. */
    private <T> T interruptible(BooleanSupplier stop, Instant start, Supplier<T> work) {
        try {
            if (!stop.getAsBoolean()) {
                return work.get();
            }
        } catch (Exception e) {
            if (!stop.getAsBoolean()) {
                throw e;
            }
        }
        int done = total - pending.size();
        Set<String> existing = out.existingTaskIds();
        for (CvTask t : pending) {
            done += existing.contains(t.id()) && sameConfig(t.id()) ? 1 : 0;
        }
        writeRecord("interrupted", start, Instant.now(), null);
        throw new Interrupted("interrupted: " + done + " of " + total + " tasks done in " + out.location()
                + "; rerun the same command to resume");
    }

    private double runTasks(JavaSparkContext sc) {
        long t0 = System.nanoTime();
        List<String> descriptors = new ArrayList<>(pending.size());
        for (CvTask t : pending) {
            descriptors.add(t.toJson());
        }
        sc.setJobDescription("neuralode cv: " + pending.size() + " of " + total + " tasks");
        List<String> lines = RunTaskFunction.runAll(sc, plan.bundle(), out.location(), descriptors,
                (bundle, task, dir) -> CvTaskRunner.run(bundle, CvTask.fromJson(task), dir));
        LOG.debug("cv: task summaries {}", lines);
        return (System.nanoTime() - t0) * 1e-9;
    }

    /** Reads every task's result (all must exist now) into the report. */
    private CvReport readReport() {
        List<CvTaskResult> results = new ArrayList<>(total);
        for (CvTask t : plan.tasks()) {
            TaskResultFiles.Read r = TaskResultFiles.read(out.location(), t.id());
            if (!plan.configHash().equals(r.configHash())) {
                throw new IllegalStateException("task " + t.id() + " result has config hash " + r.configHash()
                        + " after the run; another run is writing into " + out.location());
            }
            results.add(r.result());
        }
        return CvReport.of(results, bestMetric);
    }

    /** Writes {@code report.json} and {@code report.html}, with the refit's entry and section unless null. */
    private void writeReports(CvReport report, CvRefit.Result refit) {
        Map<String, Object> json = report.toJson(plan.describe());
        if (refit != null) {
            json.put("refit", refit.toJson());
        }
        out.dir().write("report.json", JsonText.pretty(json));
        out.dir().write("report.html", CvReportHtml.render(report, facts(), plan.dataset().states(),
                refit == null ? null : refit.note()));
    }

    private Map<String, String> facts() {
        Map<String, String> f = new LinkedHashMap<>();
        f.put("config", plan.source());
        f.put("config hash", plan.configHash());
        f.put("dataset", plan.datasetFingerprint().get("path") + " (" + plan.dataset().size()
                + " measurements, states " + plan.dataset().states() + ")");
        f.put("sweep", plan.base().config().sweep().isEmpty() ? "(none)"
                : JsonText.compact(plan.base().config().sweep()));
        f.put("tasks", total + " = " + plan.grid().size() + " grid points x " + plan.folds().size()
                + " folds x " + plan.members() + " members");
        f.put("ranking", bestMetric + " (mean over completed tasks, "
                + (bestMetric.lowerIsBetter() ? "lower" : "higher") + " is better)");
        return f;
    }

    /** Writes {@code run.json}; {@code done} is null while running. */
    private void writeRecord(String status, Instant start, Instant end, Outcome done) {
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("tool", "neuralode-spark");
        r.put("command", "cv");
        r.put("status", status);
        r.putAll(plan.describe());
        r.put("start", start.toString());
        r.put("end", end == null ? null : end.toString());
        r.put("wall_seconds", end == null ? null : Duration.between(start, end).toMillis() / 1000.0);
        r.put("skipped_tasks", total - pending.size());
        r.put("computed_tasks", done == null ? null : done.computed());
        r.put("spark_job_seconds", done == null ? null : done.seconds());
        if (done != null && done.refit() != null) {
            Map<String, Object> refit = new LinkedHashMap<>(done.refit().toJson());
            refit.put("computed", done.refit().computed());
            r.put("refit", refit);
        }
        Map<String, Object> v = new LinkedHashMap<>();
        v.put("neuralode", versionOf(CvJob.class));
        v.put("java", System.getProperty("java.version"));
        v.put("spark", org.apache.spark.package$.MODULE$.SPARK_VERSION());
        r.put("versions", v);
        out.writeRecord(r);
    }

    private static String versionOf(Class<?> c) {
        String v = c.getPackage().getImplementationVersion();
        return v == null ? "dev" : v;
    }
}
