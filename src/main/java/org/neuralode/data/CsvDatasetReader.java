package org.neuralode.data;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.neuralode.InputException;

/**
 * Reads Catalax's CSV pair (what {@code Dataset.to_dataframe()} writes with pandas):
 * <ul>
 *   <li>{@code measurements.csv}: {@code <states...>,time,measurementId}, one row per time point, rows of a
 *       measurement in time order (they need not be contiguous); an empty field (or {@code NaN}, {@code NA},
 *       {@code null}) is a missing point;</li>
 *   <li>{@code inits.csv}: {@code measurementId,<states...>}, one row per measurement; extra columns are
 *       initial values of constants; an empty field means "no initial value for this key".</li>
 * </ul>
 * Measurements keep the order of their first row in {@code measurements.csv}; states are the sorted data
 * columns. A data column that is entirely empty for a measurement that has no initial value for it is left
 * out of that measurement (so datasets whose measurements observe different states survive a CSV round
 * trip); any other data column without an initial value is an error.
 *
 * <p>Failures are {@link InputException}s naming the file, the line, the column and the value; ids present
 * in one file but not the other are reported. Stateless and thread-safe.
 */
public final class CsvDatasetReader {

    static final String ID = "measurementId";

    private CsvDatasetReader() {
    }

    /** Rows of one measurement while reading {@code measurements.csv}. */
    private static final class Rows {
        final int firstLine;
        final List<Integer> lines = new ArrayList<>();
        final List<double[]> values = new ArrayList<>();

        Rows(int firstLine) {
            this.firstLine = firstLine;
        }
    }

    /**
     * @param measurementsCsv bytes of {@code measurements.csv}
     * @param initsCsv        bytes of {@code inits.csv}
     * @param source          the pair's name (e.g. its folder); messages read
     *                        {@code "<source>/measurements.csv: line 5: ..."}; also the dataset's id and name
     * @return the validated dataset
     * @throws InputException if either file or their combination is invalid
     */
    public static Dataset read(byte[] measurementsCsv, byte[] initsCsv, String source) {
        String mSource = source + "/measurements.csv";
        String iSource = source + "/inits.csv";
        Map<String, Map<String, Double>> inits = new LinkedHashMap<>();
        Map<String, Integer> initLines = new LinkedHashMap<>();
        readInits(CsvTable.parse(initsCsv, iSource), iSource, inits, initLines);
        CsvTable table = CsvTable.parse(measurementsCsv, mSource);
        int timeCol = table.requiredColumn(JsonLinesReader.TIME, mSource);
        int idCol = table.requiredColumn(ID, mSource);
        Map<String, Rows> byId = readRows(table, timeCol, idCol, mSource);
        if (byId.isEmpty()) {
            throw new InputException(mSource, "has no data rows (empty dataset)");
        }
        for (Map.Entry<String, Integer> e : initLines.entrySet()) {
            if (!byId.containsKey(e.getKey())) {
                throw new InputException(iSource, "line " + e.getValue() + ": measurement '" + e.getKey()
                        + "' has no rows in measurements.csv");
            }
        }
        List<Measurement> out = new ArrayList<>();
        for (Map.Entry<String, Rows> e : byId.entrySet()) {
            Map<String, Double> init = inits.get(e.getKey());
            if (init == null) {
                throw new InputException(mSource, "line " + e.getValue().firstLine + ": measurement '" + e.getKey()
                        + "' has no row in inits.csv (a measurement without initial conditions)");
            }
            out.add(assemble(e.getKey(), e.getValue(), init, table, timeCol, idCol, mSource));
        }
        Dataset dataset = Dataset.of(source, source, null, out);
        DatasetValidator.validate(dataset, source);
        return dataset;
    }

    private static void readInits(CsvTable table, String src, Map<String, Map<String, Double>> inits,
                                  Map<String, Integer> lines) {
        int idCol = table.requiredColumn(ID, src);
        for (CsvTable.Row r : table.rows) {
            String id = r.fields().get(idCol).strip();
            String where = "line " + r.line();
            if (id.isEmpty()) {
                throw new InputException(src, where + ": empty '" + ID + "'");
            }
            if (lines.containsKey(id)) {
                throw new InputException(src, where + ": measurement '" + id + "' already has initial conditions on"
                        + " line " + lines.get(id));
            }
            Map<String, Double> values = new LinkedHashMap<>();
            for (int c = 0; c < table.header.size(); c++) {
                String key = table.header.get(c);
                if (c != idCol && !r.fields().get(c).isBlank()) {
                    values.put(key, NumberCells.csvNumber(r.fields().get(c), false, src, where, key));
                }
            }
            inits.put(id, values);
            lines.put(id, r.line());
        }
    }

    private static Map<String, Rows> readRows(CsvTable table, int timeCol, int idCol, String src) {
        Map<String, Rows> byId = new LinkedHashMap<>();
        for (CsvTable.Row r : table.rows) {
            String where = "line " + r.line();
            String id = r.fields().get(idCol).strip();
            if (id.isEmpty()) {
                throw new InputException(src, where + ": empty '" + ID + "'");
            }
            double[] v = new double[table.header.size()];
            for (int c = 0; c < v.length; c++) {
                if (c != idCol) {
                    v[c] = NumberCells.csvNumber(r.fields().get(c), c != timeCol, src, where, table.header.get(c));
                }
            }
            Rows rows = byId.computeIfAbsent(id, k -> new Rows(r.line()));
            if (!rows.values.isEmpty()) {
                checkIncreasing(rows, v[timeCol], timeCol, r.line(), id, src);
            }
            rows.lines.add(r.line());
            rows.values.add(v);
        }
        return byId;
    }

    private static void checkIncreasing(Rows rows, double t, int timeCol, int line, String id, String src) {
        int last = rows.values.size() - 1;
        double prev = rows.values.get(last)[timeCol];
        if (t <= prev) {
            String how = t == prev ? "duplicates" : "is less than";
            throw new InputException(src, "line " + line + ": 'time' " + PythonFloatFormat.repr(t) + " " + how
                    + " " + PythonFloatFormat.repr(prev) + " on line " + rows.lines.get(last) + " of measurement '"
                    + id + "'; times must be strictly increasing");
        }
    }

    private static Measurement assemble(String id, Rows rows, Map<String, Double> init, CsvTable table,
                                        int timeCol, int idCol, String src) {
        int n = rows.values.size();
        double[] time = new double[n];
        for (int t = 0; t < n; t++) {
            time[t] = rows.values.get(t)[timeCol];
        }
        Map<String, double[]> data = new LinkedHashMap<>();
        for (int c = 0; c < table.header.size(); c++) {
            if (c == timeCol || c == idCol) {
                continue;
            }
            String state = table.header.get(c);
            double[] series = new double[n];
            for (int t = 0; t < n; t++) {
                series[t] = rows.values.get(t)[c];
            }
            boolean observed = Arrays.stream(series).anyMatch(x -> !Double.isNaN(x));
            if (!init.containsKey(state)) {
                if (observed) {
                    throw new InputException(src, "line " + firstObserved(rows, series) + ": measurement '" + id
                            + "' has data for state '" + state + "' but inits.csv has no initial condition for it");
                }
                continue;
            }
            data.put(state, series);
        }
        return new Measurement(id, null, null, init, time, data);
    }

    private static int firstObserved(Rows rows, double[] series) {
        for (int t = 0; t < series.length; t++) {
            if (!Double.isNaN(series[t])) {
                return rows.lines.get(t);
            }
        }
        return rows.firstLine;
    }
}
