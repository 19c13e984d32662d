package org.neuralode.config;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.neuralode.InputException;
import org.neuralode.NestingDepth;

/**
 * Loads a job configuration: user YAML, then {@code --set KEY=VALUE} overrides, merged over
 * {@code defaults.yaml}, bound to {@link JobConfig} with unknown keys and wrong types refused, then
 * validated. Thread-safe (stateless).
 */
public final class ConfigLoader {

    private static final String DEFAULTS = "defaults.yaml";
    private static final YAMLMapper YAML = YAMLMapper.builder(
                    YAMLFactory.builder().disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
                            .disable(StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION)
                            .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES).build())
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
            .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
            .build();

    /** A loaded configuration and the resolved tree it was bound from (written as {@code config.yaml}). */
    public record Loaded(JobConfig config, JsonNode resolved) {

        /** The resolved configuration as YAML text. */
        public String toYaml() {
            return toYamlWithout();
        }

        /**
         * The resolved configuration as YAML text without some top-level keys (e.g. for a hash that must
         * not depend on them).
         */
        public String toYamlWithout(String... keys) {
            ObjectNode tree = ((ObjectNode) resolved).deepCopy();
            tree.remove(List.of(keys));
            try {
                return YAML.writeValueAsString(tree);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    private ConfigLoader() {
    }

    /**
     * @param yaml      the config file's bytes
     * @param source    its name, for messages
     * @param overrides {@code KEY=VALUE} strings as given to {@code --set}
     */
    public static Loaded load(byte[] yaml, String source, List<String> overrides) {
        JsonNode user = parse(new String(yaml, StandardCharsets.UTF_8), source);
        if (user == null || user.isNull() || user.isMissingNode()) {
            user = YAML.createObjectNode();
        }
        if (!user.isObject()) {
            throw new InputException(source, "the top level must be a map of keys (dataset, model, ...)");
        }
        ObjectNode tree = (ObjectNode) user;
        for (String override : overrides) {
            ConfigOverrides.apply(tree, override, YAML);
        }
        NestingDepth.require(tree, source);
        requireFinite(tree, "", source);
        ObjectNode resolved = mergeOverDefaults(tree);
        JobConfig config = bind(resolved, source);
        return new Loaded(config.validate(source), resolved);
    }

    /**
     * Refuses NaN and infinite numbers anywhere in the tree ({@code .nan}, {@code .inf}, {@code 1e999}),
     * naming the key as {@code strategy[0].lr}.
     */
    private static void requireFinite(JsonNode node, String key, String source) {
        if (node.isNumber() && !Double.isFinite(node.doubleValue())) {
            throw new InputException(source, key + " = " + node.doubleValue() + " must be a finite number");
        }
        if (node.isObject()) {
            node.fields().forEachRemaining(f -> requireFinite(f.getValue(),
                    key.isEmpty() ? f.getKey() : key + "." + f.getKey(), source));
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                requireFinite(node.get(i), key + "[" + i + "]", source);
            }
        }
    }

    private static JsonNode parse(String text, String source) {
        try {
            return YamlTrees.read(YAML.getFactory(), text, source, NestingDepth.MAX_DEPTH);
        } catch (JacksonException e) {
            String where = e.getLocation() == null ? "" : " at line " + e.getLocation().getLineNr();
            String why = e.getOriginalMessage() == null ? "" : e.getOriginalMessage().strip().lines()
                    .findFirst().orElse("");
            throw new InputException(source, "not valid YAML" + where + ": " + why);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static ObjectNode mergeOverDefaults(ObjectNode user) {
        ObjectNode defaults;
        try (InputStream in = ConfigLoader.class.getResourceAsStream(DEFAULTS)) {
            defaults = (ObjectNode) YAML.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + DEFAULTS, e);
        }
        JsonNode phaseDefaults = defaults.remove("phase");
        ObjectNode merged = (ObjectNode) merge(defaults, user);
        JsonNode strategy = merged.get("strategy");
        if (strategy instanceof ArrayNode phases) {
            for (int i = 0; i < phases.size(); i++) {
                if (phases.get(i).isObject()) {
                    phases.set(i, merge(phaseDefaults.deepCopy(), phases.get(i)));
                }
            }
        }
        return merged;
    }

    /** Deep merge: maps merge key by key, anything else in {@code over} replaces {@code base}. */
    private static JsonNode merge(JsonNode base, JsonNode over) {
        if (!(base instanceof ObjectNode b) || !over.isObject()) {
            return over.deepCopy();
        }
        Iterator<Map.Entry<String, JsonNode>> fields = over.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> f = fields.next();
            JsonNode old = b.get(f.getKey());
            b.set(f.getKey(), old == null || old instanceof NullNode ? f.getValue().deepCopy()
                    : merge(old, f.getValue()));
        }
        return b;
    }

    private static JobConfig bind(ObjectNode tree, String source) {
        try {
            return YAML.treeToValue(tree, JobConfig.class);
        } catch (UnrecognizedPropertyException e) {
            String allowed = e.getKnownPropertyIds() == null ? "" : " (allowed: " + e.getKnownPropertyIds()
                    .stream().map(Object::toString).sorted().collect(Collectors.joining(", ")) + ")";
            throw new InputException(source, "unknown key '" + path(e) + "'" + allowed);
        } catch (JsonMappingException e) {
            JsonNode value = valueAt(tree, e);
            String shown = value == null || value.isMissingNode() || value.isNull() ? "" : " = " + value;
            throw new InputException(source, "'" + path(e) + "'" + shown + " " + describe(e));
        } catch (JacksonException e) {
            throw new InputException(source, e.getOriginalMessage());
        }
    }

    private static String describe(JsonMappingException e) {
        String msg = e.getOriginalMessage();
        if (msg != null && msg.startsWith("Cannot map `null`")) {
            return "is missing";
        }
        if (e instanceof MismatchedInputException m && m.getTargetType() != null) {
            return "must be " + expected(m.getTargetType());
        }
        if (e instanceof ValueInstantiationException && e.getCause() instanceof IllegalArgumentException why) {
            return why.getMessage();
        }
        return "has the wrong type or value";
    }

    /** What a value of the target type looks like, in a user's words. */
    private static String expected(Class<?> type) {
        if (type == int.class || type == Integer.class || type == long.class || type == Long.class) {
            return "a whole number";
        }
        if (type == double.class || type == Double.class) {
            return "a number";
        }
        if (type == boolean.class || type == Boolean.class) {
            return "true or false";
        }
        if (type == String.class) {
            return "a string";
        }
        if (java.util.Collection.class.isAssignableFrom(type)) {
            return "a list";
        }
        return "a map of keys";
    }

    /** The offending value in the bound tree, or null when the path does not lead to one. */
    private static JsonNode valueAt(JsonNode tree, JsonMappingException e) {
        JsonNode node = tree;
        for (JsonMappingException.Reference r : e.getPath()) {
            if (node == null) {
                return null;
            }
            node = r.getFieldName() != null ? node.get(r.getFieldName()) : node.get(r.getIndex());
        }
        return node;
    }

    /** Renders a Jackson reference path as {@code strategy[0].lr}. */
    static String path(JsonMappingException e) {
        StringBuilder sb = new StringBuilder();
        for (JsonMappingException.Reference r : e.getPath()) {
            if (r.getFieldName() != null) {
                if (sb.length() > 0) {
                    sb.append('.');
                }
                sb.append(r.getFieldName());
            } else if (r.getIndex() >= 0) {
                sb.append('[').append(r.getIndex()).append(']');
            }
        }
        return sb.toString();
    }
}
