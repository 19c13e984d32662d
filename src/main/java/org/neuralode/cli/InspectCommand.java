package org.neuralode.cli;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import org.neuralode.data.Dataset;
import org.neuralode.data.Measurement;
import org.neuralode.io.DatasetFiles;
import org.neuralode.io.JsonText;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code inspect DATASET [--json]}: counts, states, points per measurement and time range. */
@Command(name = "inspect", mixinStandardHelpOptions = true,
        description = "Summarise a dataset (Croissant zip or CSV pair directory).")
final class InspectCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "DATASET", description = "Croissant .zip, or a directory with measurements.csv + inits.csv")
    String dataset;

    @Option(names = "--json", description = "Print one JSON object on stdout.")
    boolean json;

    @Override
    public Integer call() {
        Dataset d = DatasetFiles.load(dataset);
        Map<String, Object> summary = summary(d);
        if (json) {
            spec.commandLine().getOut().println(JsonText.compact(summary));
        } else {
            spec.commandLine().getOut().printf("%s: %d measurements, states %s, %s points each, time %s%n",
                    dataset, d.size(), d.states(), range(summary.get("points_per_measurement")),
                    range(summary.get("time")));
        }
        return ExitCodes.OK;
    }

    static Map<String, Object> summary(Dataset d) {
        int minPts = Integer.MAX_VALUE;
        int maxPts = 0;
        double t0 = Double.POSITIVE_INFINITY;
        double t1 = Double.NEGATIVE_INFINITY;
        for (Measurement m : d.measurements()) {
            minPts = Math.min(minPts, m.length());
            maxPts = Math.max(maxPts, m.length());
            t0 = Math.min(t0, m.time()[0]);
            t1 = Math.max(t1, m.time()[m.length() - 1]);
        }
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("measurements", d.size());
        s.put("states", d.states());
        s.put("points_per_measurement", minMax(minPts, maxPts));
        s.put("time", minMax(t0, t1));
        return s;
    }

    private static Map<String, Object> minMax(Object min, Object max) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("min", min);
        m.put("max", max);
        return m;
    }

    private static String range(Object minMax) {
        Map<?, ?> m = (Map<?, ?>) minMax;
        return m.get("min").equals(m.get("max")) ? String.valueOf(m.get("min")) : m.get("min") + ".." + m.get("max");
    }
}
