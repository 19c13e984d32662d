package org.neuralode.report;

import java.awt.BasicStroke;
import java.awt.Color;
import java.util.ArrayList;
import java.util.List;
import org.knowm.xchart.XYChart;

/**
 * Observed data against model curves, one panel per measurement, as Catalax's {@code plot} draws them:
 * observations as markers, the model as lines, one colour per state (the same in every panel), a shared
 * legend, axes "time" and "concentration".
 *
 * <p>Panels are laid out in a grid of {@code ceil(sqrt(n))} columns. One figure holds at most
 * {@link #MAX_PANELS_PER_PAGE} panels; {@link #renderPages} splits larger sets into several figures.
 * Stateless and thread-safe; the result is PNG bytes, nothing is written to disk.
 */
public final class FitPlot {

    /** Most panels in one figure (a 4 x 4 grid). */
    public static final int MAX_PANELS_PER_PAGE = 16;
    /** Width of one panel in pixels. */
    public static final int PANEL_WIDTH = 420;
    /** Height of one panel in pixels. */
    public static final int PANEL_HEIGHT = 320;

    private static final float MODEL_LINE_WIDTH = 2.0f;

    private FitPlot() {
    }

    /**
     * Renders one figure.
     *
     * @param panels one per measurement, 1 to {@link #MAX_PANELS_PER_PAGE}
     * @param states state names in the column order of the panels' arrays (legend labels, colour order)
     * @param title  figure title (null or blank: none)
     * @return PNG bytes, {@code columns(n) * PANEL_WIDTH} pixels wide
     * @throws IllegalArgumentException if there are no or too many panels, or a panel's state count
     *                                  differs from {@code states.size()}
     */
    public static byte[] render(List<FitPanel> panels, List<String> states, String title) {
        if (panels.isEmpty() || panels.size() > MAX_PANELS_PER_PAGE) {
            throw new IllegalArgumentException("a fit figure holds 1 to " + MAX_PANELS_PER_PAGE
                    + " panels, got " + panels.size() + "; split them with FitPlot.pages");
        }
        List<XYChart> charts = new ArrayList<>(panels.size());
        for (FitPanel panel : panels) {
            if (panel.stateCount() != 0 && panel.stateCount() != states.size()) {
                throw new IllegalArgumentException("panel '" + panel.title() + "' has " + panel.stateCount()
                        + " states but the state list " + states + " has " + states.size());
            }
            charts.add(chart(panel, states));
        }
        return FigureCanvas.compose(title, legend(states), charts, columns(panels.size()));
    }

    /**
     * Renders any number of panels as consecutive figures of at most {@link #MAX_PANELS_PER_PAGE} panels.
     *
     * @param panels one per measurement, at least one
     * @param states state names, as for {@link #render}
     * @param title  figure title; with more than one page " (page i of n)" is appended
     * @return PNG bytes per page, in order
     */
    public static List<byte[]> renderPages(List<FitPanel> panels, List<String> states, String title) {
        List<List<FitPanel>> pages = pages(panels);
        List<byte[]> images = new ArrayList<>(pages.size());
        for (int i = 0; i < pages.size(); i++) {
            images.add(render(pages.get(i), states, pageTitle(title, i, pages.size())));
        }
        return images;
    }

    /** The title of page {@code i} (0-based) of {@code n}: with " (page i of n)" appended when n &gt; 1. */
    static String pageTitle(String title, int i, int n) {
        String page = "page " + (i + 1) + " of " + n;
        return n == 1 ? title : title == null || title.isBlank() ? page : title + " (" + page + ")";
    }

    /**
     * Splits panels into consecutive pages of at most {@link #MAX_PANELS_PER_PAGE}.
     *
     * @param panels any number (0 gives no pages)
     * @param <P>    the panel type
     * @return views of the input list, in order
     */
    public static <P> List<List<P>> pages(List<P> panels) {
        List<List<P>> pages = new ArrayList<>();
        for (int start = 0; start < panels.size(); start += MAX_PANELS_PER_PAGE) {
            pages.add(panels.subList(start, Math.min(panels.size(), start + MAX_PANELS_PER_PAGE)));
        }
        return pages;
    }

    /**
     * Grid columns for n panels: {@code ceil(sqrt(n))}, so the grid is square or one row short of it.
     *
     * @param n number of panels, &gt;= 1
     * @return columns, &gt;= 1
     */
    public static int columns(int n) {
        int columns = (int) Math.ceil(Math.sqrt(n));
        return Math.max(1, columns);
    }

    private static XYChart chart(FitPanel panel, List<String> states) {
        XYChart chart = ChartStyle.panel(panel.title(), "time", "concentration", PANEL_WIDTH, PANEL_HEIGHT);
        for (int s = 0; s < panel.stateCount(); s++) {
            double[][] observed = finitePoints(panel.time(), panel.observed(), s);
            if (observed[0].length > 0) {
                ChartStyle.addMarkers(chart, states.get(s) + " observed", observed, ChartStyle.color(s));
            }
            double[][] model = finitePoints(panel.modelTime(), panel.model(), s);
            if (model[0].length > 0) {
                ChartStyle.addLine(chart, states.get(s) + " model", model, ChartStyle.color(s), MODEL_LINE_WIDTH);
            }
        }
        ChartStyle.roundXTicks(chart);
        return chart;
    }

    /** Column s of {@code values} with its times, keeping only points where both are finite. */
    static double[][] finitePoints(double[] time, double[][] values, int s) {
        double[] column = new double[values.length];
        for (int t = 0; t < values.length; t++) {
            column[t] = values[t][s];
        }
        return ChartStyle.finitePairs(time, column);
    }

    private static List<LegendEntry> legend(List<String> states) {
        List<LegendEntry> entries = new ArrayList<>(states.size() + 2);
        for (int s = 0; s < states.size(); s++) {
            entries.add(new LegendEntry(states.get(s), ChartStyle.color(s), true,
                    new BasicStroke(MODEL_LINE_WIDTH)));
        }
        entries.add(new LegendEntry("observed", Color.DARK_GRAY, true, null));
        entries.add(new LegendEntry("model", Color.DARK_GRAY, false, new BasicStroke(MODEL_LINE_WIDTH)));
        return entries;
    }
}
