package org.neuralode.io.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.neuralode.InputException;
import org.neuralode.nn.Activation;
import org.neuralode.nn.MlpSpec;
import org.neuralode.nn.NeuralOde;
import org.neuralode.nn.Rbf;

/**
 * This project's neural ODE format: a JSON header ({@value ModelDirectory#HEADER_FILE}) and the raw parameters
 * ({@value ModelDirectory#PARAMS_FILE}, little-endian float64 in {@link MlpSpec}'s layout; see
 * {@link ModelDirectory}). Encodes to and decodes from bytes; callers write the files. Doubles survive exactly, so a reloaded model predicts bit-identically.
 *
 * <p>Header keys: {@code format} ({@value #FORMAT}), {@code format_version} ({@value #VERSION}),
 * {@code states}, {@code width}, {@code depth}, {@code activation} (Catalax name), {@code rbf}
 * ({@code {"gamma": g}}, only for an RBF network), {@code use_final_bias}, {@code t_max}, {@code layers} (per
 * Linear layer {@code {"weight": [out, in], "bias": [out] | null}}, plus {@code "centres": [out]} before an
 * RBF layer), then {@link ModelDirectory}'s {@code n_params}, {@code dtype}, {@code params_sha256} and
 * {@code extra} (caller's provenance, e.g. the strategy phase; any JSON). Stateless and thread-safe.
 */
public final class NeuralOdeCodec {

    /** The {@code format} value. */
    public static final String FORMAT = "neuralode-spark.neural-ode";
    /** The {@code format_version} this code writes and the newest it reads. */
    public static final int VERSION = 1;

    private NeuralOdeCodec() {
    }

    /** The header JSON (UTF-8) for {@code model}, with {@code extra} under the key {@code "extra"}. */
    public static byte[] header(NeuralOde model, Map<String, ?> extra) {
        ObjectNode h = ModelDirectory.newHeader(FORMAT, VERSION);
        model.states().forEach(h.putArray("states")::add);
        putMlp(h, model.spec(), model.tMax());
        return ModelDirectory.finish(h, model.theta(), extra);
    }

    /** The network keys: width, depth, activation, rbf (if any), use_final_bias, t_max and the layer shapes. */
    static void putMlp(ObjectNode h, MlpSpec spec, double tMax) {
        h.put("width", spec.width());
        h.put("depth", spec.depth());
        h.put("activation", spec.activation().catalaxName());
        if (spec.rbf() != null) {
            h.putObject("rbf").put("gamma", spec.rbf().gamma());
        }
        h.put("use_final_bias", spec.useFinalBias());
        h.put("t_max", tMax);
        h.set("layers", layers(spec));
    }

    /** The network the keys of {@link #putMlp} describe, for {@code states} states. */
    static MlpSpec readMlp(JsonNode h, int states, String where) {
        MlpSpec spec;
        try {
            spec = new MlpSpec(states, ModelDirectory.intField(h, "width", where),
                    ModelDirectory.intField(h, "depth", where), Activation.byName(h.path("activation").asText(null)),
                    boolField(h, "use_final_bias", where), rbf(h.get("rbf"), where));
        } catch (IllegalArgumentException e) {
            throw new InputException(where, e.getMessage(), e);
        }
        return spec;
    }

    /** Whether the header's {@code layers} are {@code spec}'s. */
    static boolean layersMatch(JsonNode h, MlpSpec spec) {
        return layers(spec).equals(h.get("layers"));
    }

    /** The {@code t_max} key. */
    static double readTimeScale(JsonNode h, String where) {
        JsonNode tMax = h.path("t_max");
        if (!tMax.isNumber()) {
            throw new InputException(where, "t_max must be a number, got " + tMax);
        }
        return tMax.doubleValue();
    }

    /**
     * Rebuilds the model, checking the format, the architecture against {@code n_params} and
     * {@code layers}, the params size and its SHA-256.
     *
     * @param source the model directory (or its header's path), named in messages
     * @throws InputException naming the header or params file and the offending value
     */
    public static NeuralOde decode(byte[] header, byte[] params, String source) {
        source = ModelDirectory.directoryOf(source);
        JsonNode h = ModelDirectory.header(header, source, FORMAT, VERSION);
        String where = source + ": " + ModelDirectory.HEADER_FILE;
        MlpSpec spec = readMlp(h, h.path("states").size(), where);
        if (ModelDirectory.intField(h, "n_params", where) != spec.numParams() || !layersMatch(h, spec)) {
            throw new InputException(where, "n_params " + h.get("n_params") + " / layers " + h.get("layers")
                    + " do not match the architecture " + spec + " (" + spec.numParams() + " parameters)");
        }
        double[] theta = ModelDirectory.theta(h, params, spec.numParams(), source);
        List<String> states = new ArrayList<>();
        h.path("states").forEach(s -> states.add(s.asText()));
        double tMax = readTimeScale(h, where);
        try {
            return new NeuralOde(states, spec, tMax, theta);
        } catch (IllegalArgumentException e) {
            throw new InputException(where, e.getMessage(), e);
        }
    }

    private static ArrayNode layers(MlpSpec spec) {
        ArrayNode layers = ModelDirectory.JSON.createArrayNode();
        for (int l = 0; l < spec.numLayers(); l++) {
            ObjectNode layer = layers.addObject();
            layer.putArray("weight").add(spec.out(l)).add(spec.in(l));
            if (spec.hasBias(l)) {
                layer.putArray("bias").add(spec.out(l));
            } else {
                layer.putNull("bias");
            }
            if (spec.hasCentres(l)) {
                layer.putArray("centres").add(spec.out(l));
            }
        }
        return layers;
    }

    /** The {@code rbf} key: absent or null (no RBF layers) or {@code {"gamma": g}}. */
    private static Rbf rbf(JsonNode v, String where) {
        if (v == null || v.isNull()) {
            return null;
        }
        if (!v.isObject() || v.size() != 1 || !v.path("gamma").isNumber()) {
            throw new InputException(where, "rbf must be null or {\"gamma\": g}, got " + v);
        }
        return new Rbf(v.get("gamma").doubleValue());
    }

    private static boolean boolField(JsonNode h, String key, String where) {
        JsonNode v = h.get(key);
        if (v == null || !v.isBoolean()) {
            throw new InputException(where, key + " must be true or false, got " + v);
        }
        return v.booleanValue();
    }
}
