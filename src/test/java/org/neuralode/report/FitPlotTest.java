package org.neuralode.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class FitPlotTest {

    private static final List<String> STATES = List.of("s1", "s2");
    private static final int BLUE = 0x1f77b4;
    private static final int ORANGE = 0xff7f0e;

    @Test
    void rendersAGridThatImageIoReadsBack() {
        List<FitPanel> panels = new ArrayList<>();
        Random rng = new Random(1);
        for (int i = 0; i < 5; i++) {
            panels.add(substrateProduct("measurement " + i, 100 + 50 * i, rng));
        }
        byte[] png = FitPlot.render(panels, STATES, "Fit: menten, 5 measurements");
        PngAssertions.keepDemo("fit.png", png);
        BufferedImage image = PngAssertions.decode(png);
        // 5 panels -> ceil(sqrt 5) = 3 columns, 2 rows; height = header + 2 panel rows
        assertEquals(3 * FitPlot.PANEL_WIDTH, image.getWidth());
        assertTrue(image.getHeight() > 2 * FitPlot.PANEL_HEIGHT && image.getHeight() < 2 * FitPlot.PANEL_HEIGHT + 120,
                "height " + image.getHeight());
        // both states are drawn in their palette colours (far more pixels than the legend swatches alone)
        assertTrue(PngAssertions.count(image, BLUE) > 2000, "blue pixels " + PngAssertions.count(image, BLUE));
        assertTrue(PngAssertions.count(image, ORANGE) > 2000, "orange pixels " + PngAssertions.count(image, ORANGE));
    }

    @Test
    void missingObservationsAndFailedOrAbsentModelsDoNotCrash() {
        double[] time = {0, 1, 2};
        double[][] allMissing = {{Double.NaN, Double.NaN}, {Double.NaN, Double.NaN}, {Double.NaN, Double.NaN}};
        double[][] partly = {{1.0, Double.NaN}, {Double.NaN, 0.5}, {0.2, 0.8}};
        double[][] failedModel = {{1.0, 0.0}, {0.5, Double.NaN}, {Double.NaN, Double.POSITIVE_INFINITY}};
        List<FitPanel> panels = List.of(
                new FitPanel("nothing observed, no model", time, allMissing, new double[0], new double[0][]),
                new FitPanel("partly observed", time, partly, time, failedModel),
                new FitPanel(null, new double[] {3}, new double[][] {{2, 1}}, new double[0], new double[0][]));
        byte[] png = FitPlot.render(panels, STATES, null);
        PngAssertions.keepDemo("fit-missing.png", png);
        BufferedImage image = PngAssertions.decode(png);
        assertEquals(2 * FitPlot.PANEL_WIDTH, image.getWidth());
    }

    @Test
    void manyPanelsAreSplitIntoPages() {
        Random rng = new Random(2);
        List<FitPanel> panels = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            panels.add(substrateProduct("m" + i, 100, rng));
        }
        List<List<FitPanel>> pages = FitPlot.pages(panels);
        assertEquals(2, pages.size());
        assertEquals(16, pages.get(0).size());
        assertEquals(4, pages.get(1).size());
        assertEquals(panels.get(16), pages.get(1).get(0));

        List<byte[]> images = FitPlot.renderPages(panels, STATES, "many");
        assertEquals(4 * FitPlot.PANEL_WIDTH, PngAssertions.decode(images.get(0)).getWidth());
        assertEquals(2 * FitPlot.PANEL_WIDTH, PngAssertions.decode(images.get(1)).getWidth());
        assertThrows(IllegalArgumentException.class, () -> FitPlot.render(panels, STATES, "too many"));
    }

    @Test
    void columnsMakeANearlySquareGrid() {
        assertEquals(1, FitPlot.columns(1));
        assertEquals(2, FitPlot.columns(2));
        assertEquals(2, FitPlot.columns(4));
        assertEquals(3, FitPlot.columns(5));
        assertEquals(3, FitPlot.columns(9));
        assertEquals(4, FitPlot.columns(16));
    }

    @Test
    void shapeErrorsAreRejected() {
        double[] time = {0, 1};
        assertThrows(IllegalArgumentException.class,
                () -> new FitPanel("bad", time, new double[][] {{1, 2}}, time, new double[][] {{1, 2}, {1, 2}}));
        assertThrows(IllegalArgumentException.class,
                () -> new FitPanel("ragged", time, new double[][] {{1, 2}, {1}}, new double[0], new double[0][]));
        FitPanel threeStates = new FitPanel("3", time, new double[][] {{1, 2, 3}, {1, 2, 3}},
                new double[0], new double[0][]);
        assertThrows(IllegalArgumentException.class, () -> FitPlot.render(List.of(threeStates), STATES, "x"));
        assertThrows(IllegalArgumentException.class, () -> FitPlot.render(List.of(), STATES, "x"));
    }

    /** Substrate decaying into product (first order, rate 0.1), noisy observations with gaps, dense model. */
    private static FitPanel substrateProduct(String title, double s0, Random rng) {
        int nObs = 11;
        double[] time = new double[nObs];
        double[][] observed = new double[nObs][2];
        for (int t = 0; t < nObs; t++) {
            time[t] = 5.0 * t;
            double s = s0 * Math.exp(-0.1 * time[t]);
            observed[t][0] = t == 4 ? Double.NaN : s + 0.03 * s0 * rng.nextGaussian();
            observed[t][1] = t == 7 ? Double.NaN : (s0 - s) + 0.03 * s0 * rng.nextGaussian();
        }
        int nModel = 200;
        double[] modelTime = new double[nModel];
        double[][] model = new double[nModel][2];
        for (int m = 0; m < nModel; m++) {
            modelTime[m] = 50.0 * m / (nModel - 1);
            double s = s0 * Math.exp(-0.095 * modelTime[m]);
            model[m][0] = s;
            model[m][1] = s0 - s;
        }
        return new FitPanel(title, time, observed, modelTime, model);
    }
}
