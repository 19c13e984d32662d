package org.neuralode.report;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;
import java.util.TreeMap;
import org.neuralode.io.JsonText;

/**
 * The aggregated report of a cross-validation sweep, built on the driver from every task's result:
 * {@code report.json} ({@link #toJson}) with every task's metrics, per grid point the mean, standard
 * deviation, minimum and maximum of each metric over its completed tasks ({@link CvSummary}), and the best
 * grid point by a {@link CvBestMetric}; and {@code report.csv} ({@link #csv}), one row per task.
 *
 * <p>Everything is ordered by (grid point, fold, member) whatever order the tasks ran in, so the same task
 * results always give the same report. Immutable.
 */
public final class CvReport {

    private final List<CvTaskResult> tasks;
    private final List<CvSummary> summaries;
    private final CvBestMetric bestMetric;
    private final CvSummary best;

    private CvReport(List<CvTaskResult> tasks, List<CvSummary> summaries, CvBestMetric bestMetric,
                     CvSummary best) {
        this.tasks = tasks;
        this.summaries = summaries;
        this.bestMetric = bestMetric;
        this.best = best;
    }

    /**
     * Aggregates task results.
     *
     * @param results    every task's result, in any order, at least one
     * @param bestMetric what ranks the grid points
     * @return the report
     */
    public static CvReport of(List<CvTaskResult> results, CvBestMetric bestMetric) {
        if (results.isEmpty()) {
            throw new IllegalArgumentException("a cv report needs at least one task result");
        }
        List<CvTaskResult> sorted = new ArrayList<>(results);
        sorted.sort(Comparator.comparingInt(CvTaskResult::gridIndex).thenComparingInt(CvTaskResult::fold)
                .thenComparingInt(CvTaskResult::member));
        List<CvSummary> summaries = new ArrayList<>();
        for (List<CvTaskResult> g : byGrid(sorted).values()) {
            summaries.add(CvSummary.of(g));
        }
        return new CvReport(List.copyOf(sorted), List.copyOf(summaries), bestMetric, pickBest(summaries,
                bestMetric));
    }

    private static Map<Integer, List<CvTaskResult>> byGrid(List<CvTaskResult> sorted) {
        Map<Integer, List<CvTaskResult>> groups = new TreeMap<>();
        for (CvTaskResult t : sorted) {
            groups.computeIfAbsent(t.gridIndex(), g -> new ArrayList<>()).add(t);
        }
        return groups;
    }

    private static CvSummary pickBest(List<CvSummary> summaries, CvBestMetric metric) {
        CvSummary best = null;
        for (CvSummary s : summaries) {
            Double v = s.side(metric).mean().get(metric.metric());
            if (v == null) {
                continue;
            }
            double b = best == null ? Double.NaN : best.side(metric).mean().get(metric.metric());
            if (best == null || (metric.lowerIsBetter() ? v < b : v > b)) {
                best = s;
            }
        }
        return best;
    }

    /** Tasks sorted by (grid point, fold, member). */
    public List<CvTaskResult> tasks() {
        return tasks;
    }

    /** One summary per grid point, by grid index. */
    public List<CvSummary> summaries() {
        return summaries;
    }

    /** The ranking metric. */
    public CvBestMetric bestMetric() {
        return bestMetric;
    }

    /** The best grid point's summary, or null when no grid point has a value of the ranking metric. */
    public CvSummary best() {
        return best;
    }

    /** The tasks of each grid point, by grid index, each sorted by (fold, member). */
    public List<List<CvTaskResult>> tasksByGrid() {
        return new ArrayList<>(byGrid(tasks).values());
    }

    /**
     * The grid points ranked, best first, by the mean of each ranking metric: the report's
     * {@link #bestMetric()}, then held-out AIC and BIC (lower is better), each once. A grid point without a
     * value of a metric (no completed task) comes last; ties keep grid order.
     *
     * @return metric (e.g. {@code validation.bic}) -&gt; grid indices, best first
     */
    public Map<String, List<Integer>> ranking() {
        Map<String, List<Integer>> out = new LinkedHashMap<>();
        for (CvBestMetric m : List.of(bestMetric, new CvBestMetric("validation", "aic"),
                new CvBestMetric("validation", "bic"))) {
            List<CvSummary> ranked = new ArrayList<>(summaries);
            ranked.sort(Comparator.comparing((CvSummary s) -> s.side(m).mean().get(m.metric()),
                    Comparator.nullsLast(m.lowerIsBetter() ? Comparator.<Double>naturalOrder()
                            : Comparator.<Double>reverseOrder())).thenComparingInt(CvSummary::gridIndex));
            out.putIfAbsent(m.toString(), ranked.stream().map(CvSummary::gridIndex).toList());
        }
        return out;
    }

