package org.neuralode.io.model;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.Iterator;
import java.util.Map;

/**
 * JSON text exactly as Python's {@code json.dumps(obj)} writes it with default options, which is how
 * Catalax writes the first line of an {@code .eqx} file: separators {@code ", "} and {@code ": "}, object
 * keys in the node's order, {@code ensure_ascii} (every character outside space..tilde escaped as
 * lower-case {@code \\uXXXX}, UTF-16 surrogates separately), floats as Python's {@code repr} (shortest
 * round-tripping digits; scientific notation below 1e-4 or from 1e16, e.g. {@code 1e-08}, {@code 100.0}),
 * {@code NaN}/{@code Infinity}/{@code -Infinity} for non-finite values. Stateless and thread-safe.
 */
public final class PythonJson {

    private PythonJson() {
    }

    /** {@code json.dumps(node)}. */
    public static String dumps(JsonNode node) {
        StringBuilder out = new StringBuilder();
        write(node, out);
        return out.toString();
    }

    private static void write(JsonNode node, StringBuilder out) {
        if (node == null || node.isNull() || node.isMissingNode()) {
            out.append("null");
        } else if (node.isBoolean()) {
            out.append(node.booleanValue() ? "true" : "false");
        } else if (node.isIntegralNumber()) {
            out.append(node.bigIntegerValue());
        } else if (node.isNumber()) {
            out.append(floatRepr(node.doubleValue()));
        } else if (node.isTextual()) {
            writeString(node.textValue(), out);
        } else if (node.isArray()) {
            out.append('[');
            for (int i = 0; i < node.size(); i++) {
                out.append(i > 0 ? ", " : "");
                write(node.get(i), out);
            }
            out.append(']');
        } else if (node.isObject()) {
            out.append('{');
            Iterator<Map.Entry<String, JsonNode>> it = node.fields();
            boolean first = true;
            while (it.hasNext()) {
                Map.Entry<String, JsonNode> e = it.next();
                out.append(first ? "" : ", ");
                first = false;
                writeString(e.getKey(), out);
                out.append(": ");
                write(e.getValue(), out);
            }
            out.append('}');
        } else {
            throw new IllegalArgumentException("no JSON form for node type " + node.getNodeType());
        }
    }

    private static void writeString(String s, StringBuilder out) {
        out.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                case '\b' -> out.append("\\b");
                case '\f' -> out.append("\\f");
                default -> {
                    if (c < 0x20 || c > 0x7E) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }

    /** Python's {@code float.__repr__} (as used by {@code json.dumps}) of {@code x}. */
    public static String floatRepr(double x) {
        if (Double.isNaN(x)) {
            return "NaN";
        }
        if (Double.isInfinite(x)) {
            return x > 0 ? "Infinity" : "-Infinity";
        }
        if (x == 0) {
            return (1 / x < 0) ? "-0.0" : "0.0";
        }
        BigDecimal d = shortest(Math.abs(x)).stripTrailingZeros();
        String digits = d.unscaledValue().toString();
        int decpt = digits.length() - d.scale(); // x = 0.DIGITS * 10^decpt
        String body = decpt > -4 && decpt <= 16 ? fixed(digits, decpt) : scientific(digits, decpt - 1);
        return x < 0 ? "-" + body : body;
    }

    /**
     * The shortest decimal that reads back as {@code x} (Python's repr / David Gay's mode 0): for the
     * fewest significant digits p, the p-digit neighbours of x that round-trip, the nearer one if both do.
     */
    private static BigDecimal shortest(double x) {
        BigDecimal exact = new BigDecimal(x);
        for (int p = 1; p <= 17; p++) {
            BigDecimal best = null;
            for (RoundingMode mode : new RoundingMode[] {RoundingMode.HALF_EVEN, RoundingMode.FLOOR,
                    RoundingMode.CEILING}) {
                BigDecimal c = exact.round(new MathContext(p, mode));
                if (c.doubleValue() == x && (best == null
                        || c.subtract(exact).abs().compareTo(best.subtract(exact).abs()) < 0)) {
                    best = c;
                }
            }
            if (best != null) {
                return best;
            }
        }
        return exact.round(new MathContext(17, RoundingMode.HALF_EVEN));
    }

    private static String fixed(String digits, int decpt) {
        if (decpt <= 0) {
            return "0." + "0".repeat(-decpt) + digits;
        }
        if (decpt >= digits.length()) {
            return digits + "0".repeat(decpt - digits.length()) + ".0";
        }
        return digits.substring(0, decpt) + "." + digits.substring(decpt);
    }

    private static String scientific(String digits, int exp) {
        String mantissa = digits.length() == 1 ? digits : digits.charAt(0) + "." + digits.substring(1);
        String e = Integer.toString(Math.abs(exp));
        return mantissa + "e" + (exp < 0 ? "-" : "+") + (e.length() < 2 ? "0" + e : e);
    }
}
