package org.neuralode.data;

import java.util.List;
import java.util.Map;

/**
 * Serialises a small JSON tree exactly as Python's {@code json.dumps} does with its defaults
 * ({@code ensure_ascii=True}), either compact ({@code ", "} and {@code ": "} separators, one line) or with
 * {@code indent=2} ({@code ","} + newline and {@code ": "}).
 *
 * <p>The tree is built from {@link Map} (iteration order is kept, so use a {@code LinkedHashMap}),
 * {@link List}, {@link String}, {@link Double} (rendered by {@link PythonFloatFormat}; non-finite values as
 * Python's {@code NaN}, {@code Infinity}, {@code -Infinity}, which {@code json.dumps} writes by default),
 * integral numbers ({@link Integer}, {@link Long}, {@link java.math.BigInteger}), {@link Boolean} and
 * {@code null}. Used for Croissant metadata and the first line of Catalax's {@code .eqx} files.
 *
 * <p>Stateless and thread-safe.
 */
public final class PythonJsonWriter {

    private PythonJsonWriter() {
    }

    /** {@code json.dumps(value)}: one line, {@code ", "} between items, {@code ": "} after keys. */
    public static String compact(Object value) {
        StringBuilder sb = new StringBuilder(64);
        write(sb, value, -1, 0);
        return sb.toString();
    }

    /** {@code json.dumps(value, indent=2)} (no trailing newline). */
    public static String indented(Object value) {
        StringBuilder sb = new StringBuilder(1 << 16);
        write(sb, value, 2, 0);
        return sb.toString();
    }

    private static void write(StringBuilder sb, Object value, int indent, int level) {
        if (value == null) {
            sb.append("null");
        } else if (value instanceof String s) {
            quote(sb, s);
        } else if (value instanceof Double d) {
            sb.append(Double.isNaN(d) ? "NaN" : Double.isInfinite(d) ? (d > 0 ? "Infinity" : "-Infinity")
                    : PythonFloatFormat.repr(d));
        } else if (value instanceof Integer || value instanceof Long || value instanceof java.math.BigInteger
                || value instanceof Boolean) {
            sb.append(value);
        } else if (value instanceof Map<?, ?> map) {
            writeMap(sb, map, indent, level);
        } else if (value instanceof List<?> list) {
            writeList(sb, list, indent, level);
        } else {
            throw new IllegalArgumentException("not a JSON value: " + value.getClass().getName());
        }
    }

    private static void writeMap(StringBuilder sb, Map<?, ?> map, int indent, int level) {
        if (map.isEmpty()) {
            sb.append("{}");
            return;
        }
        sb.append('{');
        boolean first = true;
        for (Map.Entry<?, ?> e : map.entrySet()) {
            separator(sb, first, indent, level + 1);
            first = false;
            quote(sb, (String) e.getKey());
            sb.append(": ");
            write(sb, e.getValue(), indent, level + 1);
        }
        close(sb, indent, level);
        sb.append('}');
    }

    private static void writeList(StringBuilder sb, List<?> list, int indent, int level) {
        if (list.isEmpty()) {
            sb.append("[]");
            return;
        }
        sb.append('[');
        boolean first = true;
        for (Object item : list) {
            separator(sb, first, indent, level + 1);
            first = false;
            write(sb, item, indent, level + 1);
        }
        close(sb, indent, level);
        sb.append(']');
    }

    private static void separator(StringBuilder sb, boolean first, int indent, int level) {
        if (indent < 0) {
            if (!first) {
                sb.append(", ");
            }
            return;
        }
        if (!first) {
            sb.append(',');
        }
        sb.append('\n').append(" ".repeat(indent * level));
    }

    private static void close(StringBuilder sb, int indent, int level) {
        if (indent >= 0) {
            sb.append('\n').append(" ".repeat(indent * level));
        }
    }

    /** Python's {@code py_encode_basestring_ascii}: escapes quotes, backslashes and everything outside ' '..'~'. */
    public static void quote(StringBuilder sb, String s) {
        sb.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                case '\b' -> sb.append("\\b");
                case '\f' -> sb.append("\\f");
                default -> {
                    if (c < 0x20 || c > 0x7e) {
                        sb.append(String.format("\\u%04x", (int) c));
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
        sb.append('"');
    }
}