    /** The best statistic's value, or null. */
    public Double bestValue() {
        return best == null ? null : best.side(bestMetric).mean().get(bestMetric.metric());
    }

    /**
     * The {@code report.json} tree: {@code run} (the given provenance), {@code tasks}, {@code summary},
     * {@code ranking} ({@link #ranking()}) and {@code best} (null when no grid point could be ranked).
     *
     * @param run provenance to embed (config hash, dataset, plan); may be empty
     */
    public Map<String, Object> toJson(Map<String, Object> run) {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("run", run);
        List<Map<String, Object>> taskList = new ArrayList<>();
        for (CvTaskResult t : tasks) {
            taskList.add(taskJson(t));
        }
        root.put("tasks", taskList);
        List<Map<String, Object>> summaryList = new ArrayList<>();
        for (CvSummary s : summaries) {
            summaryList.add(summaryJson(s));
        }
        root.put("summary", summaryList);
        root.put("ranking", ranking());
        root.put("best", bestJson());
        return root;
    }

    private static Map<String, Object> taskJson(CvTaskResult t) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("task", t.id());
        m.put("grid_index", t.gridIndex());
        m.put("grid", t.grid());
        m.put("fold", t.fold());
        m.put("member", t.member());
        m.put("status", t.status());
        if (t.message() != null) {
            m.put("message", t.message());
        }
        m.put("held_out", t.heldOut());
        m.put("validation", t.validation());
        m.put("train", t.train());
        return m;
    }

    private static Map<String, Object> summaryJson(CvSummary s) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("grid_index", s.gridIndex());
        m.put("grid", s.grid());
        m.put("n", s.n());
        m.put("not_completed", s.notCompleted());
        s.validation().putInto(m);
        m.put("train", s.train().toMap());
        return m;
    }

    private Map<String, Object> bestJson() {
        if (best == null) {
            return null;
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("grid_index", best.gridIndex());
        m.put("grid", best.grid());
        m.put("metric", bestMetric.metric());
        m.put("side", bestMetric.side());
        m.put("statistic", "mean");
        m.put("lower_is_better", bestMetric.lowerIsBetter());
        m.put("value", bestValue());
        return m;
    }

    /**
     * {@code report.csv}: a header, then one row per task: {@code task, grid_index}, one column per swept
     * key, {@code fold, member, status, held_out} (ids joined by ';'), then {@code train_<metric>} and
     * {@code validation_<metric>} for every metric key. Empty cells for undefined values.
     */
    public String csv() {
        List<String> gridKeys = new ArrayList<>(tasks.get(0).grid().keySet());
        List<String> header = new ArrayList<>(List.of("task", "grid_index"));
        header.addAll(gridKeys);
        header.addAll(List.of("fold", "member", "status", "held_out"));
        for (String side : List.of("train", "validation")) {
            for (String k : CvSummary.KEYS) {
                header.add(side + "_" + k);
            }
        }
        StringBuilder sb = new StringBuilder(row(new ArrayList<>(header)));
        for (CvTaskResult t : tasks) {
            List<Object> cells = new ArrayList<>(List.of(t.id(), t.gridIndex()));
            for (String k : gridKeys) {
                Object v = t.grid().get(k);
                cells.add(v instanceof String || v == null ? v : JsonText.compact(v));
            }
            cells.addAll(List.of(t.fold(), t.member(), t.status(), String.join(";", t.heldOut())));
            for (Map<String, Object> m : Arrays.asList(t.train(), t.validation())) {
                for (String k : CvSummary.KEYS) {
                    cells.add(m == null ? null : m.get(k));
                }
            }
            sb.append(row(cells));
        }
        return sb.toString();
    }

    private static String row(List<?> cells) {
        StringJoiner j = new StringJoiner(",", "", "\n");
        for (Object c : cells) {
            j.add(csvCell(c));
        }
        return j.toString();
    }

    private static String csvCell(Object c) {
        if (c == null) {
            return "";
        }
        String s = c.toString();
        if (s.contains(",") || s.contains("\"") || s.contains("\n")) {
            return "\"" + s.replace("\"", "\"\"") + "\"";
        }
        return s;
    }

    /** {@code key=value, ...} of a task's grid point, or {@code (no sweep)}. */
    public static String gridLabel(CvTaskResult t) {
        return gridLabel(t.grid());
    }

    /** {@code key=value, ...}, values as compact JSON (strings bare), or {@code (no sweep)} when empty. */
    public static String gridLabel(Map<String, Object> grid) {
        if (grid.isEmpty()) {
            return "(no sweep)";
        }
        StringJoiner j = new StringJoiner(", ");
        for (Map.Entry<String, Object> e : grid.entrySet()) {
            Object v = e.getValue();
            j.add(e.getKey() + "=" + (v instanceof String ? v : JsonText.compact(v)));
        }
        return j.toString();
    }
}
