package org.neuralode.report;

import java.util.List;
import org.neuralode.InputException;

/**
 * The metric that picks the best grid point of a cross-validation sweep: a side ({@code validation} or
 * {@code train}) and a metric key of {@code MetricSet.toMap()}. The grid point whose mean over its
 * completed tasks is lowest wins, except for {@code r_squared}, where the highest wins; ties go to the
 * lower grid index.
 *
 * @param side   {@code validation} or {@code train}
 * @param metric a metric key, e.g. {@code mae}
 */
public record CvBestMetric(String side, String metric) {

    /** Metric keys that can rank grid points (the counts n_points and n_parameters cannot). */
    public static final List<String> METRICS = List.of("loss", "mae", "chi_square", "reduced_chi_square",
            "weighted_mape", "aic", "bic", "r_squared");

    /** The default: mean validation MAE. */
    public static final CvBestMetric DEFAULT = new CvBestMetric("validation", "mae");

    /**
     * Validates.
     *
     * @throws InputException naming {@code --best-metric} and the value
     */
    public CvBestMetric {
        if (!"validation".equals(side) && !"train".equals(side)) {
            throw new InputException("--best-metric", "side '" + side + "' must be validation or train");
        }
        if (!METRICS.contains(metric)) {
            throw new InputException("--best-metric", "'" + metric + "' is not one of " + METRICS);
        }
    }

    /**
     * Parses {@code mae}, {@code validation.mae} or {@code train.mae} (a bare metric means validation).
     *
     * @throws InputException for an unknown side or metric
     */
    public static CvBestMetric parse(String text) {
        int dot = text.indexOf('.');
        return dot < 0 ? new CvBestMetric("validation", text.trim())
                : new CvBestMetric(text.substring(0, dot).trim(), text.substring(dot + 1).trim());
    }

    /** True unless the metric is {@code r_squared}. */
    public boolean lowerIsBetter() {
        return !"r_squared".equals(metric);
    }

    /** {@code side.metric}, e.g. {@code validation.mae}. */
    @Override
    public String toString() {
        return side + "." + metric;
    }
}
