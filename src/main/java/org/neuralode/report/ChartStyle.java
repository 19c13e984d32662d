package org.neuralode.report;

import java.awt.Color;
import java.awt.Font;
import java.util.Arrays;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.XYStyler;
import org.knowm.xchart.style.lines.SeriesLines;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * The look shared by every panel: white background, light grid, no per-panel legend (the figure draws one
 * shared legend), and the matplotlib "tab10" colour cycle that Catalax users know from its plots.
 * Loading this class sets {@code java.awt.headless=true}.
 */
final class ChartStyle {

    static {
        // Figures are drawn on a cluster driver without a display. Set before the first chart exists; the
        // property only takes effect if nothing initialised AWT earlier (then a display is there anyway).
        System.setProperty("java.awt.headless", "true");
    }

    /** matplotlib tab10, in its order; state i gets {@code PALETTE[i % 10]}. */
    private static final Color[] PALETTE = {
        new Color(0x1f77b4), new Color(0xff7f0e), new Color(0x2ca02c), new Color(0xd62728),
        new Color(0x9467bd), new Color(0x8c564b), new Color(0xe377c2), new Color(0x7f7f7f),
        new Color(0xbcbd22), new Color(0x17becf),
    };

    /** Colour of phase boundaries and other annotations. */
    static final Color ANNOTATION = new Color(0x606060);

    static final Font TITLE_FONT = new Font(Font.SANS_SERIF, Font.BOLD, 14);
    static final Font AXIS_TITLE_FONT = new Font(Font.SANS_SERIF, Font.PLAIN, 12);
    static final Font TICK_FONT = new Font(Font.SANS_SERIF, Font.PLAIN, 11);

    private ChartStyle() {
    }

    /**
     * Colour of the i-th series (state index), cycling through ten colours.
     *
     * @param index 0-based index
     * @return the colour
     */
    static Color color(int index) {
        return PALETTE[Math.floorMod(index, PALETTE.length)];
    }

    /**
     * The i-th series colour mixed with white, for points drawn behind the main ones.
     *
     * @param index    0-based index
     * @param fraction share of white, 0 (the colour) to 1 (white)
     * @return the lighter colour
     */
    static Color lighter(int index, double fraction) {
        Color c = color(index);
        return new Color(mix(c.getRed(), fraction), mix(c.getGreen(), fraction), mix(c.getBlue(), fraction));
    }

    private static int mix(int channel, double fraction) {
        return (int) Math.round(channel + (255 - channel) * fraction);
    }

    /**
     * The pairs {@code (x[i], y[i])} where both are finite, in order.
     *
     * @return {@code {x, y}} of the kept points
     */
    static double[][] finitePairs(double[] x, double[] y) {
        double[] fx = new double[x.length];
        double[] fy = new double[x.length];
        int n = 0;
        for (int i = 0; i < x.length; i++) {
            if (Double.isFinite(x[i]) && Double.isFinite(y[i])) {
                fx[n] = x[i];
                fy[n] = y[i];
                n++;
            }
        }
        return new double[][] {Arrays.copyOf(fx, n), Arrays.copyOf(fy, n)};
    }

    /**
     * Adds points drawn as filled circles.
     *
     * @param points {@code {x, y}}, equal lengths, at least one point
     */
    static void addMarkers(XYChart chart, String name, double[][] points, Color color) {
        XYSeries series = chart.addSeries(name, points[0], points[1]);
        series.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
        series.setMarker(SeriesMarkers.CIRCLE);
        series.setMarkerColor(color);
    }

    /**
     * Adds a solid line through points in their order.
     *
     * @param points {@code {x, y}}, equal lengths, at least one point
     */
    static void addLine(XYChart chart, String name, double[][] points, Color color, float width) {
        XYSeries series = chart.addSeries(name, points[0], points[1]);
        series.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line);
        series.setMarker(SeriesMarkers.NONE);
        series.setLineStyle(SeriesLines.SOLID);
        series.setLineColor(color);
        series.setLineWidth(width);
    }

    /**
     * Keeps the x ticks on round numbers. When the x values of all series together are evenly spaced (a
     * dataset's measurement times, say), XChart puts its ticks on those values and prints them in full
     * (36.842105263157897); one invisible point (no marker, no line) halfway between the two smallest x values,
     * at an existing y value, breaks the spacing without moving either axis's range. Call it after the last
     * series is added.
     */
    static void roundXTicks(XYChart chart) {
        double[] xs = chart.getSeriesMap().values().stream().flatMapToDouble(s -> Arrays.stream(s.getXData()))
                .distinct().sorted().limit(2).toArray();
        if (xs.length == 2) {
            XYSeries first = chart.getSeriesMap().values().iterator().next();
            XYSeries anchor = chart.addSeries(" tick anchor", new double[] {(xs[0] + xs[1]) / 2},
                    new double[] {first.getYData()[0]});
            anchor.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
            anchor.setMarker(SeriesMarkers.NONE);
        }
    }

    /**
     * A blank panel chart with the house style.
     *
     * @param title  panel title (may be empty)
     * @param xTitle x axis title
     * @param yTitle y axis title
     * @param width  pixels
     * @param height pixels
     * @return a new chart without series
     */
    static XYChart panel(String title, String xTitle, String yTitle, int width, int height) {
        XYChart chart = new XYChartBuilder().width(width).height(height)
                .title(title == null ? "" : title).xAxisTitle(xTitle).yAxisTitle(yTitle).build();
        XYStyler styler = chart.getStyler();
        styler.setLegendVisible(false);
        styler.setChartBackgroundColor(Color.WHITE);
        styler.setPlotBackgroundColor(Color.WHITE);
        styler.setPlotBorderVisible(true);
        styler.setPlotBorderColor(Color.GRAY);
        styler.setPlotGridLinesColor(new Color(0xe6e6e6));
        styler.setChartTitleBoxVisible(false);
        styler.setChartTitleFont(TITLE_FONT);
        styler.setAxisTitleFont(AXIS_TITLE_FONT);
        styler.setAxisTickLabelsFont(TICK_FONT);
        styler.setChartPadding(8);
        styler.setMarkerSize(6);
        styler.setAnnotationLineColor(ANNOTATION);
        styler.setAntiAlias(true);
        return chart;
    }
}
