package org.neuralode.report;

import java.awt.BasicStroke;
import java.awt.Color;
import java.util.ArrayList;
import java.util.List;
import org.knowm.xchart.XYChart;

/**
 * Every grid point's held-out fits in one figure, to compare candidate models: one panel per held-out
 * measurement (the first {@link CvBandPlot#MAX_PANELS}) with its observations (grey markers) and, in one
 * colour per grid point, each grid point's prediction (the members' mean). Stateless and thread-safe;
 * returns PNG bytes.
 */
public final class CvCompareFitPlot {

    private static final Color OBSERVED = new Color(90, 90, 90);

    private CvCompareFitPlot() {
    }

    /**
     * Renders the comparison.
     *
     * @param grids  the tasks of each grid point, by grid index, each sorted by (fold, member)
     * @param states state names
     * @param title  figure title
     * @return PNG bytes, or null when no grid point has completed predictions
     */
    public static byte[] render(List<List<CvTaskResult>> grids, List<String> states, String title) {
        List<List<CvEnsemble.Curve>> curves = new ArrayList<>();
        List<CvEnsemble.Curve> reference = List.of();
        for (List<CvTaskResult> g : grids) {
            List<CvEnsemble.Curve> c = CvEnsemble.curves(g);
            curves.add(c);
            reference = c.size() > reference.size() ? c : reference;
        }
        if (reference.isEmpty()) {
            return null;
        }
        List<XYChart> charts = new ArrayList<>();
        for (CvEnsemble.Curve r : reference.subList(0, Math.min(CvBandPlot.MAX_PANELS, reference.size()))) {
            charts.add(panel(r, grids, curves, states));
        }
        return FigureCanvas.compose(title, legend(grids), charts, FitPlot.columns(charts.size()));
    }

    private static XYChart panel(CvEnsemble.Curve r, List<List<CvTaskResult>> grids,
                                 List<List<CvEnsemble.Curve>> curves, List<String> states) {
        CvPrediction p = r.first();
        XYChart chart = ChartStyle.panel("fold " + r.fold() + ": " + p.label(), "time", "concentration",
                FitPlot.PANEL_WIDTH, FitPlot.PANEL_HEIGHT);
        for (int g = 0; g < curves.size(); g++) {
            for (CvEnsemble.Curve c : curves.get(g)) {
                if (c.first().measurementId().equals(p.measurementId())) {
                    for (String state : states) {
                        int j = c.first().states().indexOf(state);
                        if (j >= 0) {
                            CvBandPlot.addLine(chart, "grid " + gridIndex(grids, g) + " " + state,
                                    c.first().denseTime(), c.denseMean(), j, ChartStyle.color(g));
                        }
                    }
                }
            }
        }
        for (String state : states) {
            int j = p.states().indexOf(state);
            if (j >= 0) {
                CvBandPlot.addObserved(chart, state + " observed", p.time(), p.observed(), j, OBSERVED);
            }
        }
        return chart;
    }

    private static int gridIndex(List<List<CvTaskResult>> grids, int g) {
        return grids.get(g).get(0).gridIndex();
    }

    private static List<LegendEntry> legend(List<List<CvTaskResult>> grids) {
        List<LegendEntry> entries = new ArrayList<>();
        for (int g = 0; g < grids.size(); g++) {
            entries.add(new LegendEntry("grid " + gridIndex(grids, g), ChartStyle.color(g), false,
                    new BasicStroke(2f)));
        }
        entries.add(new LegendEntry("observed", OBSERVED, true, null));
        return entries;
    }
}
