package org.neuralode.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

class LossPlotTest {

    private static final int BLUE = 0x1f77b4;
    private static final int ORANGE = 0xff7f0e;
    private static final int GREEN = 0x2ca02c;
    private static final int RED = 0xd62728;
    private static final int PURPLE = 0x9467bd;

    @Test
    void rendersThreePhasesWithValidation() {
        List<LossPoint> points = threePhases(true);
        Collections.reverse(points); // input order must not matter
        byte[] png = LossPlot.render(points, "Training: 3 phases");
        PngAssertions.keepDemo("loss.png", png);
        BufferedImage image = PngAssertions.decode(png);
        assertEquals(3 * LossPlot.PANEL_WIDTH, image.getWidth());
        assertTrue(image.getHeight() > LossPlot.PANEL_HEIGHT && image.getHeight() < LossPlot.PANEL_HEIGHT + 120);
        assertTrue(PngAssertions.count(image, BLUE) > 500, "train curve drawn");
        assertTrue(PngAssertions.count(image, ORANGE) > 500, "validation curve drawn");
        for (int norm : new int[] {GREEN, RED, PURPLE}) {
            assertTrue(PngAssertions.count(image, norm) > 500, "norm curve drawn: " + Integer.toHexString(norm));
        }
    }

    @Test
    void withoutValidationNothingIsOrange() {
        List<LossPoint> points = threePhases(false);
        byte[] png = LossPlot.render(points, "Training without validation");
        PngAssertions.keepDemo("loss-no-validation.png", png);
        BufferedImage image = PngAssertions.decode(png);
        assertTrue(PngAssertions.count(image, BLUE) > 500);
        assertEquals(0, PngAssertions.count(image, ORANGE), "no validation series or legend entry");
    }

    @Test
    void unplottableValuesAndSinglePointsDoNotCrash() {
        List<LossPoint> points = List.of(
                new LossPoint(1, 0, 0, 0.0, Double.NaN, Double.NaN, Double.NaN, Double.NaN, 0.0, 0.0),
                new LossPoint(1, 1, 1, Double.POSITIVE_INFINITY, -1, Double.NaN, Double.NaN, Double.NaN, 1.0, 0.0));
        PngAssertions.decode(LossPlot.render(points, null));
        PngAssertions.decode(LossPlot.render(List.of(new LossPoint(1, 0, 0, 1e-3, 0.1, 2e-3, 0.2, 1, 2, 3)), "one"));
        assertThrows(IllegalArgumentException.class, () -> LossPlot.render(List.of(), "none"));
        assertThrows(IllegalArgumentException.class, () -> new LossPoint(0, 0, 0, 1, 1, 1, 1, 1, 1, 1));
    }

    @Test
    void phaseBoundariesLieBetweenPhases() {
        List<double[]> starts = LossPlot.phaseStarts(threePhases(true));
        assertEquals(2, starts.size());
        assertEquals(2, (int) starts.get(0)[1]);
        assertEquals(3, (int) starts.get(1)[1]);
        // phase 1: global steps 0..99 printed every 10 and at 99; phase 2 starts at 100
        assertEquals(99.5, starts.get(0)[0], 0.0);
    }

    /** Phases of 100, 150, 200 steps, printed every 10 steps and at each phase's last step. */
    private static List<LossPoint> threePhases(boolean validation) {
        int[] steps = {100, 150, 200};
        List<LossPoint> points = new ArrayList<>();
        int offset = 0;
        for (int phase = 1; phase <= steps.length; phase++) {
            for (int step = 0; step < steps[phase - 1]; step++) {
                if (step % 10 != 0 && step != steps[phase - 1] - 1) {
                    continue;
                }
                int global = offset + step;
                double loss = 10.0 * Math.exp(-global / 80.0) + 1e-3;
                double val = validation ? 1.3 * loss + 2e-3 : Double.NaN;
                points.add(new LossPoint(phase, step, global, loss, Math.sqrt(loss), val,
                        validation ? Math.sqrt(val) : Double.NaN, 2 * loss, 3 + global / 100.0, 1e-3 * loss));
            }
            offset += steps[phase - 1];
        }
        return points;
    }
}
