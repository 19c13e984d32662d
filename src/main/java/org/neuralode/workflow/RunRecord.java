package org.neuralode.workflow;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.neuralode.Version;
import org.neuralode.config.ConfigLoader;
import org.neuralode.config.JobConfig;
import org.neuralode.io.JsonText;
import org.neuralode.io.RunDirectory;

/**
 * Provenance of a run, kept in {@code run.json}: what made it (config source, seeds, dataset hashes,
 * versions) and when and how it ended. Written when the run starts (which also marks the directory as a
 * neuralode run) and again when it ends.
 */
final class RunRecord {

    private final RunDirectory out;
    private final Map<String, Object> record = new LinkedHashMap<>();

    RunRecord(RunDirectory out, String configSource, ConfigLoader.Loaded loaded, Instant start) {
        this.out = out;
        JobConfig cfg = loaded.config();
        record.put("tool", "neuralode-spark");
        record.put("command", "train");
        record.put("config", configSource);
        record.put("status", "running");
        record.put("start", start.toString());
        record.put("end", null);
        Map<String, Object> seeds = new LinkedHashMap<>();
        seeds.put("training", cfg.training().seed());
        seeds.put("model", cfg.model().seed());
        seeds.put("augment", cfg.dataset().augment().seed());
        record.put("seeds", seeds);
        record.put("model_kind", cfg.model().kind());
        record.put("engine", cfg.engine());
        record.put("versions", versions());
    }

    /** Records the saved model the run starts from (its location and the SHA-256 of its bytes). */
    void initialModel(String path, String sha256) {
        Map<String, Object> init = new LinkedHashMap<>();
        init.put("path", path);
        init.put("sha256", sha256);
        record.put("init", init);
    }

    /** Adds a top-level entry (written with the next {@link #started} or {@link #finished}). */
    void put(String key, Object value) {
        record.put(key, value);
    }

    void started(TrainJob.Data data) {
        Map<String, Object> d = new LinkedHashMap<>(data.fingerprint());
        d.put("measurements", data.original().size());
        d.put("states", data.original().states());
        d.put("train_measurements", data.trainSize());
        d.put("validation_measurements", data.validation() == null ? null : data.validation().size());
        record.put("dataset", d);
        out.write(RunDirectory.MARKER, JsonText.pretty(record));
    }

    void finished(String status, String message) {
        record.put("status", status);
        record.put("message", message);
        record.put("end", Instant.now().toString());
        out.write(RunDirectory.MARKER, JsonText.pretty(record));
    }

    private static Map<String, Object> versions() {
        Map<String, Object> v = new LinkedHashMap<>();
        v.put("neuralode", Version.current());
        v.put("java", System.getProperty("java.version"));
        v.put("spark", Version.of("org.apache.spark.SparkContext", "org.apache.spark", "spark-core"));
        v.put("nd4j", Version.of("org.nd4j.linalg.factory.Nd4j", "org.nd4j", "nd4j-api"));
        v.put("os", System.getProperty("os.name") + " " + System.getProperty("os.arch"));
        return v;
    }
}
