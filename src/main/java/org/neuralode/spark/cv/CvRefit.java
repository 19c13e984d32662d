package org.neuralode.spark.cv;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.spark.api.java.JavaSparkContext;
import org.neuralode.InputException;
import org.neuralode.config.ConfigLoader;
import org.neuralode.data.Dataset;
import org.neuralode.io.JsonText;
import org.neuralode.io.RunDirectory;
import org.neuralode.io.Storage;
import org.neuralode.report.CvReport;
import org.neuralode.report.CvSummary;
import org.neuralode.train.TrainingDivergedException;
import org.neuralode.workflow.TrainJob;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The refit of a {@code cv} run ({@code refit: true}): after the sweep, the best grid point
 * ({@link CvReport#best()}) is trained on the whole dataset, augmented as configured, in one Spark task, into
 * {@code DIR/best/}, a {@code train} run directory written by {@link TrainJob} (model/, metrics.json,
 * run.json, config.yaml, progress.tsv, plots/) through {@link Storage}, so {@code DIR} may be remote. Its
 * configuration is the one the grid point's cv tasks resolve (member 0's, whose seeds are the grid point's)
 * with {@code dataset.validation} removed, so {@code train --config DIR/best/config.yaml} trains it again.
 *
 * <p>A rerun skips the refit when {@code best/run.json} says the run finished ({@code completed}, or
 * {@code diverged}: training is deterministic) and {@code best/config.yaml} is this refit's; otherwise it is
 * trained again. Driver side, except {@link #train}, which runs on an executor. Stateless.
 */
public final class CvRefit {

    /** The refit's directory under the cv output directory. */
    public static final String DIR = "best";
    /** The status of a refit skipped because no grid point could be ranked. */
    public static final String NO_BEST = "skipped";

    private static final List<String> FINISHED = List.of("completed", "diverged");
    private static final JsonMapper JSON = JsonMapper.builder().build();
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
        String config = config(plan.bundle(), g).toYaml();
        String status = finishedStatus(location, config);
        boolean computed = status == null;
        if (computed) {
            Map<String, Object> d = new LinkedHashMap<>();
            d.put("grid", g);
            d.put("source", plan.source() + " (refit of grid point " + g + ")");
            Map<String, Object> dataset = new LinkedHashMap<>();
            for (String k : List.of("path", "md5", "sha256")) {
                dataset.put(k, plan.datasetFingerprint().get(k));
            }
            d.put("dataset", dataset);
            sc.setJobDescription("neuralode cv: refit of grid point " + g);
            RunTaskFunction.runAll(sc, plan, dir, List.of(JsonText.compact(d)), CvRefit::train);
            status = finishedStatus(location, config);
            if (status == null) {
                throw new IllegalStateException("the refit did not finish " + location
                        + "; is another run writing into it?");
            }
        }
        return new Result(g, best.grid(), location, status, computed);
    }

    /** The refit's configuration: grid point {@code grid}'s member-0 task configuration without validation. */
    static ConfigLoader.Loaded config(CvBundle bundle, int grid) {
        String yaml = bundle.configs().get(CvBundle.configKey(grid, 0));
        return ConfigLoader.load(yaml.getBytes(StandardCharsets.UTF_8), "cv refit of grid point " + grid,
                List.of("dataset.validation=null"));
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

    /**
     * Executor side: trains the refit a descriptor ({@code grid, source, dataset} fingerprint) names into
     * {@code dir/best}; a divergence keeps the last good model and status {@code diverged} in its run.json.
     *
     * @return a one-line summary: grid point, status and seconds
     */
    static String train(CvBundle bundle, String descriptor, String dir) {
        long t0 = System.nanoTime();
        JsonNode d = parse(descriptor);
        int grid = d.get("grid").asInt();
        Map<String, String> fingerprint = new LinkedHashMap<>();
        d.get("dataset").fields().forEachRemaining(e -> fingerprint.put(e.getKey(), e.getValue().asText()));
        ConfigLoader.Loaded loaded = config(bundle, grid);
        Dataset all = bundle.dataset();
        TrainJob.Data data = new TrainJob.Data(all, all, loaded.config().dataset().augment(), null, fingerprint);
        String status = "completed";
        try {
            new TrainJob(loaded, d.get("source").asText()).run(RunDirectory.open(Storage.resolve(dir, DIR), true),
                    data);
        } catch (TrainingDivergedException e) {
            status = "diverged";
        }
        String line = String.format(Locale.ROOT, "refit of grid point %d %s %.2f s", grid, status,
                (System.nanoTime() - t0) * 1e-9);
        LOG.info("cv {}", line);
        return line;
    }

    private static JsonNode parse(String descriptor) {
        try {
            return JSON.readTree(descriptor);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not a refit descriptor: " + descriptor, e);
        }
    }
}
