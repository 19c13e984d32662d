package org.neuralode.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.neuralode.io.RunLock;
import org.neuralode.io.Storage;
import org.neuralode.report.CvBestMetric;
import org.neuralode.report.CvReport;
import org.neuralode.spark.cv.CvJob;
import org.neuralode.spark.cv.CvPlan;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code cv --config FILE [--set KEY=VALUE]... --out DIR [--overwrite] [--best-metric M]}: a fold-parallel
 * cross-validation sweep on Spark, then with {@code refit: true} the best grid point trained on all the data
 * into {@code DIR/best}. Exit codes: 0 done (reports written), 2 bad input (config, data or an output
 * directory holding another run), 3 no task completed (every task diverged or failed; reports written; no
 * refit) or the refit diverged (its last good model kept), 1 internal or Spark error (rerunning resumes),
 * 130/143 SIGINT/SIGTERM (the Spark jobs are cancelled, finished tasks kept; rerunning resumes). {@code DIR}
 * is locked for the run ({@link RunLock}).
 */
@Command(name = "cv", mixinStandardHelpOptions = true,
        description = {"Cross-validate on Spark: every (sweep grid point, fold, ensemble member) trains one model "
                + "in one Spark task; results go to DIR/tasks/, the reports to DIR/report.{json,csv,html}.",
            "With refit: true the best grid point is then trained on all the data into DIR/best (a train run).",
            "Rerunning the same command on the same DIR resumes: finished tasks (and a finished refit) are skipped."})
final class CvCommand implements Callable<Integer> {

    @Option(names = "--config", required = true, paramLabel = "FILE", description = "Job configuration (YAML); "
            + "dataset.validation gives the folds (leave_one_out, folds + seed, ids), sweep: the grid, "
            + "ensemble.members the members.")
    String config;

    @Option(names = "--set", paramLabel = "KEY=VALUE",
            description = "Override a config key: dotted path with [i] for list items; VALUE is YAML. Repeatable.")
    List<String> overrides = new ArrayList<>();

    @Option(names = "--out", required = true, paramLabel = "DIR",
            description = "Output directory: a local path, file://, hdfs:// or s3a://.")
    String out;

    @Option(names = "--overwrite", description = "Replace a run of another configuration (or write into a "
            + "directory with other files).")
    boolean overwrite;

    @Option(names = "--best-metric", paramLabel = "METRIC", defaultValue = "validation.mae",
            description = "Ranks the grid points by its mean: [validation.|train.]<metric>, metric one of loss, "
                    + "mae, chi_square, reduced_chi_square, weighted_mape, aic, bic, r_squared (highest wins for "
                    + "r_squared, lowest otherwise). Default: ${DEFAULT-VALUE}.")
    String bestMetric;

    @Override
    public Integer call() {
        CvBestMetric best = CvBestMetric.parse(bestMetric);
        CvPlan plan = CvPlan.load(Storage.read(config), config, overrides);
        try (RunLock lock = RunLock.acquire(out, "cv", Main::warn);
             StopOnSignal signals = StopOnSignal.install(lock::close)) {
            CvJob job = CvJob.open(plan, out, overwrite, best);
            System.err.printf("neuralode: cv: %d tasks, %d already done in %s, %d to run%n", job.totalTasks(),
                    job.totalTasks() - job.pending().size(), job.location(), job.pending().size());
            signals.onStop(job::cancel);
            CvJob.Outcome outcome;
            try {
                outcome = job.run(signals);
            } catch (CvJob.Interrupted e) {
                System.err.println("neuralode: " + e.getMessage());
                return signals.exitCode();
            }
            int code = report(job, outcome, best);
            return signals.exitCode() != 0 ? signals.exitCode() : code;
        }
    }

    /** Prints what the sweep (and refit) did; returns the exit code, 3 when nothing completed or the refit diverged. */
    private static int report(CvJob job, CvJob.Outcome outcome, CvBestMetric best) {
        CvReport report = outcome.report();
        System.err.printf("neuralode: cv: computed %d, skipped %d; wrote %s (report.json, report.csv, report.html)%n",
                outcome.computed(), outcome.skipped(), job.location());
        if (report.best() == null) {
            System.err.println("neuralode: cv: no task completed (all diverged or failed); see report.html");
        } else {
            System.out.printf("best %s = %s at %s%n", best, report.bestValue(),
                    CvReport.gridLabel(report.best().grid()));
        }
        if (outcome.refit() != null) {
            System.err.println("neuralode: cv: " + outcome.refit().summary());
        }
        boolean diverged = report.best() == null || outcome.refit() != null && outcome.refit().diverged();
        return diverged ? ExitCodes.DIVERGED : ExitCodes.OK;
    }
}
