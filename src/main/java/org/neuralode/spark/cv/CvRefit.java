package org.neuralode.spark.cv;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.api.java.JavaSparkContext;
import org.neuralode.InputException;
import org.neuralode.io.RunDirectory;
import org.neuralode.io.Storage;
import org.neuralode.report.CvReport;
import org.neuralode.report.CvSummary;
import org.neuralode.workflow.TrainJob;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The refit of a {@code cv} run ({@code refit: true}): after the sweep, the best grid point
 * ({@link CvReport#best()}) is trained on the whole dataset, augmented as configured, in one Spark task, into
 * {@code DIR/best/}, a {@code train} run directory written by {@link TrainJob} (model/, metrics.json,
 * run.json, config.yaml, progress.tsv, plots/) through {@link Storage}, so {@code DIR} may be remote. Its
 * configuration is the one the grid point's cv tasks resolve (member 0's, whose seeds are the grid point's)
 * with {@code dataset.validation} removed and one ensemble member, so {@code train --config
 * DIR/best/config.yaml} trains it again. It runs as a {@link TrainRunTask}, so cancelling the sweep stops it
 * after its current step (its {@code run.json} then says {@code interrupted}, and a rerun trains it again).
 *
 * <p>A rerun skips the refit when {@code best/run.json} says the run finished ({@code completed}, or
 * {@code diverged}: training is deterministic) and {@code best/config.yaml} is this refit's; otherwise it is
 * trained again. Driver side. Stateless.
 */
public final class CvRefit {

    /** The refit's directory under the cv output directory. */
    public static final String DIR = "best";
    /** The status of a refit skipped because no grid point could be ranked. */
    public static final String NO_BEST = "skipped";

    private static final List<String> FINISHED = List.of("completed", "diverged");
    private static final Logger LOG = LoggerFactory.getLogger(CvRefit.class);

    /**
     * What the refit did.
     *
     * @param gridIndex the grid point trained, null when there was no best grid point
     * @param grid      its swept values (empty without a sweep), null when there was none
     * @param location  {@code DIR/best}, null when there was none
     * @param status    the run's status in {@code best/run.json} ({@code completed} or {@code diverged}), or
     *                  {@link #NO_BEST}
     * @param computed  true when this run trained it, false when it was already there or skipped
     */
    public record Result(Integer gridIndex, Map<String, Object> grid, String location, String status,
                         boolean computed) {

        /** True when the refit's training diverged (its last good model is kept). */
        public boolean diverged() {
            return "diverged".equals(status);
        }

        /** The {@code refit} entry of {@code report.json}: grid point, directory and status (no timings). */
        public Map<String, Object> toJson() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("grid_index", gridIndex);
            m.put("grid", grid);
            m.put("dir", gridIndex == null ? null : DIR);
            m.put("status", status);
            return m;
        }

        /** The text of {@code report.html}'s Refit section (the same for a run and its resumption). */
        public String note() {
            return gridIndex == null ? "Skipped: no task completed, so there is no best grid point."
                    : "Grid point " + point() + " trained on all the data into " + DIR
                    + "/ (a train run: model/, metrics.json, run.json, plots/): " + status + ".";
        }

        /** One line for the console: what was trained or skipped, and where. */
        public String summary() {
            if (gridIndex == null) {
                return "refit skipped: no task completed, so there is no best grid point";
            }
            String what = "refit of grid point " + point() + " on all the data";
            return computed ? what + ": wrote " + location + " (" + status + ")"
                    : what + ": " + location + " is already there (" + status + "); skipped";
        }

        /** {@code 1 (model.width=4)}, or {@code 0 (no sweep)}. */
        private String point() {
            String label = CvReport.gridLabel(grid);
            return gridIndex + " " + (grid.isEmpty() ? label : "(" + label + ")");
        }
    }

    private CvRefit() {
    }

    /**
     * Trains the best grid point into {@code DIR/best} unless it is already there.
     *
     * @param dir  the cv output directory
     * @param best the best grid point, or null when none could be ranked (then nothing is trained)
     */
    static Result run(JavaSparkContext sc, CvPlan plan, String dir, CvSummary best) {
        if (best == null) {
            LOG.info("cv: refit skipped: no task completed");
            return new Result(null, null, null, NO_BEST, false);
        }
        int g = best.gridIndex();
        String location = Storage.resolve(dir, DIR);
        TrainRunTask task = task(plan, g);
        String config = task.config(plan.bundle()).toYaml();
        String status = finishedStatus(location, config);
        boolean computed = status == null;
        if (computed) {
            sc.setJobDescription("neuralode cv: refit of grid point " + g);
            RunTaskFunction.runAll(sc, plan.bundle(), dir, List.of(task.toJson()), TrainRunTask::run);
            status = finishedStatus(location, config);
            if (status == null) {
                throw new IllegalStateException("the refit did not finish " + location
                        + "; is another run writing into it?");
            }
        }
        return new Result(g, best.grid(), location, status, computed);
    }

    /**
     * The refit of grid point {@code grid} as a Spark task: its member-0 task configuration without validation,
     * on the whole dataset, into {@link #DIR}.
     */
    static TrainRunTask task(CvPlan plan, int grid) {
        Map<String, String> dataset = new LinkedHashMap<>();
        for (String k : List.of("path", "md5", "sha256")) {
            dataset.put(k, plan.datasetFingerprint().get(k));
        }
        return new TrainRunTask(CvBundle.configKey(grid, 0), List.of("dataset.validation=null", "ensemble.members=1"),
                plan.source() + " (refit of grid point " + grid + ")", dataset, DIR, "refit of grid point " + grid);
    }

    /** The status of a finished refit with configuration {@code config} at {@code location}, else null. */
    private static String finishedStatus(String location, String config) {
        String marker = Storage.resolve(location, RunDirectory.MARKER);
        String yaml = Storage.resolve(location, "config.yaml");
        try {
            if (!Storage.exists(marker) || !Storage.exists(yaml)
                    || !config.equals(new String(Storage.read(yaml), StandardCharsets.UTF_8))) {
                return null;
            }
            String status = CvOutputDirectory.readRecord(marker).path("status").asText("");
            return FINISHED.contains(status) ? status : null;
        } catch (InputException e) {
            LOG.warn("cv: redoing the refit: {}", e.getMessage());
            return null;
        }
    }
}
