package org.neuralode.config;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.neuralode.InputException;
import org.neuralode.NestingDepth;

/**
 * Applies {@code --set KEY=VALUE}: KEY is a dotted path with {@code [i]} list indices
 * ({@code strategy[0].steps}), VALUE is read as YAML (number, string, list or map).
 */
final class ConfigOverrides {

    private static final Pattern SEGMENT = Pattern.compile("([A-Za-z_][A-Za-z0-9_]*)((?:\\[\\d+])*)");
    private static final Pattern INDEX = Pattern.compile("\\[(\\d+)]");

    private ConfigOverrides() {
    }

    static void apply(ObjectNode root, String override, ObjectMapper yaml) {
        int eq = override.indexOf('=');
        if (eq <= 0) {
            throw new InputException("--set " + override, "expected KEY=VALUE, e.g. strategy[0].steps=100");
        }
        String key = override.substring(0, eq).trim();
        JsonNode value = parseValue(override.substring(eq + 1), key, yaml);
        List<Object> path = parsePath(key);
        JsonNode node = root;
        for (int i = 0; i < path.size() - 1; i++) {
            node = child(node, path.get(i), path.get(i + 1) instanceof Integer, key);
        }
        set(node, path.get(path.size() - 1), value, key);
    }

    private static JsonNode parseValue(String text, String key, ObjectMapper yaml) {
        try {
            JsonNode v = YamlTrees.read(yaml.getFactory(), text, "--set " + key, NestingDepth.MAX_DEPTH);
            return v == null || v.isMissingNode() ? yaml.nullNode() : v;
        } catch (JacksonException e) {
            throw new InputException("--set " + key, "value '" + text + "' is not valid YAML");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<Object> parsePath(String key) {
        List<Object> path = new ArrayList<>();
        for (String part : key.split("\\.", -1)) {
            Matcher m = SEGMENT.matcher(part);
            if (!m.matches()) {
                throw new InputException("--set " + key, "malformed key segment '" + part + "'");
            }
            path.add(m.group(1));
            Matcher idx = INDEX.matcher(m.group(2));
            while (idx.find()) {
                String digits = idx.group(1);
                if (digits.length() > 6) {
                    throw new InputException("--set " + key, "list index " + digits + " is too large");
                }
                path.add(Integer.parseInt(digits));
            }
        }
        return path;
    }

    private static JsonNode child(JsonNode node, Object step, boolean nextIsIndex, String key) {
        JsonNode existing = get(node, step, key);
        if (existing != null && (existing.isObject() || existing.isArray())) {
            return existing;
        }
        JsonNode created = nextIsIndex ? JsonNodeFactory.instance.arrayNode()
                : JsonNodeFactory.instance.objectNode();
        set(node, step, created, key);
        return created;
    }

    private static JsonNode get(JsonNode node, Object step, String key) {
        if (step instanceof Integer i) {
            requireArray(node, key);
            return node.get(i);
        }
        requireObject(node, key);
        return node.get((String) step);
    }

    private static void set(JsonNode node, Object step, JsonNode value, String key) {
        if (step instanceof Integer i) {
            ArrayNode array = requireArray(node, key);
            if (i < array.size()) {
                array.set(i, value);
            } else if (i == array.size()) {
                array.add(value);
            } else {
                throw new InputException("--set " + key, "index " + i + " is beyond the list's "
                        + array.size() + " items");
            }
        } else {
            requireObject(node, key).set((String) step, value);
        }
    }

    private static ArrayNode requireArray(JsonNode node, String key) {
        if (node instanceof ArrayNode a) {
            return a;
        }
        throw new InputException("--set " + key, "indexes something that is not a list");
    }

    private static ObjectNode requireObject(JsonNode node, String key) {
        if (node instanceof ObjectNode o) {
            return o;
        }
        throw new InputException("--set " + key, "goes into something that is not a map");
    }
}
