package org.neuralode.io.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.neuralode.InputException;
import org.neuralode.model.MechanisticFit;

/**
 * This project's format for a fitted mechanistic model: the {@link ModelDirectory} layout whose header also
 * holds {@code states}, {@code model_file} (the file it was fitted from), {@code model_source} (that file's
 * whole text, so the model reloads without it), {@code fit}, {@code constants} and {@code parameters} (the
 * fitted values in their units, for people; the parameters file holds the fit's unconstrained values, which
 * reload bit-identically). Stateless and thread-safe.
 */
public final class MechanisticFitCodec {

    /** The {@code format} value. */
    public static final String FORMAT = "neuralode-spark.mechanistic-fit";
    /** The {@code format_version} this code writes and the newest it reads. */
    public static final int VERSION = 1;

    private MechanisticFitCodec() {
    }

    /** The header JSON (UTF-8) for {@code model}, with {@code extra} under the key {@code "extra"}. */
    public static byte[] header(MechanisticFit model, Map<String, ?> extra) {
        ObjectNode h = ModelDirectory.newHeader(FORMAT, VERSION);
        putMechanistic(h, model);
        return ModelDirectory.finish(h, model.theta(), extra);
    }

    /** The mechanistic keys: states, model file and source, fit, constants and the fitted values. */
    static void putMechanistic(ObjectNode h, MechanisticFit model) {
        model.states().forEach(h.putArray("states")::add);
        h.put("model_file", model.file());
        h.put("model_source", new String(model.source(), StandardCharsets.UTF_8));
        model.fit().forEach(h.putArray("fit")::add);
        h.set("constants", ModelDirectory.JSON.valueToTree(model.constants()));
        h.set("parameters", ModelDirectory.JSON.valueToTree(model.namedParameters()));
    }

    /** The fit the mechanistic keys describe, at its start ({@code where}: the header, for messages). */
    static MechanisticFit readMechanistic(JsonNode h, String where) {
        List<String> fit = new ArrayList<>();
        h.path("fit").forEach(f -> fit.add(f.asText()));
        Map<String, Double> constants = new LinkedHashMap<>();
        h.path("constants").fields().forEachRemaining(e -> constants.put(e.getKey(), e.getValue().asDouble()));
        if (!h.path("model_source").isTextual() || !h.path("model_file").isTextual()) {
            throw new InputException(where, "model_file and model_source must be text");
        }
        return MechanisticFit.start(h.get("model_source").asText().getBytes(StandardCharsets.UTF_8),
                h.get("model_file").asText(), fit, constants, where);
    }

    /**
     * Rebuilds the fitted model from its header and parameters.
     *
     * @param source the model directory (or its header's path), named in messages
     * @throws InputException naming the header or params file and the offending value
     */
    public static MechanisticFit decode(byte[] header, byte[] params, String source) {
        source = ModelDirectory.directoryOf(source);
        JsonNode h = ModelDirectory.header(header, source, FORMAT, VERSION);
        String where = source + ": " + ModelDirectory.HEADER_FILE;
        MechanisticFit start = readMechanistic(h, where);
        if (ModelDirectory.intField(h, "n_params", where) != start.numParams()) {
            throw new InputException(where, "n_params " + h.get("n_params") + " does not match fit " + start.fit());
        }
        return start.withTheta(ModelDirectory.theta(h, params, start.numParams(), source));
    }
}
