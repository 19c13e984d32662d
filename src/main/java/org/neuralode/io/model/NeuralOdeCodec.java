package org.neuralode.io.model;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.neuralode.InputException;
import org.neuralode.nn.Activation;
import org.neuralode.nn.MlpSpec;
import org.neuralode.nn.NeuralOde;

/**
 * This project's model format: a JSON header ({@value #HEADER_FILE}) and the raw parameters
 * ({@value #PARAMS_FILE}, little-endian float64 in {@link MlpSpec}'s layout). Encodes to and decodes from
 * bytes; callers write the files. Doubles survive exactly, so a reloaded model predicts bit-identically.
 *
 * <p>Header keys: {@code format} ({@value #FORMAT}), {@code format_version} ({@value #VERSION}),
 * {@code states}, {@code width}, {@code depth}, {@code activation} (Catalax name), {@code use_final_bias},
 * {@code t_max}, {@code n_params}, {@code layers} (per Linear layer {@code {"weight": [out, in], "bias":
 * [out] | null}}), {@code dtype} ({@code "<f8"}), {@code params_sha256} (hex SHA-256 of the params bytes)
 * and {@code extra} (caller's provenance, e.g. the strategy phase; any JSON). Stateless and thread-safe.
 */
public final class NeuralOdeCodec {

    /** Conventional file name of the header. */
    public static final String HEADER_FILE = "model.json";
    /** Conventional file name of the parameters. */
    public static final String PARAMS_FILE = "params.bin";
    /** The {@code format} value. */
    public static final String FORMAT = "neuralode-spark.neural-ode";
    /** The {@code format_version} this code writes and the newest it reads. */
    public static final int VERSION = 1;

    private static final ObjectMapper JSON = JsonMapper.builder()
            .enable(SerializationFeature.INDENT_OUTPUT).build();

    private NeuralOdeCodec() {
    }

    /** The header JSON (UTF-8) for {@code model}, with {@code extra} under the key {@code "extra"}. */
    public static byte[] header(NeuralOde model, Map<String, ?> extra) {
        MlpSpec spec = model.spec();
        ObjectNode h = JSON.createObjectNode();
        h.put("format", FORMAT);
        h.put("format_version", VERSION);
        ArrayNode states = h.putArray("states");
        model.states().forEach(states::add);
        h.put("width", spec.width());
        h.put("depth", spec.depth());
        h.put("activation", spec.activation().catalaxName());
        h.put("use_final_bias", spec.useFinalBias());
        h.put("t_max", model.tMax());
        h.put("n_params", spec.numParams());
        h.set("layers", layers(spec));
        h.put("dtype", "<f8");
        h.put("params_sha256", sha256(params(model)));
        h.set("extra", JSON.valueToTree(extra == null ? Map.of() : extra));
        try {
            return JSON.writeValueAsBytes(h);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("extra is not serialisable as JSON: " + e.getOriginalMessage(), e);
        }
    }

    /** The parameters as little-endian float64, {@code 8 * numParams} bytes. */
    public static byte[] params(NeuralOde model) {
        double[] theta = model.theta();
        ByteBuffer b = ByteBuffer.allocate(8 * theta.length).order(ByteOrder.LITTLE_ENDIAN);
        for (double v : theta) {
            b.putDouble(v);
        }
        return b.array();
    }

