package org.neuralode.report;

import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code report.html} of a cross-validation sweep: one self-contained page (figures embedded as base64
 * PNGs, inline CSS, no scripts) with the run's facts, the best grid point, its refit on all the data (when
 * asked for), a summary table, a per-fold
 * metric chart per grid point, observed against predicted on the held-out measurements, and the held-out
 * fits of the best grid point (the members' mean with a min-max band for ensembles).
 *
 * <p>Grids of more than {@link CvFoldChart#MAX_PANELS} points draw only the best-ranked ones (the table
 * lists them all). Stateless and thread-safe.
 */
public final class CvReportHtml {

    private static final List<String> TABLE_METRICS = List.of("mae", "loss", "r_squared", "weighted_mape");

    private CvReportHtml() {
    }

    /**
     * Renders the page.
     *
     * @param report the aggregated report
     * @param facts  lines of "what ran" shown at the top, label -> value (config, dataset, plan ...)
     * @param states state names of the dataset (plot colours)
     * @param refit  the text of the Refit section, or null for none
     * @return the HTML text
     */
    public static String render(CvReport report, Map<String, String> facts, List<String> states, String refit) {
        StringBuilder h = new StringBuilder(8192);
        h.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">")
                .append("<title>neuralode cv report</title>\n<style>")
                .append("body{font-family:sans-serif;margin:24px;color:#222;max-width:1800px}")
                .append("table{border-collapse:collapse;margin:8px 0 20px}")
                .append("td,th{border:1px solid #ccc;padding:4px 8px;text-align:right;font-size:13px}")
                .append("th{background:#f0f0f0}td.l,th.l{text-align:left}tr.best td{background:#e8f4e8;font-weight:bold}")
                .append("img{max-width:100%;border:1px solid #ddd;margin:6px 0}.note{color:#666;font-size:13px}")
                .append("</style></head><body>\n<h1>Cross-validation report</h1>\n");
        facts(h, facts);
        best(h, report);
        if (refit != null) {
            h.append("<h2>Refit</h2>\n<p>").append(esc(refit)).append("</p>\n");
        }
        summaryTable(h, report);
        comparison(h, report, states);
        figures(h, report, states);
        problems(h, report);
        h.append("</body></html>\n");
        return h.toString();
    }

    private static void facts(StringBuilder h, Map<String, String> facts) {
        h.append("<table>");
        for (Map.Entry<String, String> e : facts.entrySet()) {
            h.append("<tr><th class=\"l\">").append(esc(e.getKey())).append("</th><td class=\"l\">")
                    .append(esc(e.getValue())).append("</td></tr>");
        }
        h.append("</table>\n");
    }

    private static void best(StringBuilder h, CvReport report) {
        CvBestMetric m = report.bestMetric();
        h.append("<h2>Best grid point</h2>\n<p>");
        if (report.best() == null) {
            h.append("No grid point has a value of ").append(esc(m.toString())).append(" (no completed task).");
        } else {
            h.append("<b>").append(esc(CvReport.gridLabel(report.best().grid()))).append("</b> (grid point ")
                    .append(report.best().gridIndex()).append("): mean ").append(esc(m.toString())).append(" = ")
                    .append(num(report.bestValue())).append(m.lowerIsBetter() ? " (lowest)" : " (highest)");
        }
        h.append("</p>\n");
    }

    private static void summaryTable(StringBuilder h, CvReport report) {
        h.append("<h2>Summary per grid point</h2>\n<table><tr><th>grid</th><th class=\"l\">values</th>")
                .append("<th>n</th><th>not completed</th>");
        for (String k : TABLE_METRICS) {
            h.append("<th>validation ").append(k).append(" (mean &plusmn; std)</th>");
        }
        h.append("<th>train mae (mean)</th></tr>\n");
        for (CvSummary s : report.summaries()) {
            boolean best = report.best() != null && report.best().gridIndex() == s.gridIndex();
            h.append(best ? "<tr class=\"best\">" : "<tr>").append("<td>").append(s.gridIndex())
                    .append("</td><td class=\"l\">").append(esc(CvReport.gridLabel(s.grid()))).append("</td><td>")
                    .append(s.n()).append("</td><td>").append(s.notCompleted()).append("</td>");
            for (String k : TABLE_METRICS) {
                h.append("<td>").append(num(s.validation().mean().get(k))).append(" &plusmn; ")
                        .append(num(s.validation().std().get(k))).append("</td>");
            }
            h.append("<td>").append(num(s.train().mean().get("mae"))).append("</td></tr>\n");
        }
        h.append("</table>\n");
    }

    /**
     * With several grid points (e.g. a sweep over {@code model}: candidate mechanisms): each one's rank by
     * the ranking metric and by mean held-out AIC and BIC, and one chart of every grid point's held-out fits.
     */
    private static void comparison(StringBuilder h, CvReport report, List<String> states) {
        if (report.summaries().size() < 2) {
            return;
        }
        Map<String, List<Integer>> ranking = report.ranking();
        h.append("<h2>Model comparison</h2>\n<p class=\"note\">Rank 1 is best: lowest mean (highest for ")
                .append("r_squared) over the folds of each metric; AIC and BIC on the held-out measurements, with k")
                .append(" the number of trained parameters.</p>\n<table><tr><th>grid</th><th class=\"l\">values</th>");
        for (String metric : ranking.keySet()) {
            h.append("<th>").append(esc(metric)).append(" (mean)</th><th>rank</th>");
        }
        h.append("</tr>\n");
        for (int g : ranking.get(report.bestMetric().toString())) {
            CvSummary s = report.summaries().stream().filter(x -> x.gridIndex() == g).findFirst().orElseThrow();
            h.append("<tr><td>").append(g).append("</td><td class=\"l\">").append(esc(CvReport.gridLabel(s.grid())))
                    .append("</td>");
            for (Map.Entry<String, List<Integer>> e : ranking.entrySet()) {
                CvBestMetric m = CvBestMetric.parse(e.getKey());
                h.append("<td>").append(num(s.side(m).mean().get(m.metric()))).append("</td><td>")
                        .append(e.getValue().indexOf(g) + 1).append("</td>");
            }
            h.append("</tr>\n");
        }
        h.append("</table>\n");
        byte[] png = CvCompareFitPlot.render(report.tasksByGrid(), states, "Held-out fits of every grid point");
        if (png != null) {
            image(h, png, "held-out fits of every grid point");
        }
    }

    private static void figures(StringBuilder h, CvReport report, List<String> states) {
        List<List<CvTaskResult>> shown = shownGridPoints(report);
        String metric = report.bestMetric().metric();
        h.append("<h2>Per-fold ").append(esc(metric)).append("</h2>\n");
        if (shown.size() < report.summaries().size()) {
            h.append("<p class=\"note\">Showing the ").append(shown.size()).append(" best of ")
                    .append(report.summaries().size()).append(" grid points by ")
                    .append(esc(report.bestMetric().toString())).append(".</p>\n");
        }
        image(h, CvFoldChart.render(shown, metric, metric + " per fold (mean over members)"), "per-fold metric");
        h.append("<h2>Observed vs predicted (held-out measurements)</h2>\n");
        image(h, CvScatterPlot.render(shown, states, "Observed vs predicted"),
                "observed vs predicted");
        if (report.best() != null) {
            List<CvTaskResult> bestTasks = report.tasksByGrid().stream()
                    .filter(g -> g.get(0).gridIndex() == report.best().gridIndex()).findFirst().orElseThrow();
            int curves = CvBandPlot.curveCount(bestTasks);
            h.append("<h2>Held-out fits of the best grid point</h2>\n<p class=\"note\">Line: mean prediction of ")
                    .append("the ensemble members; band: the members' minimum to maximum (ensembles only).");
            if (curves > CvBandPlot.MAX_PANELS) {
                h.append(" The first ").append(CvBandPlot.MAX_PANELS).append(" of ").append(curves)
                        .append(" held-out measurements are shown.");
            }
            h.append("</p>\n");
            byte[] png = CvBandPlot.render(bestTasks, states, CvReport.gridLabel(report.best().grid()));
            if (png != null) {
                image(h, png, "held-out fits");
            }
        }
    }

    /** All grid points, or the best-ranked {@link CvFoldChart#MAX_PANELS} (in grid order) for larger grids. */
    static List<List<CvTaskResult>> shownGridPoints(CvReport report) {
        List<List<CvTaskResult>> all = report.tasksByGrid();
        if (all.size() <= CvFoldChart.MAX_PANELS) {
            return all;
        }
        List<Integer> keep = report.ranking().get(report.bestMetric().toString()).subList(0, CvFoldChart.MAX_PANELS)
                .stream().sorted().toList();
        return all.stream().filter(g -> keep.contains(g.get(0).gridIndex())).toList();
    }

    private static void problems(StringBuilder h, CvReport report) {
        List<CvTaskResult> bad = report.tasks().stream().filter(t -> !t.completed()).toList();
        if (bad.isEmpty()) {
            return;
        }
        h.append("<h2>Tasks that did not complete</h2>\n<table><tr><th class=\"l\">task</th>")
                .append("<th class=\"l\">status</th><th class=\"l\">message</th></tr>\n");
        for (CvTaskResult t : bad) {
            h.append("<tr><td class=\"l\">").append(esc(t.id())).append("</td><td class=\"l\">")
                    .append(esc(t.status())).append("</td><td class=\"l\">")
                    .append(esc(t.message() == null ? "" : t.message())).append("</td></tr>\n");
        }
        h.append("</table>\n");
    }

    private static void image(StringBuilder h, byte[] png, String alt) {
        h.append("<img alt=\"").append(esc(alt)).append("\" src=\"data:image/png;base64,")
                .append(Base64.getEncoder().encodeToString(png)).append("\">\n");
    }

    private static String num(Double v) {
        return v == null ? "&ndash;" : String.format(Locale.ROOT, "%.4g", v);
    }

    /** Escapes text for HTML element content and attribute values. */
    static String esc(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
