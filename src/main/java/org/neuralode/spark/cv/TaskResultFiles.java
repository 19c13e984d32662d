package org.neuralode.spark.cv;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.neuralode.InputException;
import org.neuralode.io.JsonText;
import org.neuralode.io.Storage;
import org.neuralode.report.CvPrediction;
import org.neuralode.report.CvTaskResult;

/**
 * The task result files of a {@code cv} run: {@code DIR/tasks/<task id>.json}, written atomically by the
 * executor that ran the task (after the model under {@code DIR/models/<task id>/}), read back by the driver
 * for the report and for resuming.
 *
 * <p>A result file holds {@code task, config_hash, grid_index, grid, fold, member, status, message,
 * held_out, seeds, train, validation} (metric maps as {@code MetricSet.toMap()}), {@code predictions}
 * (per held-out measurement: {@code id, name, states, time, observed, predicted, dense_time, dense}, rows
 * {@code [T][S]}, null = missing or undefined), {@code model} (architecture and {@code parameters}),
 * {@code training} counts and {@code seconds}. Numbers are written in Java's round-trip decimal form, so
 * reading a file back gives the doubles that were written. Stateless and thread-safe.
 */
public final class TaskResultFiles {

    /** Directory of the result files under the run directory. */
    public static final String TASKS = "tasks";
    /** Directory of the models under the run directory. */
    public static final String MODELS = "models";

    private static final JsonMapper JSON = JsonMapper.builder().build();

    /**
     * A result read back.
     *
     * @param configHash the configuration hash the task ran under
     * @param result     what the report needs
     */
    public record Read(String configHash, CvTaskResult result) {
    }

    private TaskResultFiles() {
    }

    /** Location of a task's result file under {@code dir}. */
    public static String location(String dir, String taskId) {
        return Storage.resolve(Storage.resolve(dir, TASKS), taskId + ".json");
    }

    /** Writes a result map (see the class comment) atomically. */
    public static void write(String dir, String taskId, Map<String, Object> result) {
        Storage.writeAtomically(location(dir, taskId), JsonText.pretty(result).getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Reads a result file.
     *
     * @throws InputException naming the file when it is not a cv task result
     */
    public static Read read(String dir, String taskId) {
        String where = location(dir, taskId);
        JsonNode n;
        try {
            n = JSON.readTree(Storage.read(where));
        } catch (IOException e) {
            throw new InputException(where, "is not valid JSON: " + e.getMessage(), e);
        }
        if (n == null || !n.isObject() || !n.hasNonNull("config_hash") || !n.hasNonNull("task")) {
            throw new InputException(where, "is not a cv task result (no task or config_hash)");
        }
        List<String> heldOut = new ArrayList<>();
        n.path("held_out").forEach(x -> heldOut.add(x.asText()));
        List<CvPrediction> predictions = new ArrayList<>();
        for (JsonNode p : n.path("predictions")) {
            predictions.add(prediction(p));
        }
        CvTaskResult r = new CvTaskResult(n.get("task").asText(), n.path("grid_index").asInt(),
                plain(n.path("grid")), n.path("fold").asInt(), n.path("member").asInt(), n.path("status").asText(),
                n.path("message").isTextual() ? n.get("message").asText() : null, heldOut,
                metricMap(n.get("train")), metricMap(n.get("validation")), predictions);
        return new Read(n.get("config_hash").asText(), r);
    }

    private static CvPrediction prediction(JsonNode p) {
        List<String> states = new ArrayList<>();
        p.path("states").forEach(s -> states.add(s.asText()));
        return new CvPrediction(p.path("id").asText(), p.path("name").isTextual() ? p.get("name").asText() : null,
                states, doubles(p.get("time")), matrix(p.get("observed")), matrix(p.get("predicted")),
                doubles(p.get("dense_time")), matrix(p.get("dense")));
    }

    private static Map<String, Object> metricMap(JsonNode n) {
        return n == null || n.isNull() ? null : plain(n);
    }

    /** A JSON object as an ordered map of plain values (integers as Long, other numbers as Double). */
    static Map<String, Object> plain(JsonNode n) {
        Map<String, Object> m = new LinkedHashMap<>();
        n.fields().forEachRemaining(e -> m.put(e.getKey(), value(e.getValue())));
        return m;
    }

    private static Object value(JsonNode v) {
        if (v.isNull()) {
            return null;
        }
        if (v.isIntegralNumber()) {
            return v.asLong();
        }
        if (v.isNumber()) {
            return v.asDouble();
        }
        if (v.isBoolean()) {
            return v.asBoolean();
        }
        if (v.isObject()) {
            return plain(v);
        }
        if (v.isArray()) {
            List<Object> out = new ArrayList<>();
            v.forEach(x -> out.add(value(x)));
            return out;
        }
        return v.asText();
    }

    /** Values for JSON, non-finite ones as null. */
    static List<Double> nullable(double[] v) {
        List<Double> out = new ArrayList<>(v.length);
        for (double x : v) {
            out.add(Double.isFinite(x) ? x : null);
        }
        return out;
    }

    /** Rows for JSON, non-finite values as null. */
    static List<List<Double>> nullable(double[][] rows) {
        List<List<Double>> out = new ArrayList<>(rows.length);
        for (double[] r : rows) {
            out.add(nullable(r));
        }
        return out;
    }

    /** A JSON array of numbers (null = NaN) as doubles. */
    static double[] doubles(JsonNode a) {
        double[] out = new double[a.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = a.get(i).isNull() ? Double.NaN : a.get(i).asDouble();
        }
        return out;
    }

    private static double[][] matrix(JsonNode a) {
        double[][] out = new double[a.size()][];
        for (int i = 0; i < out.length; i++) {
            out[i] = doubles(a.get(i));
        }
        return out;
    }
}
