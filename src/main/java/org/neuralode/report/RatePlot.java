package org.neuralode.report;

import java.awt.BasicStroke;
import java.awt.Color;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.knowm.xchart.XYChart;

/**
 * Rate against concentration, one panel per species (the enzymologist's v-[S] plot): the data's own rates
 * (finite differences of the observations) as markers in the species' colour, and over them the model's
 * {@code dy/dt} along each predicted trajectory as dark lines. Stateless and thread-safe; the result is PNG bytes.
 */
public final class RatePlot {

    private static final float MODEL_LINE_WIDTH = 1.5f;
    private static final Color MODEL_COLOR = new Color(0x202020);

    private RatePlot() {
    }

    /**
     * Points of one series; pairs where either value is not finite are not drawn.
     *
     * @param x concentrations
     * @param y rates, the same length
     */
    public record Series(double[] x, double[] y) {

        /**
         * Checks the lengths.
         *
         * @throws IllegalArgumentException if they differ
         */
        public Series {
            if (x.length != y.length) {
                throw new IllegalArgumentException(x.length + " concentrations but " + y.length + " rates");
            }
        }

        double[][] finite() {
            return ChartStyle.finitePairs(x, y);
        }
    }

    /**
     * One species' panel.
     *
     * @param species  the species (panel title, axis label)
     * @param model    the model's rates, one series per trajectory, drawn as lines in their order
     * @param observed the data's rates, drawn as markers
     */
    public record Panel(String species, List<Series> model, Series observed) {

        /** Copies the list; nothing may be null. */
        public Panel {
            Objects.requireNonNull(species, "species");
            Objects.requireNonNull(observed, "observed");
            model = List.copyOf(model);
        }
    }

    /**
     * Renders one figure.
     *
     * @param panels one per species, in the species' colour order, at least one
     * @param title  figure title (null or blank: none)
     * @return PNG bytes
     * @throws IllegalArgumentException if there are no panels
     */
    public static byte[] render(List<Panel> panels, String title) {
        if (panels.isEmpty()) {
            throw new IllegalArgumentException("a rate figure needs at least one species");
        }
        List<XYChart> charts = new ArrayList<>(panels.size());
        for (int s = 0; s < panels.size(); s++) {
            charts.add(chart(panels.get(s), ChartStyle.color(s)));
        }
        List<LegendEntry> legend = List.of(
                new LegendEntry("data (central differences)", ChartStyle.color(0), true, null),
                new LegendEntry("model dy/dt along each predicted trajectory", MODEL_COLOR, false,
                        new BasicStroke(MODEL_LINE_WIDTH)));
        return FigureCanvas.compose(title, legend, charts, FitPlot.columns(panels.size()));
    }

    private static XYChart chart(Panel panel, Color color) {
        XYChart chart = ChartStyle.panel(panel.species(), "concentration of " + panel.species(),
                "rate d" + panel.species() + "/dt", FitPlot.PANEL_WIDTH * 3 / 2, FitPlot.PANEL_HEIGHT * 3 / 2);
        double[][] observed = panel.observed().finite();
        if (observed[0].length > 0) {
            ChartStyle.addMarkers(chart, "data", observed, color);
        }
        for (int i = 0; i < panel.model().size(); i++) {
            double[][] curve = panel.model().get(i).finite();
            if (curve[0].length > 0) {
                ChartStyle.addLine(chart, "model " + i, curve, MODEL_COLOR, MODEL_LINE_WIDTH);
            }
        }
        return chart;
    }
}
