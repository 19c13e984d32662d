package org.neuralode.spark.cv;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.neuralode.data.Dataset;
import org.neuralode.data.Measurement;
import org.neuralode.io.JsonText;

/**
 * Everything a task needs besides its {@link CvTask}: the dataset, the resolved configuration of every
 * (grid point, member), the grid values and the run's configuration hash. Broadcast once per run as one
 * JSON string (independent of the Spark serializer); doubles round-trip exactly (shortest repr), missing
 * observations as null. Immutable.
 *
 * @param configHash the run's configuration hash (stamped into every task result)
 * @param dataset    the whole dataset (tasks split it by held-out ids)
 * @param grid       values of each grid point, by grid index
 * @param configs    resolved YAML per {@link #configKey(int, int)}
 */
public record CvBundle(String configHash, Dataset dataset, List<Map<String, Object>> grid,
                       Map<String, String> configs) {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    /** The key of a (grid point, member) configuration, {@code g<grid>-m<member>}. */
    public static String configKey(int grid, int member) {
        return "g" + grid + "-m" + member;
    }

    /** The resolved configuration YAML of a task. */
    public String config(CvTask task) {
        String yaml = configs.get(configKey(task.grid(), task.member()));
        if (yaml == null) {
            throw new IllegalArgumentException("no configuration for task " + task.id());
        }
        return yaml;
    }

    /** The bundle as one JSON string. */
    public String encode() {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("config_hash", configHash);
        root.put("grid", grid);
        root.put("configs", configs);
        root.put("dataset", datasetMap(dataset));
        return JsonText.compact(root);
    }

    /** Parses {@link #encode}'s output. */
    public static CvBundle decode(String json) {
        try {
            JsonNode root = JSON.readTree(json);
            List<Map<String, Object>> grid = new ArrayList<>();
            for (JsonNode g : root.get("grid")) {
                grid.add(TaskResultFiles.plain(g));
            }
            Map<String, String> configs = new LinkedHashMap<>();
            root.get("configs").fields().forEachRemaining(e -> configs.put(e.getKey(), e.getValue().asText()));
            return new CvBundle(root.get("config_hash").asText(), dataset(root.get("dataset")), grid, configs);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not a cv bundle", e);
        }
    }

    private static Map<String, Object> datasetMap(Dataset d) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", d.id());
        m.put("name", d.name());
        m.put("description", d.description());
        m.put("states", d.states());
        List<Map<String, Object>> ms = new ArrayList<>();
        for (Measurement x : d.measurements()) {
            Map<String, Object> mm = new LinkedHashMap<>();
            mm.put("id", x.id());
            mm.put("name", x.name());
            mm.put("description", x.description());
            mm.put("initial_conditions", x.initialConditions());
            mm.put("time", x.time());
            Map<String, Object> data = new LinkedHashMap<>();
            x.data().forEach((k, v) -> data.put(k, TaskResultFiles.nullable(v)));
            mm.put("data", data);
            ms.add(mm);
        }
        m.put("measurements", ms);
        return m;
    }

    private static Dataset dataset(JsonNode n) {
        List<String> states = new ArrayList<>();
        n.get("states").forEach(s -> states.add(s.asText()));
        List<Measurement> ms = new ArrayList<>();
        for (JsonNode x : n.get("measurements")) {
            Map<String, Double> ic = new LinkedHashMap<>();
            x.get("initial_conditions").fields().forEachRemaining(e -> ic.put(e.getKey(), e.getValue().asDouble()));
            Map<String, double[]> data = new LinkedHashMap<>();
            Iterator<Map.Entry<String, JsonNode>> it = x.get("data").fields();
            while (it.hasNext()) {
                Map.Entry<String, JsonNode> e = it.next();
                data.put(e.getKey(), TaskResultFiles.doubles(e.getValue()));
            }
            ms.add(new Measurement(x.get("id").asText(), text(x.get("name")), text(x.get("description")), ic,
                    TaskResultFiles.doubles(x.get("time")), data));
        }
        return new Dataset(text(n.get("id")), text(n.get("name")), text(n.get("description")),
                List.copyOf(states), List.copyOf(ms));
    }

    private static String text(JsonNode n) {
        return n == null || n.isNull() ? null : n.asText();
    }
}
