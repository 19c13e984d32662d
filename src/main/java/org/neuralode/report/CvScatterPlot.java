package org.neuralode.report;

import java.awt.BasicStroke;
import java.awt.Color;
import java.util.ArrayList;
import java.util.List;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.lines.SeriesLines;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * Observed against predicted for the held-out measurements: one panel per grid point, one point per
 * observed value of every held-out measurement of every fold (the prediction being the mean of the
 * completed ensemble members), one colour per state, and the line y = x. Stateless and thread-safe;
 * returns PNG bytes.
 */
public final class CvScatterPlot {

    /** Panel width and height in pixels (square, so y = x is the diagonal). */
    public static final int PANEL_SIZE = 380;

    private CvScatterPlot() {
    }

    /**
     * Renders the figure.
     *
     * @param gridPoints tasks of each grid point to draw (each sorted by fold, member), 1 to
     *                   {@link CvFoldChart#MAX_PANELS}
     * @param states     state names (colour order)
     * @param title      figure title
     * @return PNG bytes
     * @throws IllegalArgumentException for no or too many grid points
     */
    public static byte[] render(List<List<CvTaskResult>> gridPoints, List<String> states, String title) {
        if (gridPoints.isEmpty() || gridPoints.size() > CvFoldChart.MAX_PANELS) {
            throw new IllegalArgumentException("a scatter figure holds 1 to " + CvFoldChart.MAX_PANELS
                    + " grid points, got " + gridPoints.size());
        }
        List<XYChart> charts = new ArrayList<>();
        for (List<CvTaskResult> tasks : gridPoints) {
            charts.add(panel(tasks, states));
        }
        List<LegendEntry> legend = new ArrayList<>();
        for (int s = 0; s < states.size(); s++) {
            legend.add(new LegendEntry(states.get(s), ChartStyle.color(s), true, null));
        }
        legend.add(new LegendEntry("y = x", Color.GRAY, false, new BasicStroke(1f)));
        return FigureCanvas.compose(title, legend, charts, FitPlot.columns(charts.size()));
    }

    private static XYChart panel(List<CvTaskResult> tasks, List<String> states) {
        XYChart chart = ChartStyle.panel(CvReport.gridLabel(tasks.get(0)), "observed", "predicted",
                PANEL_SIZE, PANEL_SIZE);
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        List<CvEnsemble.Curve> curves = CvEnsemble.curves(tasks);
        for (int s = 0; s < states.size(); s++) {
            List<Double> x = new ArrayList<>();
            List<Double> y = new ArrayList<>();
            for (CvEnsemble.Curve c : curves) {
                int j = c.first().states().indexOf(states.get(s));
                if (j < 0) {
                    continue;
                }
                for (int k = 0; k < c.predicted().length; k++) {
                    double o = c.first().observed()[k][j];
                    double p = c.predicted()[k][j];
                    if (Double.isFinite(o) && Double.isFinite(p)) {
                        x.add(o);
                        y.add(p);
                        lo = Math.min(lo, Math.min(o, p));
                        hi = Math.max(hi, Math.max(o, p));
                    }
                }
            }
            if (!x.isEmpty()) {
                XYSeries series = chart.addSeries(states.get(s), x, y);
                series.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
                series.setMarker(SeriesMarkers.CIRCLE);
                series.setMarkerColor(ChartStyle.color(s));
            }
        }
        if (lo < hi) {
            XYSeries diagonal = chart.addSeries("y = x", new double[] {lo, hi}, new double[] {lo, hi});
            diagonal.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line);
            diagonal.setMarker(SeriesMarkers.NONE);
            diagonal.setLineColor(Color.GRAY);
            diagonal.setLineStyle(SeriesLines.DASH_DASH);
        }
        return chart;
    }
}
