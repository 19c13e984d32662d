package org.neuralode.io.model;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import org.neuralode.InputException;

/**
 * What every kind of saved model shares: a JSON header ({@value #HEADER_FILE}, with {@code format},
 * {@code format_version}, {@code n_params}, {@code dtype}, {@code params_sha256} and the caller's
 * {@code extra}) beside the raw parameters ({@value #PARAMS_FILE}, little-endian float64). The codecs of
 * each kind ({@link NeuralOdeCodec}, {@link MechanisticFitCodec}) add their own header keys. Stateless and
 * thread-safe.
 */
public final class ModelDirectory {

    /** Conventional file name of the header. */
    public static final String HEADER_FILE = "model.json";
    /** Conventional file name of the parameters. */
    public static final String PARAMS_FILE = "params.bin";

    static final ObjectMapper JSON = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();

    private ModelDirectory() {
    }

    /** A header object starting with {@code format} and {@code format_version}. */
    static ObjectNode newHeader(String format, int version) {
        ObjectNode h = JSON.createObjectNode();
        h.put("format", format);
        h.put("format_version", version);
        return h;
    }

    /** Adds {@code n_params}, {@code dtype}, {@code params_sha256} and {@code extra}, and encodes the header. */
    static byte[] finish(ObjectNode h, double[] theta, Map<String, ?> extra) {
        h.put("n_params", theta.length);
        h.put("dtype", "<f8");
        h.put("params_sha256", sha256(params(theta)));
        h.set("extra", JSON.valueToTree(extra == null ? Map.of() : extra));
        try {
            return JSON.writeValueAsBytes(h);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("extra is not serialisable as JSON: " + e.getOriginalMessage(), e);
        }
    }

    /** The parameters as little-endian float64, {@code 8 * length} bytes. */
    public static byte[] params(double[] theta) {
        ByteBuffer b = ByteBuffer.allocate(8 * theta.length).order(ByteOrder.LITTLE_ENDIAN);
        for (double v : theta) {
            b.putDouble(v);
        }
        return b.array();
    }

    /** The header's {@code format} value, or null when it has none ({@code source}: the model directory). */
    public static String format(byte[] header, String source) {
        JsonNode f = parse(header, directoryOf(source)).get("format");
        return f == null || !f.isTextual() ? null : f.asText();
    }

    /**
     * The parsed header after checking its format and version.
     *
     * @throws InputException naming {@value #HEADER_FILE}
     */
    static JsonNode header(byte[] header, String source, String format, int version) {
        JsonNode h = parse(header, source);
        if (!format.equals(h.path("format").asText()) || !h.path("format_version").isInt()
                || h.get("format_version").intValue() < 1 || h.get("format_version").intValue() > version) {
            throw new InputException(source + ": " + HEADER_FILE, "format " + h.path("format") + " version "
                    + h.path("format_version") + " is not " + format + " version 1.." + version);
        }
        if (!"<f8".equals(h.path("dtype").asText())) {
            throw new InputException(source + ": " + HEADER_FILE, "dtype " + h.get("dtype") + " is not \"<f8\"");
        }
        return h;
    }

    /**
     * The parameters, after checking their count against {@code n} and their SHA-256 against the header's.
     *
     * @throws InputException naming {@value #PARAMS_FILE}
     */
    static double[] theta(JsonNode h, byte[] params, int n, String source) {
        String where = source + ": " + PARAMS_FILE;
        if (params.length != 8L * n) {
            throw new InputException(where, params.length + " bytes, expected " + 8L * n + " (" + n
                    + " float64 values)");
        }
        String sha = sha256(params);
        if (!sha.equals(h.path("params_sha256").asText())) {
            throw new InputException(where, "SHA-256 " + sha + " does not match params_sha256 "
                    + h.get("params_sha256") + " in " + HEADER_FILE);
        }
        ByteBuffer b = ByteBuffer.wrap(params).order(ByteOrder.LITTLE_ENDIAN);
        double[] theta = new double[n];
        for (int k = 0; k < n; k++) {
            theta[k] = b.getDouble();
        }
        return theta;
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

    static JsonNode parse(byte[] header, String source) {
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
    static String directoryOf(String source) {
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

    static int intField(JsonNode h, String key, String where) {
        JsonNode v = h.get(key);
        if (v == null || !v.isInt()) {
            throw new InputException(where, key + " must be an integer, got " + v);
        }
        return v.intValue();
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every Java platform", e);
        }
    }
}
