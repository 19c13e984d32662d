package org.neuralode.spark.cv;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.neuralode.config.ConfigLoader;
import org.neuralode.io.JsonText;
import org.neuralode.io.RunDirectory;
import org.neuralode.io.Storage;
import org.neuralode.train.TrainingDivergedException;
import org.neuralode.workflow.TrainJob;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One whole {@code train} run as a Spark task ({@link RunTaskFunction}): the configuration a broadcast
 * {@link CvBundle} holds under {@code configKey}, with {@code overrides}, trained by {@link TrainJob} on the
 * bundle's dataset (split and augmented as that configuration says) into the run directory {@code dir} under
 * the job's output directory. A divergence keeps the last good model with status {@code diverged} in its
 * {@code run.json}; an interrupted task thread (a cancelled Spark job) stops training after the current step.
 * Used by the cv {@link CvRefit refit} and by a {@code train} ensemble's members. Travels as compact JSON.
 * Immutable.
 *
 * @param configKey the configuration's key in {@link CvBundle#configs()}
 * @param overrides {@code --set KEY=VALUE} overrides applied to it
 * @param source    the configuration's name (messages, {@code run.json}'s {@code config})
 * @param dataset   path, md5 and sha256 of the bundle's dataset (provenance)
 * @param dir       the run directory, relative to the job's output directory
 * @param label     what the summary line calls the run
 */
public record TrainRunTask(String configKey, List<String> overrides, String source, Map<String, String> dataset,
                           String dir, String label) {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Logger LOG = LoggerFactory.getLogger(TrainRunTask.class);

    /** Copies the collections. */
    public TrainRunTask {
        overrides = List.copyOf(overrides);
        dataset = Collections.unmodifiableMap(new LinkedHashMap<>(dataset));
    }

    /** The run's resolved configuration. */
    public ConfigLoader.Loaded config(CvBundle bundle) {
        String yaml = bundle.configs().get(configKey);
        if (yaml == null) {
            throw new IllegalArgumentException("no configuration " + configKey + " for " + label);
        }
        return ConfigLoader.load(yaml.getBytes(StandardCharsets.UTF_8), source, overrides);
    }

    /** One-line JSON of every component. */
    public String toJson() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("config_key", configKey);
        m.put("overrides", overrides);
        m.put("source", source);
        m.put("dataset", new LinkedHashMap<>(dataset));
        m.put("dir", dir);
        m.put("label", label);
        return JsonText.compact(m);
    }

    /** Parses {@link #toJson}'s output. */
    public static TrainRunTask fromJson(String json) {
        try {
            JsonNode n = JSON.readTree(json);
            List<String> overrides = new ArrayList<>();
            n.get("overrides").forEach(o -> overrides.add(o.asText()));
            Map<String, String> dataset = new LinkedHashMap<>();
            n.get("dataset").fields().forEachRemaining(e -> dataset.put(e.getKey(), e.getValue().asText()));
            return new TrainRunTask(n.get("config_key").asText(), overrides, n.get("source").asText(), dataset,
                    n.get("dir").asText(), n.get("label").asText());
        } catch (JsonProcessingException | NullPointerException e) {
            throw new IllegalArgumentException("not a train run descriptor: " + json, e);
        }
    }

    /**
     * Executor side ({@link RunTaskFunction.Work}): trains the run a descriptor names into {@code out/dir}.
     *
     * @return a one-line summary: label, status and seconds
     */
    public static String run(CvBundle bundle, String descriptor, String out) {
        long t0 = System.nanoTime();
        TrainRunTask t = fromJson(descriptor);
        TrainJob job = new TrainJob(t.config(bundle), t.source());
        String status = "completed";
        try {
            job.run(RunDirectory.open(Storage.resolve(out, t.dir()), true),
                    job.prepareData(bundle.dataset(), t.dataset()), Thread.currentThread()::isInterrupted);
        } catch (TrainingDivergedException e) {
            status = "diverged";
        }
        String line = String.format(Locale.ROOT, "%s %s %.2f s", t.label(), status, (System.nanoTime() - t0) * 1e-9);
        LOG.info("{}", line);
        return line;
    }
}
