package org.neuralode.model;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import org.neuralode.InputException;

/**
 * Read access to one JSON/YAML object that names the file and key path in every error and rejects
 * keys it does not know. Used by the model readers only.
 */
final class StrictObject {

    private final JsonNode node;
    private final String file;
    private final String path;

    /**
     * @param node the value that must be an object
     * @param file the file name, for messages
     * @param path the key path of {@code node} ({@code ""} for the document root)
     */
    StrictObject(JsonNode node, String file, String path) {
        if (node == null || !node.isObject()) {
            throw new InputException(where(file, path), "expected an object (key: value), got "
                    + (node == null ? "nothing" : node.getNodeType().toString().toLowerCase()));
        }
        this.node = node;
        this.file = file;
        this.path = path;
    }

    /** Throws naming the first key not in {@code allowed}. */
    StrictObject allowOnly(String... allowed) {
        List<String> ok = Arrays.asList(allowed);
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            String key = it.next();
            if (!ok.contains(key)) {
                throw new InputException(where(key), "unknown key '" + key + "'; allowed: " + String.join(", ", ok));
            }
        }
        return this;
    }

    boolean has(String key) {
        return node.hasNonNull(key);
    }

    /** The raw value, or null when absent or null. */
    JsonNode get(String key) {
        JsonNode v = node.get(key);
        return v == null || v.isNull() ? null : v;
    }

    /** The keys present, in document order. */
    List<String> keys() {
        List<String> keys = new ArrayList<>();
        node.fieldNames().forEachRemaining(keys::add);
        return keys;
    }

    StrictObject object(String key) {
        return new StrictObject(require(key), file, childPath(key));
    }

    String text(String key) {
        JsonNode v = require(key);
        if (!v.isTextual() && !v.isNumber()) {
            throw new InputException(where(key), "expected text, got " + v);
        }
        return v.asText();
    }

    String text(String key, String fallback) {
        return has(key) ? text(key) : fallback;
    }

    double number(String key) {
        return asNumber(require(key), key);
    }

    double number(String key, double fallback) {
        return has(key) ? number(key) : fallback;
    }

    long integer(String key, long fallback) {
        if (!has(key)) {
            return fallback;
        }
        JsonNode v = get(key);
        if (!v.canConvertToLong() || !v.isIntegralNumber()) {
            throw new InputException(where(key), "expected a whole number, got " + v);
        }
        return v.asLong();
    }

    boolean bool(String key, boolean fallback) {
        if (!has(key)) {
            return fallback;
        }
        JsonNode v = get(key);
        if (!v.isBoolean()) {
            throw new InputException(where(key), "expected true or false, got " + v);
        }
        return v.asBoolean();
    }

    /** The value of a key that must be a list. */
    JsonNode array(String key) {
        JsonNode v = require(key);
        if (!v.isArray()) {
            throw new InputException(where(key), "expected a list, got " + v.getNodeType().toString().toLowerCase());
        }
        return v;
    }

    /** A number value found at {@code childPath(key)}. */
    double asNumber(JsonNode v, String key) {
        if (v == null || !v.isNumber()) {
            throw new InputException(where(key), "expected a number, got " + v);
        }
        return v.asDouble();
    }

    String file() {
        return file;
    }

    /** Key path of a child, e.g. {@code simulation.time.stop}. */
    String childPath(String key) {
        return path.isEmpty() ? key : path + "." + key;
    }

    /** {@code "file: path.key"}, the source of an {@link InputException}. */
    String where(String key) {
        return where(file, childPath(key));
    }

    static String where(String file, String path) {
        return path.isEmpty() ? file : file + ": " + path;
    }

    private JsonNode require(String key) {
        JsonNode v = get(key);
        if (v == null) {
            throw new InputException(where(key), "missing required key '" + key + "'");
        }
        return v;
    }
}
