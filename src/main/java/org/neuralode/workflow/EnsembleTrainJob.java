package org.neuralode.workflow;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import org.neuralode.InputException;
import org.neuralode.config.ConfigLoader;
import org.neuralode.config.JobConfig;
import org.neuralode.io.DatasetFiles;
import org.neuralode.io.EnsembleManifest;
import org.neuralode.io.RunDirectory;

/**
 * {@code train} with {@code ensemble: {members: m}}: m models of one configuration, member j with the model and
 * training seeds plus j ({@link JobConfig#memberOverrides}, as {@code cv} derives its members), each trained by
 * a {@link MemberTraining} (one Spark task per member) as an ordinary {@code train} run into
 * {@code DIR/members/member-j/}; then {@code DIR/model/} becomes the ensemble (an {@link EnsembleManifest} and
 * the member models {@code member-j/}), and {@code DIR/metrics.json} holds the metrics of the members' mean
 * ({@link EnsembleOutputs}). Everything that can be refused (configuration, data, model file, batch sizes,
 * memory) is checked before anything is written.
 */
public final class EnsembleTrainJob {

    /** The directory of the members' own train runs under the run directory. */
    public static final String MEMBERS = "members";

    private final ConfigLoader.Loaded loaded;
    private final String source;
    private final List<ConfigLoader.Loaded> members = new ArrayList<>();
    private DatasetFiles.Fingerprinted loadedData;
    private TrainJob.Data data;

    /** Where the members train (the Spark implementation runs one task per member). */
    public interface MemberTraining {

        /**
         * Trains every member as a {@code train} run into {@code membersDir/member-j}, returning once each has
         * completed or diverged (its {@code run.json} says which).
         *
         * @param configs the members' resolved configurations (YAML), by member
         * @param data    the configured dataset as the driver loaded it (members split and augment it)
         */
        void train(List<String> configs, String source, DatasetFiles.Fingerprinted data, String membersDir);
    }

    /**
     * What became of the run.
     *
     * @param status   {@code completed}, {@code diverged} (some member diverged; the last good models are kept)
     *                 or {@code interrupted} (stopped before every member finished; no ensemble written)
     * @param message  one line saying what was written, or what happened
     */
    public record Outcome(String status, String message) {
    }

    /**
     * @throws InputException naming the key when the configuration also asks for {@code parallel:} training
     */
    public EnsembleTrainJob(ConfigLoader.Loaded loaded, String source) {
        this.loaded = loaded;
        this.source = source;
        JobConfig cfg = loaded.config();
        if (cfg.parallel() != null) {
            throw new InputException(source + ": parallel", "trains one model data-parallel, but ensemble.members = "
                    + cfg.ensemble().members() + " trains each member in one Spark task; remove one of the two");
        }
        byte[] yaml = loaded.toYaml().getBytes(StandardCharsets.UTF_8);
        for (int j = 0; j < cfg.ensemble().members(); j++) {
            List<String> overrides = new ArrayList<>(cfg.memberOverrides(j));
            overrides.add("ensemble.members=1");
            members.add(ConfigLoader.load(yaml, source, overrides));
        }
    }

    /** The directory name of member {@code j}, under {@code model/} and {@code members/}. */
    public static String memberName(int j) {
        return "member-" + j;
    }

    /** Member {@code j}'s resolved configuration: a one-member {@code train} configuration. */
    public ConfigLoader.Loaded member(int j) {
        return members.get(j);
    }

    /**
     * Loads the data and checks everything that can be refused before anything is written: the split, the
     * batch sizes, the model file and species, and the memory one member needs against {@code budget}.
     *
     * @param budget the heap one member's training may use (a Spark task's share)
     * @throws InputException naming the file, key or value
     */
    public void prepare(MemoryBudget budget) {
        TrainJob job = new TrainJob(loaded, source);
        loadedData = DatasetFiles.loadFingerprinted(loaded.config().dataset().path());
        data = job.prepareData(loadedData.dataset(), loadedData.fingerprint());
        MemoryEstimate.of(loaded.config(), data.original(), data.measurements()).check(budget, source);
        job.strategy(data.trainSize());
        job.initialModel(data.trainBase());
    }

    /**
     * Trains the members and writes the ensemble into {@code out}, after {@link #prepare}.
     *
     * @param stop true once the run was asked to stop; a failure of the members' training after that is the stop
     * @throws IllegalStateException before {@link #prepare}
     */
    public Outcome run(RunDirectory out, MemberTraining training, BooleanSupplier stop) {
        if (data == null) {
            throw new IllegalStateException("prepare the ensemble's training first");
        }
        Instant start = Instant.now();
        RunRecord record = new RunRecord(out, source, loaded, start);
        Map<String, Object> ensemble = manifest().toMap();
        ensemble.keySet().retainAll(List.of("n_members", "members"));
        record.put("ensemble", ensemble);
        record.started(data);
        out.write("config.yaml", loaded.toYaml());
        long t0 = System.nanoTime();
        try {
            List<String> configs = new ArrayList<>();
            members.forEach(m -> configs.add(m.toYaml()));
            training.train(configs, source, loadedData, out.path(MEMBERS));
        } catch (RuntimeException e) {
            if (!stop.getAsBoolean()) {
                record.finished("failed", e.getMessage());
                throw e;
            }
            Outcome interrupted = new Outcome("interrupted", "interrupted before every member finished; no ensemble "
                    + "model was written (the members' runs are in " + out.path(MEMBERS) + ")");
            record.finished(interrupted.status(), interrupted.message());
            return interrupted;
        }
        List<String> statuses = new EnsembleOutputs(out, manifest(), new TrainJob(loaded, source).solverOptions())
                .finish(data, (System.nanoTime() - t0) * 1e-9);
        Outcome outcome = outcome(out, statuses);
        record.finished(outcome.status(), "completed".equals(outcome.status()) ? null : outcome.message());
        return outcome;
    }

    private Outcome outcome(RunDirectory out, List<String> statuses) {
        List<Integer> diverged = new ArrayList<>();
        for (int j = 0; j < statuses.size(); j++) {
            if (!"completed".equals(statuses.get(j))) {
                diverged.add(j);
            }
        }
        return diverged.isEmpty()
                ? new Outcome("completed", "wrote " + out.location() + " (metrics.json, model/ with " + members.size()
                        + " members, members/, plots/)")
                : new Outcome("diverged", "ensemble members " + diverged + " diverged; their last good models are in "
                        + out.path("model") + " (see " + out.path(MEMBERS) + ")");
    }

    /** The ensemble's manifest: every member's directory and seeds. */
    private EnsembleManifest manifest() {
        List<EnsembleManifest.Member> list = new ArrayList<>();
        for (int j = 0; j < members.size(); j++) {
            JobConfig c = members.get(j).config();
            list.add(new EnsembleManifest.Member(memberName(j), c.model().seed(), c.training().seed()));
        }
        return new EnsembleManifest(list);
    }
}
