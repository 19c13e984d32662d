package org.neuralode.report;

import java.awt.Color;
import java.awt.Font;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.style.XYStyler;

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
