package org.neuralode.report;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Statistics of one grid point over its completed tasks (all folds and members): per metric key the mean,
 * the sample standard deviation (n - 1 in the denominator; null for fewer than two values), the minimum and
 * the maximum, each as a map with the keys of {@code MetricSet.toMap()}. A metric that is null (undefined)
 * in some tasks is summarised over the others; with no value at all its statistics are null.
 *
 * <p>Values are summed in task order (fold, then member), so the result does not depend on the order in
 * which tasks ran. Immutable.
 *
 * @param gridIndex  0-based grid point
 * @param grid       the swept keys and values
 * @param n          completed tasks summarised
 * @param notCompleted tasks of this grid point that diverged or failed (left out)
 * @param validation statistics of the held-out metrics
 * @param train      statistics of the training-side metrics
 */
public record CvSummary(int gridIndex, Map<String, Object> grid, int n, int notCompleted, Stats validation,
                        Stats train) {

    /** The keys of {@code MetricSet.toMap()}, used when no task of a grid point has metrics. */
    static final List<String> KEYS = List.of("n_points", "n_parameters", "loss", "mae", "chi_square",
            "reduced_chi_square", "weighted_mape", "aic", "bic", "r_squared");

    /**
     * Mean, standard deviation, minimum and maximum per metric key.
     *
     * @param mean metric key -> mean (null if undefined)
     * @param std  metric key -> sample standard deviation (null for fewer than two values)
     * @param min  metric key -> minimum
     * @param max  metric key -> maximum
     */
    public record Stats(Map<String, Double> mean, Map<String, Double> std, Map<String, Double> min,
                        Map<String, Double> max) {

        /** Wraps the maps unmodifiably. */
        public Stats {
            mean = Collections.unmodifiableMap(mean);
            std = Collections.unmodifiableMap(std);
            min = Collections.unmodifiableMap(min);
            max = Collections.unmodifiableMap(max);
        }

        /**
         * Statistics of the given metric maps ({@code MetricSet.toMap()}s; nulls allowed inside and as whole
         * maps), e.g. of a grid point's tasks or of an ensemble's members.
         */
        public static Stats of(List<Map<String, Object>> metrics) {
            Map<String, Double> mean = new LinkedHashMap<>();
            Map<String, Double> std = new LinkedHashMap<>();
            Map<String, Double> min = new LinkedHashMap<>();
            Map<String, Double> max = new LinkedHashMap<>();
            for (String key : keys(metrics)) {
                List<Double> values = new ArrayList<>();
                for (Map<String, Object> m : metrics) {
                    if (m != null && m.get(key) instanceof Number v && Double.isFinite(v.doubleValue())) {
                        values.add(v.doubleValue());
                    }
                }
                double mu = mean(values);
                mean.put(key, values.isEmpty() ? null : mu);
                std.put(key, values.size() < 2 ? null : sampleStd(values, mu));
                min.put(key, values.stream().min(Double::compare).orElse(null));
                max.put(key, values.stream().max(Double::compare).orElse(null));
            }
            return new Stats(mean, std, min, max);
        }

        /** {@code {"mean": {...}, "std": {...}, "min": {...}, "max": {...}}}, each keyed by metric. */
        public Map<String, Object> toMap() {
            Map<String, Object> m = new LinkedHashMap<>();
            putInto(m);
            return m;
        }

        /** Puts the four maps of {@link #toMap} into {@code m}. */
        void putInto(Map<String, Object> m) {
            m.put("mean", mean);
            m.put("std", std);
            m.put("min", min);
            m.put("max", max);
        }

        private static List<String> keys(List<Map<String, Object>> metrics) {
            for (Map<String, Object> m : metrics) {
                if (m != null) {
                    return new ArrayList<>(m.keySet());
                }
            }
            return KEYS;
        }

        private static double mean(List<Double> values) {
            double sum = 0;
            for (double v : values) {
                sum += v;
            }
            return sum / values.size();
        }

        /** Two-pass sample standard deviation (deviations from the mean, no cancellation). */
        private static double sampleStd(List<Double> values, double mean) {
            double ss = 0;
            for (double v : values) {
                ss += (v - mean) * (v - mean);
            }
            return Math.sqrt(ss / (values.size() - 1));
        }
    }

    /**
     * Summarises the tasks of one grid point.
     *
     * @param tasks the grid point's tasks, sorted by (fold, member); at least one
     */
    public static CvSummary of(List<CvTaskResult> tasks) {
        List<Map<String, Object>> val = new ArrayList<>();
        List<Map<String, Object>> tr = new ArrayList<>();
        int notCompleted = 0;
        for (CvTaskResult t : tasks) {
            if (t.completed()) {
                val.add(t.validation());
                tr.add(t.train());
            } else {
                notCompleted++;
            }
        }
        CvTaskResult first = tasks.get(0);
        return new CvSummary(first.gridIndex(), first.grid(), val.size(), notCompleted, Stats.of(val),
                Stats.of(tr));
    }

    /** The statistics of the side named by {@code best}. */
    public Stats side(CvBestMetric best) {
        return "train".equals(best.side()) ? train : validation;
    }
}