    /**
     * Rebuilds the model, checking the format, the architecture against {@code n_params} and
     * {@code layers}, the params size and its SHA-256.
     *
     * @param source the model directory (or its {@value #HEADER_FILE} path), named in messages
     * @throws InputException naming {@value #HEADER_FILE} or {@value #PARAMS_FILE} and the offending value
     */
    public static NeuralOde decode(byte[] header, byte[] params, String source) {
        source = directoryOf(source);
        JsonNode h = parse(header, source);
        String where = source + ": " + HEADER_FILE;
        if (!FORMAT.equals(h.path("format").asText()) || !h.path("format_version").isInt()
                || h.get("format_version").intValue() < 1 || h.get("format_version").intValue() > VERSION) {
            throw new InputException(where, "format " + h.path("format") + " version " + h.path("format_version")
                    + " is not " + FORMAT + " version 1.." + VERSION);
        }
        MlpSpec spec;
        try {
            spec = new MlpSpec(h.path("states").size(), intField(h, "width", where), intField(h, "depth", where),
                    Activation.byName(h.path("activation").asText(null)), boolField(h, "use_final_bias", where));
        } catch (IllegalArgumentException e) {
            throw new InputException(where, e.getMessage(), e);
        }
        if (intField(h, "n_params", where) != spec.numParams() || !layers(spec).equals(h.get("layers"))) {
            throw new InputException(where, "n_params " + h.get("n_params") + " / layers " + h.get("layers")
                    + " do not match the architecture " + spec + " (" + spec.numParams() + " parameters)");
        }
        if (!"<f8".equals(h.path("dtype").asText())) {
            throw new InputException(where, "dtype " + h.get("dtype") + " is not \"<f8\"");
        }
        String paramsWhere = source + ": " + PARAMS_FILE;
        if (params.length != 8L * spec.numParams()) {
            throw new InputException(paramsWhere, params.length + " bytes, expected " + 8L * spec.numParams()
                    + " (" + spec.numParams() + " float64 values)");
        }
        String sha = sha256(params);
        if (!sha.equals(h.path("params_sha256").asText())) {
            throw new InputException(paramsWhere, "SHA-256 " + sha + " does not match params_sha256 "
                    + h.get("params_sha256") + " in " + HEADER_FILE);
        }
        return build(h, spec, params, where);
    }

    /** The {@code extra} object of a header, as plain Java values (maps, lists, numbers, strings). */
    public static Map<String, Object> extra(byte[] header, String source) {
        JsonNode e = parse(header, directoryOf(source)).path("extra");
        if (!e.isObject()) {
            return Map.of();
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> m = JSON.convertValue(e, LinkedHashMap.class);
        return m;
    }

    private static NeuralOde build(JsonNode h, MlpSpec spec, byte[] params, String where) {
        List<String> states = new ArrayList<>();
        h.path("states").forEach(s -> states.add(s.asText()));
        ByteBuffer b = ByteBuffer.wrap(params).order(ByteOrder.LITTLE_ENDIAN);
        double[] theta = new double[spec.numParams()];
        for (int k = 0; k < theta.length; k++) {
            theta[k] = b.getDouble();
        }
        JsonNode tMax = h.path("t_max");
        if (!tMax.isNumber()) {
            throw new InputException(where, "t_max must be a number, got " + tMax);
        }
        try {
            return new NeuralOde(states, spec, tMax.doubleValue(), theta);
        } catch (IllegalArgumentException e) {
            throw new InputException(where, e.getMessage(), e);
        }
    }

    private static ArrayNode layers(MlpSpec spec) {
        ArrayNode layers = JSON.createArrayNode();
        for (int l = 0; l < spec.numLayers(); l++) {
            ObjectNode layer = layers.addObject();
            layer.putArray("weight").add(spec.out(l)).add(spec.in(l));
            if (spec.hasBias(l)) {
                layer.putArray("bias").add(spec.out(l));
            } else {
                layer.putNull("bias");
            }
        }
        return layers;
    }

    private static JsonNode parse(byte[] header, String source) {
        try {
            JsonNode h = JSON.readTree(header);
            if (h == null || !h.isObject()) {
                throw new InputException(source + ": " + HEADER_FILE, "not a JSON object");
            }
            return h;
        } catch (java.io.IOException e) {
            throw new InputException(source + ": " + HEADER_FILE, "not JSON: " + e.getMessage(), e);
        }
    }

    /** {@code "run/model.json"} -> {@code "run"}, so messages read {@code "run: model.json: ..."}. */
    private static String directoryOf(String source) {
        if (source.equals(HEADER_FILE)) {
            return ".";
        }
        for (String sep : new String[] {"/", "\\"}) {
            if (source.endsWith(sep + HEADER_FILE)) {
                return source.substring(0, source.length() - HEADER_FILE.length() - 1);
            }
        }
        return source;
    }

    private static int intField(JsonNode h, String key, String where) {
        JsonNode v = h.get(key);
        if (v == null || !v.isInt()) {
            throw new InputException(where, key + " must be an integer, got " + v);
        }
        return v.intValue();
    }

    private static boolean boolField(JsonNode h, String key, String where) {
        JsonNode v = h.get(key);
        if (v == null || !v.isBoolean()) {
            throw new InputException(where, key + " must be true or false, got " + v);
        }
        return v.booleanValue();
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every Java platform", e);
        }
    }
}
