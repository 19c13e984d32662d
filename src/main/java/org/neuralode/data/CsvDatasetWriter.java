package org.neuralode.data;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Writes a dataset as Catalax's CSV pair, in the layout pandas gives {@code Dataset.to_dataframe()}:
 * <ul>
 *   <li>{@code measurements.csv}: header {@code <states...>,time,measurementId} (dataset states, sorted),
 *       one row per time point, measurements in dataset order;</li>
 *   <li>{@code inits.csv}: header {@code measurementId,<keys...>} (initial-condition keys in first-seen
 *       order), one row per measurement.</li>
 * </ul>
 * Numbers are Python float reprs (shortest round-trip), a missing point or absent key is an empty field,
 * lines end with {@code \n} (also the last), fields holding {@code ,}, {@code "} or a line break are
 * quoted. {@link CsvDatasetReader} reads the result back to the same dataset. Stateless and thread-safe.
 */
public final class CsvDatasetWriter {

    private CsvDatasetWriter() {
    }

    /**
     * @param dataset a valid dataset
     * @return both files' bytes
     * @throws org.neuralode.InputException if the dataset breaks a {@link DatasetValidator} rule
     */
    public static CsvFiles write(Dataset dataset) {
        return new CsvFiles(measurements(dataset), inits(dataset));
    }

    /**
     * Only {@code measurements.csv}.
     *
     * @throws org.neuralode.InputException if the dataset breaks a {@link DatasetValidator} rule
     */
    public static byte[] measurements(Dataset dataset) {
        DatasetValidator.validate(dataset, "dataset '" + dataset.name() + "'");
        return measurementsText(dataset).getBytes(StandardCharsets.UTF_8);
    }

    /**
     * Only {@code inits.csv}.
     *
     * @throws org.neuralode.InputException if the dataset breaks a {@link DatasetValidator} rule
     */
    public static byte[] inits(Dataset dataset) {
        DatasetValidator.validate(dataset, "dataset '" + dataset.name() + "'");
        return initsText(dataset).getBytes(StandardCharsets.UTF_8);
    }

    private static String measurementsText(Dataset d) {
        List<String> states = d.states();
        StringBuilder sb = new StringBuilder();
        for (String s : states) {
            field(sb, s).append(',');
        }
        sb.append(JsonLinesReader.TIME).append(',').append(CsvDatasetReader.ID).append('\n');
        for (Measurement m : d.measurements()) {
            for (int t = 0; t < m.length(); t++) {
                for (String s : states) {
                    double[] series = m.data().get(s);
                    if (series != null && !Double.isNaN(series[t])) {
                        sb.append(PythonFloatFormat.repr(series[t]));
                    }
                    sb.append(',');
                }
                sb.append(PythonFloatFormat.repr(m.time()[t])).append(',');
                field(sb, m.id()).append('\n');
            }
        }
        return sb.toString();
    }

    private static String initsText(Dataset d) {
        Set<String> keys = new LinkedHashSet<>();
        for (Measurement m : d.measurements()) {
            keys.addAll(m.initialConditions().keySet());
        }
        StringBuilder sb = new StringBuilder(CsvDatasetReader.ID);
        for (String k : keys) {
            field(sb.append(','), k);
        }
        sb.append('\n');
        for (Measurement m : d.measurements()) {
            field(sb, m.id());
            Map<String, Double> init = m.initialConditions();
            for (String k : keys) {
                sb.append(',');
                if (init.containsKey(k)) {
                    sb.append(PythonFloatFormat.repr(init.get(k)));
                }
            }
            sb.append('\n');
        }
        return sb.toString();
    }

    private static StringBuilder field(StringBuilder sb, String value) {
        boolean quote = value.indexOf(',') >= 0 || value.indexOf('"') >= 0 || value.indexOf('\n') >= 0
                || value.indexOf('\r') >= 0;
        return quote ? sb.append('"').append(value.replace("\"", "\"\"")).append('"') : sb.append(value);
    }
}
