package org.neuralode.report;

import java.util.ArrayList;
import java.util.List;
import org.knowm.xchart.XYChart;

/**
 * A dataset as Catalax's {@code Dataset.plot} draws it: one panel per measurement, observations as markers,
 * one colour per state; augmented copies, when given, as lighter markers of the same colour behind the
 * originals. Panels are laid out and paged as in {@link FitPlot}. Stateless and thread-safe; the result is
 * PNG bytes.
 */
public final class DataPlot {

    /** Share of white mixed into a state's colour for its augmented copies. */
    static final double COPY_LIGHTNESS = 0.65;

    private DataPlot() {
    }

    /**
     * Renders any number of panels as consecutive figures of at most {@link FitPlot#MAX_PANELS_PER_PAGE}.
     *
     * @param panels one per measurement, at least one
     * @param states state names in the column order of the panels' arrays (legend labels, colour order)
     * @param title  figure title; with more than one page " (page i of n)" is appended
     * @return PNG bytes per page, in order
     * @throws IllegalArgumentException if there are no panels
     */
    public static List<byte[]> renderPages(List<DataPanel> panels, List<String> states, String title) {
        if (panels.isEmpty()) {
            throw new IllegalArgumentException("a data figure needs at least one panel");
        }
        boolean copies = panels.stream().anyMatch(p -> !p.copies().isEmpty());
        List<List<DataPanel>> pages = FitPlot.pages(panels);
        List<byte[]> images = new ArrayList<>(pages.size());
        for (int i = 0; i < pages.size(); i++) {
            List<XYChart> charts = new ArrayList<>();
            for (DataPanel panel : pages.get(i)) {
                charts.add(chart(panel, states));
            }
            images.add(FigureCanvas.compose(FitPlot.pageTitle(title, i, pages.size()), legend(states, copies),
                    charts, FitPlot.columns(charts.size())));
        }
        return images;
    }

    private static XYChart chart(DataPanel panel, List<String> states) {
        XYChart chart = ChartStyle.panel(panel.title(), "time", "concentration", FitPlot.PANEL_WIDTH,
                FitPlot.PANEL_HEIGHT);
        for (int s = 0; s < states.size(); s++) {
            for (int c = 0; c < panel.copies().size(); c++) {
                double[][] copy = FitPlot.finitePoints(panel.time(), panel.copies().get(c), s);
                if (copy[0].length > 0) {
                    ChartStyle.addMarkers(chart, states.get(s) + " copy " + c, copy,
                            ChartStyle.lighter(s, COPY_LIGHTNESS));
                }
            }
        }
        for (int s = 0; s < states.size(); s++) {
            double[][] observed = FitPlot.finitePoints(panel.time(), panel.observed(), s);
            if (observed[0].length > 0) {
                ChartStyle.addMarkers(chart, states.get(s), observed, ChartStyle.color(s));
            }
        }
        ChartStyle.roundXTicks(chart);
        return chart;
    }

    private static List<LegendEntry> legend(List<String> states, boolean copies) {
        List<LegendEntry> entries = new ArrayList<>(states.size() * 2);
        for (int s = 0; s < states.size(); s++) {
            entries.add(new LegendEntry(states.get(s), ChartStyle.color(s), true, null));
            if (copies) {
                entries.add(new LegendEntry(states.get(s) + " augmented", ChartStyle.lighter(s, COPY_LIGHTNESS),
                        true, null));
            }
        }
        return entries;
    }
}
