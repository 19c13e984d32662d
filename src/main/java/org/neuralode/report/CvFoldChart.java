package org.neuralode.report;

import java.awt.BasicStroke;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.lines.SeriesLines;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * Per-fold metric chart: one panel per grid point, the chosen metric on the held-out side (validation) and
 * on the training side against the fold index, each fold's value being the mean over its completed ensemble
 * members. Stateless and thread-safe; returns PNG bytes.
 */
public final class CvFoldChart {

    /** Most panels in one figure. */
    public static final int MAX_PANELS = 16;
    /** Panel width in pixels. */
    public static final int PANEL_WIDTH = 420;
    /** Panel height in pixels. */
    public static final int PANEL_HEIGHT = 300;

    private CvFoldChart() {
    }

    /**
     * Renders the figure.
     *
     * @param gridPoints the tasks of each grid point to draw (each sorted by fold, member), 1 to
     *                   {@link #MAX_PANELS} of them
     * @param metric     metric key of {@code MetricSet.toMap()}, e.g. {@code mae}
     * @param title      figure title
     * @return PNG bytes
     * @throws IllegalArgumentException for no or too many grid points
     */
    public static byte[] render(List<List<CvTaskResult>> gridPoints, String metric, String title) {
        if (gridPoints.isEmpty() || gridPoints.size() > MAX_PANELS) {
            throw new IllegalArgumentException("a fold chart holds 1 to " + MAX_PANELS + " grid points, got "
                    + gridPoints.size());
        }
        List<XYChart> charts = new ArrayList<>();
        for (List<CvTaskResult> tasks : gridPoints) {
            XYChart chart = ChartStyle.panel(CvReport.gridLabel(tasks.get(0)), "fold", metric, PANEL_WIDTH,
                    PANEL_HEIGHT);
            addSeries(chart, "validation", foldMeans(tasks, metric, true), 0);
            addSeries(chart, "train", foldMeans(tasks, metric, false), 1);
            charts.add(chart);
        }
        List<LegendEntry> legend = List.of(
                new LegendEntry("validation (held out)", ChartStyle.color(0), true, new BasicStroke(1.5f)),
                new LegendEntry("train", ChartStyle.color(1), true, new BasicStroke(1.5f)));
        return FigureCanvas.compose(title, legend, charts, FitPlot.columns(charts.size()));
    }

    /** fold -> mean over completed members of the metric; folds without a value are left out. */
    static double[][] foldMeans(List<CvTaskResult> tasks, String metric, boolean validation) {
        Map<Integer, double[]> sums = new TreeMap<>();
        for (CvTaskResult t : tasks) {
            Map<String, Object> m = validation ? t.validation() : t.train();
            if (t.completed() && m != null && m.get(metric) instanceof Number v) {
                double[] s = sums.computeIfAbsent(t.fold(), f -> new double[2]);
                s[0] += v.doubleValue();
                s[1]++;
            }
        }
        double[] x = new double[sums.size()];
        double[] y = new double[sums.size()];
        int i = 0;
        for (Map.Entry<Integer, double[]> e : sums.entrySet()) {
            x[i] = e.getKey();
            y[i++] = e.getValue()[0] / e.getValue()[1];
        }
        return new double[][] {x, y};
    }

    private static void addSeries(XYChart chart, String name, double[][] xy, int colour) {
        if (xy[0].length == 0) {
            return;
        }
        double[] x = xy[0];
        double[] y = Arrays.copyOf(xy[1], xy[1].length);
        XYSeries s = chart.addSeries(name, x, y);
        s.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line);
        s.setMarker(SeriesMarkers.CIRCLE);
        s.setMarkerColor(ChartStyle.color(colour));
        s.setLineColor(ChartStyle.color(colour));
        s.setLineStyle(SeriesLines.SOLID);
        s.setLineWidth(1.5f);
    }
}
