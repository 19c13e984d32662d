package org.neuralode.config;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.regex.Pattern;
import org.neuralode.InputException;
import org.neuralode.NestingDepth;

/**
 * Reads YAML text into a Jackson tree as {@code ObjectMapper.readTree} does, except for YAML's special
 * floats: {@code .nan}, {@code .inf}, {@code +.inf} and {@code -.inf} (in YAML's three spellings, e.g.
 * {@code .NaN}, {@code .INF}) become NaN and the infinities, where Jackson's YAML parser (2.15 to 2.18) fails
 * with "Malformed numeric value". They are refused later, naming the key, as numbers that are not finite.
 * Stateless.
 */
final class YamlTrees {

    private static final Pattern INFINITY = Pattern.compile("[-+]?\\.(inf|Inf|INF)");
    private static final Pattern NAN = Pattern.compile("\\.(nan|NaN|NAN)");
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private YamlTrees() {
    }

    /**
     * Parses one YAML document.
     *
     * @param factory  the YAML mapper's factory
     * @param text     the document
     * @param source   the file or option it came from, for the nesting error
     * @param maxDepth deepest nesting of maps and lists allowed
     * @return the tree, or null for an empty document
     * @throws IOException    (a Jackson exception) for text that is not YAML
     * @throws InputException when maps and lists nest deeper than {@code maxDepth}
     */
    static JsonNode read(JsonFactory factory, String text, String source, int maxDepth) throws IOException {
        try (JsonParser p = factory.createParser(text)) {
            JsonToken first = p.nextToken();
            return first == null ? null : node(p, first, source, maxDepth);
        }
    }

    private static JsonNode node(JsonParser p, JsonToken t, String source, int left) throws IOException {
        if (t.isStructStart() && left == 0) {
            throw NestingDepth.tooDeep(source);
        }
        switch (t) {
            case START_OBJECT: {
                ObjectNode o = NODES.objectNode();
                for (String name = p.nextFieldName(); name != null; name = p.nextFieldName()) {
                    o.set(name, node(p, p.nextToken(), source, left - 1));
                }
                return o;
            }
            case START_ARRAY: {
                ArrayNode a = NODES.arrayNode();
                for (JsonToken e = p.nextToken(); e != JsonToken.END_ARRAY; e = p.nextToken()) {
                    a.add(node(p, e, source, left - 1));
                }
                return a;
            }
            case VALUE_NUMBER_FLOAT:
                return NODES.numberNode(floatValue(p));
            case VALUE_NUMBER_INT:
                return integer(p);
            case VALUE_STRING:
                return NODES.textNode(p.getText());
            case VALUE_TRUE:
            case VALUE_FALSE:
                return NODES.booleanNode(t == JsonToken.VALUE_TRUE);
            case VALUE_NULL:
                return NODES.nullNode();
            default:
                Object embedded = p.getEmbeddedObject();
                return embedded instanceof byte[] bytes ? NODES.binaryNode(bytes) : NODES.pojoNode(embedded);
        }
    }

    private static double floatValue(JsonParser p) throws IOException {
        String text = p.getText();
        if (NAN.matcher(text).matches()) {
            return Double.NaN;
        }
        if (INFINITY.matcher(text).matches()) {
            return text.startsWith("-") ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
        }
        return p.getDoubleValue();
    }

    private static JsonNode integer(JsonParser p) throws IOException {
        return switch (p.getNumberType()) {
            case INT -> NODES.numberNode(p.getIntValue());
            case LONG -> NODES.numberNode(p.getLongValue());
            default -> NODES.numberNode(p.getBigIntegerValue());
        };
    }
}
