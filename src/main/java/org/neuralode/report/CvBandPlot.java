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
 * Held-out fits of one grid point: one panel per held-out measurement with its observations (markers),
 * the mean prediction of the ensemble members (line) and, with more than one member, a translucent band
 * from the members' minimum to their maximum at every time. Stateless and thread-safe; returns PNG bytes.
 */
public final class CvBandPlot {

    /** Most panels in one figure (a 4 x 4 grid). */
    public static final int MAX_PANELS = FitPlot.MAX_PANELS_PER_PAGE;

    private static final int BAND_ALPHA = 70;

    private CvBandPlot() {
    }

    /**
     * Renders the held-out fits of one grid point.
     *
     * @param tasks  the grid point's tasks, sorted by (fold, member)
     * @param states state names (colour order)
     * @param title  figure title
     * @return PNG bytes, or null when no completed task has predictions
     */
    public static byte[] render(List<CvTaskResult> tasks, List<String> states, String title) {
        List<CvEnsemble.Curve> curves = CvEnsemble.curves(tasks);
        if (curves.isEmpty()) {
            return null;
        }
        List<XYChart> charts = new ArrayList<>();
        boolean band = false;
        for (CvEnsemble.Curve c : curves.subList(0, Math.min(MAX_PANELS, curves.size()))) {
            band |= c.members() > 1;
            charts.add(panel(c, states));
        }
        return FigureCanvas.compose(title, legend(states, band), charts, FitPlot.columns(charts.size()));
    }

    /** Number of held-out curves of a grid point (panels beyond {@link #MAX_PANELS} are not drawn). */
    public static int curveCount(List<CvTaskResult> tasks) {
        return CvEnsemble.curves(tasks).size();
    }

    private static XYChart panel(CvEnsemble.Curve c, List<String> states) {
        CvPrediction p = c.first();
        String title = "fold " + c.fold() + ": " + p.label();
        XYChart chart = ChartStyle.panel(title, "time", "concentration", FitPlot.PANEL_WIDTH,
                FitPlot.PANEL_HEIGHT);
        for (int s = 0; s < states.size(); s++) {
            int j = p.states().indexOf(states.get(s));
            if (j < 0) {
                continue;
            }
            Color colour = ChartStyle.color(s);
            if (c.members() > 1) {
                addBand(chart, states.get(s), p.denseTime(), c.denseMin(), c.denseMax(), j, colour);
            }
            addLine(chart, states.get(s) + " mean", p.denseTime(), c.denseMean(), j, colour);
            addObserved(chart, states.get(s) + " observed", p.time(), p.observed(), j, colour);
        }
        return chart;
    }

    private static void addBand(XYChart chart, String name, double[] t, double[][] lo, double[][] hi, int j,
                                Color colour) {
        int m = t.length;
        double[] x = new double[2 * m];
        double[] y = new double[2 * m];
        for (int k = 0; k < m; k++) {
            x[k] = t[k];
            y[k] = hi[k][j];
            x[2 * m - 1 - k] = t[k];
            y[2 * m - 1 - k] = lo[k][j];
        }
        if (!allFinite(y)) {
            return;
        }
        XYSeries band = chart.addSeries(name + " band", x, y);
        band.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.PolygonArea);
        band.setFillColor(new Color(colour.getRed(), colour.getGreen(), colour.getBlue(), BAND_ALPHA));
        band.setLineColor(new Color(colour.getRed(), colour.getGreen(), colour.getBlue(), BAND_ALPHA));
        band.setLineStyle(SeriesLines.NONE);
        band.setMarker(SeriesMarkers.NONE);
    }

    static void addLine(XYChart chart, String name, double[] t, double[][] v, int j, Color colour) {
        double[][] xy = finite(t, v, j);
        if (xy[0].length == 0) {
            return;
        }
        XYSeries line = chart.addSeries(name, xy[0], xy[1]);
        line.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line);
        line.setMarker(SeriesMarkers.NONE);
        line.setLineColor(colour);
        line.setLineStyle(SeriesLines.SOLID);
        line.setLineWidth(2f);
    }

    static void addObserved(XYChart chart, String name, double[] t, double[][] v, int j, Color colour) {
        double[][] xy = finite(t, v, j);
        if (xy[0].length == 0) {
            return;
        }
        XYSeries points = chart.addSeries(name, xy[0], xy[1]);
        points.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
        points.setMarker(SeriesMarkers.CIRCLE);
        points.setMarkerColor(colour);
    }

    private static double[][] finite(double[] t, double[][] v, int j) {
        List<double[]> keep = new ArrayList<>();
        for (int k = 0; k < t.length; k++) {
            if (Double.isFinite(v[k][j])) {
                keep.add(new double[] {t[k], v[k][j]});
            }
        }
        double[][] xy = new double[2][keep.size()];
        for (int i = 0; i < keep.size(); i++) {
            xy[0][i] = keep.get(i)[0];
            xy[1][i] = keep.get(i)[1];
        }
        return xy;
    }

    private static boolean allFinite(double[] v) {
        for (double x : v) {
            if (!Double.isFinite(x)) {
                return false;
            }
        }
        return true;
    }

    private static List<LegendEntry> legend(List<String> states, boolean band) {
        List<LegendEntry> entries = new ArrayList<>();
        for (int s = 0; s < states.size(); s++) {
            entries.add(new LegendEntry(states.get(s), ChartStyle.color(s), true, new BasicStroke(2f)));
        }
        entries.add(new LegendEntry("observed", Color.DARK_GRAY, true, null));
        entries.add(new LegendEntry(band ? "member mean" : "prediction", Color.DARK_GRAY, false,
                new BasicStroke(2f)));
        if (band) {
            entries.add(new LegendEntry("members' min-max", new Color(160, 160, 160), false,
                    new BasicStroke(8f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER)));
        }
        return entries;
    }
}
