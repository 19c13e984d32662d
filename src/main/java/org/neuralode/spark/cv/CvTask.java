package org.neuralode.spark.cv;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.neuralode.io.JsonText;

/**
 * One unit of Spark work: train the model of grid point {@code grid}, ensemble member {@code member}, on
 * fold {@code fold}'s training side. Travels to executors as compact JSON ({@link #toJson}), so it does not
 * depend on the configured Spark serializer. Immutable.
 *
 * @param grid    0-based grid point
 * @param fold    0-based fold
 * @param member  0-based ensemble member
 * @param heldOut ids of the fold's held-out measurements
 */
public record CvTask(int grid, int fold, int member, List<String> heldOut) {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    /** Copies the id list. */
    public CvTask {
        heldOut = List.copyOf(heldOut);
    }

    /** The task id, {@code g<grid>-f<fold>-m<member>} with three-digit (or wider) numbers, e.g. {@code g001-f011-m000}. */
    public String id() {
        return id(grid, fold, member);
    }

    /** The id of a task by its indices. */
    public static String id(int grid, int fold, int member) {
        return String.format(Locale.ROOT, "g%03d-f%03d-m%03d", grid, fold, member);
    }

    /** One-line JSON: {@code {"grid":..,"fold":..,"member":..,"held_out":[..]}}. */
    public String toJson() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("grid", grid);
        m.put("fold", fold);
        m.put("member", member);
        m.put("held_out", heldOut);
        return JsonText.compact(m);
    }

    /** Parses {@link #toJson}'s output. */
    public static CvTask fromJson(String json) {
        try {
            JsonNode n = JSON.readTree(json);
            List<String> ids = new ArrayList<>();
            n.get("held_out").forEach(x -> ids.add(x.asText()));
            return new CvTask(n.get("grid").asInt(), n.get("fold").asInt(), n.get("member").asInt(), ids);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not a cv task descriptor: " + json, e);
        }
    }
}
