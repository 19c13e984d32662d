package org.neuralode.data;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.neuralode.InputException;

/**
 * Reads one Catalax JSONL measurement file: one JSON object per line, {@code {"s1": 299.63, "time": 0.0}}.
 *
 * <p>Blank lines are skipped. A state that is {@code null}, {@code NaN} or absent on a line is a missing point
 * ({@code NaN}). Every line must carry a finite {@code time}, and times must be strictly increasing. Keys
 * must be declared fields of the record set (a typo such as {@code S1} for {@code s1} is an error, not a
 * silently ignored column); values must be finite numbers. Duplicate keys on a line are rejected.
 *
 * <p>Every failure is an {@link InputException} naming the archive, the entry, the line, the key and the
 * value. Stateless and thread-safe (the Jackson factory is shared and immutable).
 */
final class JsonLinesReader {

    /** Column name of the time points. */
    static final String TIME = "time";

    static final JsonFactory FACTORY = JsonFactory.builder()
            .enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .disable(StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION)
            .build();

    /**
     * Time points and series of one file.
     *
     * @param time length T, strictly increasing
     * @param data state -> length-T values, NaN = missing, in the order of the declared states
     */
    record Series(double[] time, Map<String, double[]> data) {
    }

    private JsonLinesReader() {
    }

    /**
     * @param content the entry's bytes (UTF-8)
     * @param states  declared data columns (without {@code time}), in field order
     * @param source  archive name, for messages
     * @param entry   entry name, for messages
     * @return the parsed series
     */
    static Series read(byte[] content, List<String> states, String source, String entry) {
        String text = TextDecoding.utf8(content, source, "entry '" + entry + "'");
        Map<String, Integer> column = new HashMap<>();
        for (int s = 0; s < states.size(); s++) {
            column.put(states.get(s), s);
        }
        column.put(TIME, states.size());
        double[][] cols = new double[states.size() + 1][16];
        String[] lines = text.split("\n", -1);
        int rows = 0;
        int previousLine = 0;
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i].strip();
            if (line.isEmpty()) {
                continue;
            }
            String where = "entry '" + entry + "' line " + (i + 1);
            double[] row = parseLine(line, column, states.size(), source, where);
            if (rows > 0) {
                checkIncreasing(cols[states.size()][rows - 1], row[states.size()], previousLine, source, where);
            }
            cols = ensureCapacity(cols, rows + 1);
            for (int c = 0; c < row.length; c++) {
                cols[c][rows] = row[c];
            }
            rows++;
            previousLine = i + 1;
        }
        if (rows == 0) {
            throw new InputException(source, "entry '" + entry + "' has no data lines");
        }
        Map<String, double[]> data = new LinkedHashMap<>();
        for (int s = 0; s < states.size(); s++) {
            data.put(states.get(s), Arrays.copyOf(cols[s], rows));
        }
        return new Series(Arrays.copyOf(cols[states.size()], rows), data);
    }

    private static double[] parseLine(String line, Map<String, Integer> column, int timeIndex, String source,
                                      String where) {
        double[] row = new double[timeIndex + 1];
        Arrays.fill(row, Double.NaN);
        boolean hasTime = false;
        try (JsonParser p = FACTORY.createParser(line)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                throw new InputException(source, where + ": not a JSON object ('" + clip(line) + "')");
            }
            for (JsonToken t = p.nextToken(); t != JsonToken.END_OBJECT; t = p.nextToken()) {
                String key = p.currentName();
                Integer c = column.get(key);
                if (c == null) {
                    throw new InputException(source, where + ": key '" + key + "' is not a declared field "
                            + "(expected " + column.keySet().stream().sorted().toList() + ")");
                }
                row[c] = NumberCells.jsonNumber(p, p.nextToken(), source, where, key);
                hasTime |= c == timeIndex;
            }
            if (p.nextToken() != null) {
                throw new InputException(source, where + ": unexpected content after the JSON object ('"
                        + clip(line) + "')");
            }
        } catch (JsonProcessingException e) {
            throw new InputException(source, where + ": not valid JSON (" + e.getOriginalMessage() + ") in '"
                    + clip(line) + "'", e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (!hasTime) {
            throw new InputException(source, where + ": 'time' is missing (every line needs a finite time)");
        }
        if (Double.isNaN(row[timeIndex])) {
            throw new InputException(source, where + ": 'time' is null or NaN (every line needs a finite time)");
        }
        return row;
    }

    private static void checkIncreasing(double prev, double t, int prevLine, String source, String where) {
        if (t > prev) {
            return;
        }
        String text = PythonFloatFormat.repr(t);
        if (t == prev) {
            throw new InputException(source, where + ": 'time' " + text + " duplicates line " + prevLine
                    + "; times must be strictly increasing");
        }
        throw new InputException(source, where + ": 'time' " + text + " is less than "
                + PythonFloatFormat.repr(prev) + " on line " + prevLine + "; times must be strictly increasing");
    }

    private static double[][] ensureCapacity(double[][] cols, int rows) {
        if (rows <= cols[0].length) {
            return cols;
        }
        for (int c = 0; c < cols.length; c++) {
            cols[c] = Arrays.copyOf(cols[c], cols[c].length * 2);
        }
        return cols;
    }

    private static String clip(String s) {
        return s.length() <= 80 ? s : s.substring(0, 77) + "...";
    }
}
