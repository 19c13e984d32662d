package org.neuralode.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class CvReportHtmlTest {

    private static final List<String> STATES = List.of("P", "S");

    /** A task with one held-out measurement whose prediction is the truth scaled by {@code scale}. */
    static CvTaskResult task(int grid, int fold, int member, double scale) {
        double[] t = {0, 1, 2, 3, 4};
        double[][] obs = new double[5][2];
        double[][] pred = new double[5][2];
        double[] dt = new double[20];
        double[][] dense = new double[20][2];
        for (int k = 0; k < 5; k++) {
            obs[k] = new double[] {10 - 2 * t[k], 2 * t[k]};
            pred[k] = new double[] {obs[k][0] * scale, obs[k][1] * scale};
        }
        obs[2][1] = Double.NaN;
        for (int k = 0; k < 20; k++) {
            dt[k] = 4.0 * k / 19;
            dense[k] = new double[] {(10 - 2 * dt[k]) * scale, 2 * dt[k] * scale};
        }
        CvPrediction p = new CvPrediction("m" + fold, "measurement " + fold, STATES, t, obs, pred, dt, dense);
        Map<String, Object> g = new LinkedHashMap<>();
        g.put("model.width", 4 + grid);
        Map<String, Object> m = CvReportTest.metrics(Math.abs(scale - 1) + 0.1 * grid, 0.9);
        return new CvTaskResult(String.format("g%03d-f%03d-m%03d", grid, fold, member), grid, g, fold, member,
                CvTaskResult.COMPLETED, null, List.of("m" + fold), m, m, List.of(p));
    }

    private static CvReport ensembleReport(int gridPoints) {
        List<CvTaskResult> tasks = new ArrayList<>();
        for (int g = 0; g < gridPoints; g++) {
            for (int f = 0; f < 3; f++) {
                for (int j = 0; j < 3; j++) {
                    tasks.add(task(g, f, j, 0.8 + 0.2 * j));
                }
            }
        }
        return CvReport.of(tasks, CvBestMetric.DEFAULT);
    }

    @Test
    void pageEmbedsFourDecodableFiguresTheSummaryAndTheComparison() {
        CvReport report = ensembleReport(2);
        String html = CvReportHtml.render(report, Map.of("config", "a<b>.yaml"), STATES, null);
        assertTrue(html.startsWith("<!DOCTYPE html>"));
        assertTrue(html.contains("a&lt;b&gt;.yaml"), "facts are escaped");
        assertTrue(html.contains("<tr class=\"best\">"));
        assertFalse(html.contains("<h2>Refit</h2>"), "no refit section unless asked");
        Matcher m = Pattern.compile("data:image/png;base64,([A-Za-z0-9+/=]+)").matcher(html);
        int images = 0;
        while (m.find()) {
            BufferedImage img = PngAssertions.decode(Base64.getDecoder().decode(m.group(1)));
            assertTrue(img.getWidth() >= 300 && img.getHeight() >= 300);
            images++;
        }
        assertEquals(4, images, "comparison, per-fold metric, observed vs predicted, best fits");
        assertTrue(html.indexOf("<h2>Model comparison</h2>") > html.indexOf("<h2>Summary per grid point</h2>"));
    }

    @Test
    void theRefitSectionFollowsTheBestGridPointEscaped() {
        String html = CvReportHtml.render(ensembleReport(2), Map.of(), STATES, "Grid point 0 (a<b): completed.");
        int best = html.indexOf("<h2>Best grid point</h2>");
        int refit = html.indexOf("<h2>Refit</h2>\n<p>Grid point 0 (a&lt;b): completed.</p>");
        assertTrue(best >= 0 && refit > best, html.substring(0, Math.min(html.length(), 2000)));
    }

    @Test
    void bandIsDrawnTranslucentBetweenTheMembers() {
        List<CvTaskResult> tasks = ensembleReport(1).tasksByGrid().get(0);
        BufferedImage img = PngAssertions.decode(CvBandPlot.render(tasks, STATES, "band"));
        // tab10 blue 0x1f77b4 at alpha 70/255 over white: 255 - (255 - c) * 70 / 255 per channel
        int r = 255 - (255 - 0x1f) * 70 / 255;
        int g = 255 - (255 - 0x77) * 70 / 255;
        int b = 255 - (255 - 0xb4) * 70 / 255;
        int near = 0;
        for (int y = 0; y < img.getHeight(); y++) {
            for (int x = 0; x < img.getWidth(); x++) {
                int p = img.getRGB(x, y);
                if (Math.abs(((p >> 16) & 0xff) - r) <= 2 && Math.abs(((p >> 8) & 0xff) - g) <= 2
                        && Math.abs((p & 0xff) - b) <= 2) {
                    near++;
                }
            }
        }
        // the band between 0.8x and 1.2x of the curve covers thousands of pixels in three panels
        assertTrue(near > 2000, "band pixels: " + near);
    }

    @Test
    void largeGridsDrawTheBestSixteen() {
        CvReport report = ensembleReport(18);
        List<List<CvTaskResult>> shown = CvReportHtml.shownGridPoints(report);
        assertEquals(CvFoldChart.MAX_PANELS, shown.size());
        // mae grows with the grid index, so the two highest indices are dropped
        assertEquals(15, shown.get(15).get(0).gridIndex());
        String html = CvReportHtml.render(report, Map.of(), STATES, null);
        assertTrue(html.contains("Showing the 16 best of 18 grid points"));
    }

    @Test
    void ensembleMeanAveragesMembersAndBoundsTheirSpread() {
        List<CvEnsemble.Curve> curves = CvEnsemble.curves(ensembleReport(1).tasksByGrid().get(0));
        assertEquals(3, curves.size());
        CvEnsemble.Curve c = curves.get(0);
        assertEquals(3, c.members());
        // members scale the truth by 0.8, 1.0, 1.2: mean = truth, band = [0.8, 1.2] x truth
        assertEquals(10.0, c.denseMean()[0][0], 1e-12);
        assertEquals(8.0, c.denseMin()[0][0], 1e-12);
        assertEquals(12.0, c.denseMax()[0][0], 1e-12);
        assertEquals(c.first().observed()[1][0], c.predicted()[1][0], 1e-12);
    }
}
