package org.neuralode.report;

import java.awt.BasicStroke;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.function.ToDoubleFunction;
import org.knowm.xchart.AnnotationLine;
import org.knowm.xchart.AnnotationText;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.lines.SeriesLines;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * Training curves: loss (left panel) and MAE (middle panel) of the training and validation sets, and the
 * norms of the monitoring steps' gradient, parameters and update (right panel), against the global step,
 * on logarithmic y axes, with a dashed vertical line and a "phase k" label where each strategy phase after
 * the first begins.
 *
 * <p>Values that cannot be drawn on a log axis (NaN, infinite, zero or negative) are left out, so a run
 * without validation, or with a diverged or skipped step, still renders. Stateless and thread-safe; returns
 * PNG bytes, writes nothing.
 */
public final class LossPlot {

    /** Width of each of the three panels in pixels. */
    public static final int PANEL_WIDTH = 560;
    /** Height of the panels in pixels. */
    public static final int PANEL_HEIGHT = 400;

    /** Above this many points the curves are drawn without markers. */
    private static final int MARKER_LIMIT = 60;
    /** Phase labels sit this fraction of the log y range below the top of the plot. */
    private static final double LABEL_DROP = 0.05;
    private static final BasicStroke PHASE_STROKE = new BasicStroke(1.2f, BasicStroke.CAP_BUTT,
            BasicStroke.JOIN_MITER, 10f, new float[] {6f, 4f}, 0f);
    private static final BasicStroke CURVE_STROKE = new BasicStroke(1.8f);

    /** One curve: its legend name, its values and its colour index ({@link ChartStyle#color}). */
    private record Curve(String name, ToDoubleFunction<LossPoint> value, int colour) { }

    private static final List<Curve> NORMS = List.of(new Curve("|gradient|", LossPoint::gradNorm, 2),
            new Curve("|parameters|", LossPoint::paramNorm, 3), new Curve("|update|", LossPoint::updateNorm, 4));

    private LossPlot() {
    }

    /**
     * Renders the three-panel figure.
     *
     * @param points progress records in any order (sorted by global step here), at least one
     * @param title  figure title (null or blank: none)
     * @return PNG bytes, {@code 3 * PANEL_WIDTH} pixels wide
     * @throws IllegalArgumentException if {@code points} is empty
     */
    public static byte[] render(List<LossPoint> points, String title) {
        if (points.isEmpty()) {
            throw new IllegalArgumentException("a loss plot needs at least one point");
        }
        List<LossPoint> sorted = new ArrayList<>(points);
        sorted.sort(Comparator.comparingInt(LossPoint::globalStep));
        boolean validation = sorted.stream().anyMatch(LossPoint::hasValidation);
        List<XYChart> charts = List.of(
                panel(sorted, "loss", sides(LossPoint::trainLoss, LossPoint::valLoss)),
                panel(sorted, "MAE", sides(LossPoint::trainMae, LossPoint::valMae)),
                panel(sorted, "L2 norm", NORMS));
        return FigureCanvas.compose(title, legend(validation, phaseStarts(sorted).size() > 0), charts, 3);
    }

    private static List<Curve> sides(ToDoubleFunction<LossPoint> train, ToDoubleFunction<LossPoint> val) {
        return List.of(new Curve("train", train, 0), new Curve("validation", val, 1));
    }

    private static XYChart panel(List<LossPoint> points, String metric, List<Curve> curves) {
        XYChart chart = ChartStyle.panel(metric, "step", metric, PANEL_WIDTH, PANEL_HEIGHT);
        chart.getStyler().setYAxisLogarithmic(true);
        chart.getStyler().setAnnotationLineStroke(PHASE_STROKE);
        chart.getStyler().setAnnotationTextFont(ChartStyle.TICK_FONT);
        chart.getStyler().setAnnotationTextFontColor(ChartStyle.ANNOTATION);
        boolean markers = points.size() <= MARKER_LIMIT;
        double bottom = Double.POSITIVE_INFINITY;
        double top = 0;
        for (Curve curve : curves) {
            double[] range = addCurve(chart, curve, points, markers);
            bottom = Math.min(bottom, range[0]);
            top = Math.max(top, range[1]);
        }
        if (top > 0) {
            // XChart labels a log axis at powers of ten only: widen to whole decades so at least two show
            double lowDecade = Math.floor(Math.log10(bottom));
            double highDecade = Math.ceil(Math.log10(top) + 1e-9);
            chart.getStyler().setYAxisMin(Math.pow(10, lowDecade));
            chart.getStyler().setYAxisMax(Math.pow(10, highDecade));
            double labelY = Math.pow(10, highDecade - LABEL_DROP * (highDecade - lowDecade));
            for (double[] start : phaseStarts(points)) {
                chart.addAnnotation(new AnnotationLine(start[0], true, false));
                chart.addAnnotation(new AnnotationText("phase " + (int) start[1], start[0], labelY, false));
            }
        }
        return chart;
    }

    /**
     * Adds the positive finite values of one curve.
     *
     * @return {smallest, largest} value drawn, or {+inf, 0} if none
     */
    private static double[] addCurve(XYChart chart, Curve curve, List<LossPoint> points, boolean markers) {
        ToDoubleFunction<LossPoint> value = curve.value();
        int colour = curve.colour();
        double[] x = new double[points.size()];
        double[] y = new double[points.size()];
        int n = 0;
        double min = Double.POSITIVE_INFINITY;
        double max = 0;
        for (LossPoint p : points) {
            double v = value.applyAsDouble(p);
            if (Double.isFinite(v) && v > 0) {
                x[n] = p.globalStep();
                y[n] = v;
                min = Math.min(min, v);
                max = Math.max(max, v);
                n++;
            }
        }
        if (n == 0) {
            return new double[] {Double.POSITIVE_INFINITY, 0};
        }
        XYSeries series = chart.addSeries(curve.name(), Arrays.copyOf(x, n), Arrays.copyOf(y, n));
        series.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line);
        series.setLineColor(ChartStyle.color(colour));
        series.setLineStyle(SeriesLines.SOLID);
        series.setLineWidth(1.8f);
        series.setMarker(markers ? SeriesMarkers.CIRCLE : SeriesMarkers.NONE);
        series.setMarkerColor(ChartStyle.color(colour));
        return new double[] {min, max};
    }

    /**
     * Where phases change: {x, phase} pairs with x half-way between the last point of the previous phase
     * and the first point of the next.
     */
    static List<double[]> phaseStarts(List<LossPoint> sorted) {
        List<double[]> starts = new ArrayList<>();
        for (int i = 1; i < sorted.size(); i++) {
            LossPoint previous = sorted.get(i - 1);
            LossPoint current = sorted.get(i);
            if (current.phase() != previous.phase()) {
                starts.add(new double[] {0.5 * (previous.globalStep() + current.globalStep()), current.phase()});
            }
        }
        return starts;
    }

    private static List<LegendEntry> legend(boolean validation, boolean phases) {
        List<LegendEntry> entries = new ArrayList<>(6);
        entries.add(new LegendEntry("train", ChartStyle.color(0), false, CURVE_STROKE));
        if (validation) {
            entries.add(new LegendEntry("validation", ChartStyle.color(1), false, CURVE_STROKE));
        }
        for (Curve norm : NORMS) {
            entries.add(new LegendEntry(norm.name(), ChartStyle.color(norm.colour()), false, CURVE_STROKE));
        }
        if (phases) {
            entries.add(new LegendEntry("phase start", ChartStyle.ANNOTATION, false, PHASE_STROKE));
        }
        return entries;
    }
}
