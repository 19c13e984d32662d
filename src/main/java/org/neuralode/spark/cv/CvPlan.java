package org.neuralode.spark.cv;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.neuralode.InputException;
import org.neuralode.config.ConfigLoader;
import org.neuralode.config.JobConfig;
import org.neuralode.data.Dataset;
import org.neuralode.data.Hashes;
import org.neuralode.io.DatasetFiles;
import org.neuralode.spark.SparkContexts;
import org.neuralode.workflow.MemoryBudget;
import org.neuralode.workflow.MemoryEstimate;
import org.neuralode.workflow.TrainJob;

/**
 * The driver's expansion of a {@code cv} configuration into tasks: the grid of the {@code sweep:}
 * ({@link GridPoint}), the folds of {@code dataset.validation} ({@link CvFolds}) and {@code ensemble.members}
 * members, with the resolved configuration of every (grid point, member), all checked before any Spark work
 * (every configuration is loaded and validated; every phase's batch size must fit the smallest fold's
 * augmented training side; a task's estimated memory, {@link MemoryEstimate}, must fit a task's share of
 * the heap, {@link SparkContexts#taskBudget}).
 *
 * <p>A grid point is applied by loading the configuration again with its values as extra
 * {@code --set KEY=VALUE} overrides (VALUE as JSON) and {@code sweep={}}; member {@code j} further sets
 * {@code model.seed} and {@code training.seed} to the grid point's values plus {@code j}
 * ({@link JobConfig#memberOverrides}). Tasks are ordered
 * by (grid point, fold, member). Immutable.
 *
 * @param source     the configuration's name (file path), for messages and provenance
 * @param base       the configuration as given (with the command's overrides)
 * @param dataset    the loaded dataset
 * @param datasetFingerprint path, md5 and sha256 of the dataset's bytes
 * @param grid       grid points
 * @param folds      held-out ids per fold
 * @param members    ensemble members per (grid point, fold)
 * @param configs    resolved YAML per {@link CvBundle#configKey(int, int)}
 * @param configHash SHA-256 of the base resolved configuration (without {@code refit}, so that turning the
 *                   refit on or off resumes the same sweep) and the dataset's SHA-256
 */
public record CvPlan(String source, ConfigLoader.Loaded base, Dataset dataset, Map<String, String> datasetFingerprint,
                     List<GridPoint> grid, List<List<String>> folds, int members, Map<String, String> configs,
                     String configHash) {

    /**
     * Loads and checks a configuration and its dataset.
     *
     * @param yaml      the config file's bytes
     * @param source    its name
     * @param overrides {@code --set} overrides
     * @throws org.neuralode.InputException for any configuration or data problem
     */
    public static CvPlan load(byte[] yaml, String source, List<String> overrides) {
        ConfigLoader.Loaded base = ConfigLoader.load(yaml, source, overrides);
        JobConfig cfg = base.config();
        if (cfg.training().earlyStopping() != null) {
            throw new InputException(source + ": training.early_stopping", "is for train: cv scores its held-out "
                    + "folds and does not watch them during training");
        }
        DatasetFiles.Fingerprinted loaded = DatasetFiles.loadFingerprinted(cfg.dataset().path());
        Dataset dataset = loaded.dataset();
        Map<String, String> fingerprint = loaded.fingerprint();
        List<List<String>> folds = CvFolds.heldOut(dataset, cfg.dataset().validation(), source);
        List<GridPoint> grid = GridPoint.expand(cfg.sweep(), source);
        int members = cfg.ensemble().members();
        int smallestTrain = dataset.size() - folds.stream().mapToInt(List::size).max().orElse(0);
        Map<String, String> configs = new LinkedHashMap<>();
        MemoryBudget budget = SparkContexts.taskBudget();
        for (GridPoint g : grid) {
            List<String> pointOverrides = new ArrayList<>(overrides);
            pointOverrides.addAll(g.overrides());
            pointOverrides.add("sweep={}");
            ConfigLoader.Loaded point = ConfigLoader.load(yaml, source, pointOverrides);
            JobConfig pc = point.config();
            // a task (or the refit) holds at most the whole dataset, augmented
            MemoryEstimate.of(pc, dataset, dataset.size() * (1L + pc.dataset().augment().n())).check(budget, source);
            new TrainJob(point, source).strategy(smallestTrain * (1 + pc.dataset().augment().n()));
            for (int j = 0; j < members; j++) {
                List<String> memberOverrides = new ArrayList<>(pointOverrides);
                memberOverrides.addAll(pc.memberOverrides(j));
                configs.put(CvBundle.configKey(g.index(), j),
                        ConfigLoader.load(yaml, source, memberOverrides).toYaml());
            }
        }
        String hash = Hashes.sha256((base.toYamlWithout("refit") + "\n# dataset sha256 " + fingerprint.get("sha256"))
                .getBytes(StandardCharsets.UTF_8));
        return new CvPlan(source, base, dataset, Map.copyOf(fingerprint), List.copyOf(grid), List.copyOf(folds),
                members, Collections.unmodifiableMap(configs), hash);
    }

    /** Every task, ordered by (grid point, fold, member). */
    public List<CvTask> tasks() {
        List<CvTask> tasks = new ArrayList<>(grid.size() * folds.size() * members);
        for (GridPoint g : grid) {
            for (int f = 0; f < folds.size(); f++) {
                for (int j = 0; j < members; j++) {
                    tasks.add(new CvTask(g.index(), f, j, folds.get(f)));
                }
            }
        }
        return tasks;
    }

    /** The broadcast bundle of this plan. */
    public CvBundle bundle() {
        List<Map<String, Object>> values = new ArrayList<>();
        for (GridPoint g : grid) {
            values.add(g.values());
        }
        return new CvBundle(configHash, dataset, values, configs);
    }

    /** Provenance for {@code run.json} and the report: config, hash, dataset, plan sizes and sweep. */
    public Map<String, Object> describe() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("config", source);
        m.put("config_hash", configHash);
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("path", datasetFingerprint.get("path"));
        d.put("md5", datasetFingerprint.get("md5"));
        d.put("sha256", datasetFingerprint.get("sha256"));
        d.put("measurements", dataset.size());
        d.put("states", dataset.states());
        m.put("dataset", d);
        m.put("sweep", base.config().sweep());
        m.put("grid_points", grid.size());
        m.put("folds", folds.size());
        m.put("members", members);
        m.put("tasks", grid.size() * folds.size() * members);
        return m;
    }
}
