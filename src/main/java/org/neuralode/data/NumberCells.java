package org.neuralode.data;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.util.Set;
import java.util.regex.Pattern;
import org.neuralode.InputException;

/**
 * Turns one cell of a data file (a JSON token, a JSON tree node or a CSV field) into a {@code double},
 * with one rule for all formats: finite numbers are values, an explicit missing marker is {@code NaN}
 * (only where the caller allows it), and anything else (text, booleans, objects, {@code Infinity},
 * overflowing literals) is an {@link InputException} naming the location, the key and the offending text.
 * Stateless and thread-safe.
 */
final class NumberCells {

    /** CSV spellings of a missing value, as pandas writes and reads them. */
    private static final Set<String> CSV_MISSING = Set.of("", "NaN", "nan", "NA", "null", "None");
    /** A plain decimal literal; rejects Java-only forms such as {@code 1d} or {@code 0x1p3}. */
    private static final Pattern DECIMAL = Pattern.compile("[+-]?(\\d+\\.?\\d*|\\.\\d+)([eE][+-]?\\d+)?");

    private NumberCells() {
    }

    /**
     * A JSON token as a number: {@code null} and {@code NaN} give {@code NaN}.
     *
     * @param p the parser positioned on {@code t}
     * @param t the value token
     */
    static double jsonNumber(JsonParser p, JsonToken t, String source, String where, String key)
            throws IOException {
        switch (t) {
            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> {
                return finite(p.getDoubleValue(), p.getText(), source, where, key);
            }
            case VALUE_NULL -> {
                return Double.NaN;
            }
            case VALUE_STRING -> throw notANumber("\"" + p.getText() + "\"", source, where, key);
            case START_OBJECT -> throw notANumber("an object", source, where, key);
            case START_ARRAY -> throw notANumber("an array", source, where, key);
            default -> throw notANumber(p.getText(), source, where, key);
        }
    }

    /**
     * A JSON tree node that must hold a finite number (an initial condition).
     */
    static double finiteJsonNumber(JsonNode n, String source, String where, String key) {
        if (n == null || !n.isNumber()) {
            throw notANumber(n == null ? "nothing" : n.toString(), source, where, key);
        }
        double d = n.doubleValue();
        if (Double.isNaN(d)) {
            throw new InputException(source, where + ": '" + key + "' is NaN; a finite number is required");
        }
        return finite(d, n.toString(), source, where, key);
    }

    /**
     * A CSV field as a number.
     *
     * @param allowMissing whether an empty field (or NaN, NA, null, None) is accepted as {@code NaN}
     */
    static double csvNumber(String field, boolean allowMissing, String source, String where, String key) {
        String s = field.strip();
        if (CSV_MISSING.contains(s)) {
            if (allowMissing) {
                return Double.NaN;
            }
            throw new InputException(source, where + ": '" + key + "' is missing ('" + field
                    + "'); a finite number is required");
        }
        if (!DECIMAL.matcher(s).matches()) {
            String lower = s.toLowerCase(java.util.Locale.ROOT);
            if (lower.matches("[+-]?(inf|infinity)")) {
                throw infinite(field, source, where, key);
            }
            throw notANumber("'" + field + "'", source, where, key);
        }
        return finite(Double.parseDouble(s), field, source, where, key);
    }

    private static double finite(double d, String text, String source, String where, String key) {
        if (Double.isInfinite(d)) {
            throw infinite(text, source, where, key);
        }
        return d;
    }

    private static InputException infinite(String text, String source, String where, String key) {
        return new InputException(source, where + ": '" + key + "' is infinite (" + text
                + "); values must be finite numbers");
    }

    private static InputException notANumber(String shown, String source, String where, String key) {
        return new InputException(source, where + ": '" + key + "' is not a number (" + shown + ")");
    }
}
