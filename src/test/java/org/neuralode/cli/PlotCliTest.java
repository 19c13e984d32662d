package org.neuralode.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.neuralode.report.FitPlot;

/** {@code plot}: the data, with augmented copies drawn lighter behind, paged figures, and refusals. */
class PlotCliTest {

    private static final String MM = "datasets/michaelis-menten.zip";

    @Test
    void augmentedCopiesAddLighterMarkers(@TempDir Path dir) throws IOException {
        Path plain = dir.resolve("plain.png");
        Path augmented = dir.resolve("augmented.png");
        CliRun a = CliRun.of("plot", "--dataset", MM, "--out", plain.toString());
        CliRun b = CliRun.of("plot", "--dataset", MM, "--augment", "5,3.0,42", "--out", augmented.toString());
        assertEquals(0, a.code(), a.err());
        assertEquals(0, b.code(), b.err());
        BufferedImage without = ImageIO.read(plain.toFile());
        BufferedImage with = ImageIO.read(augmented.toFile());
        assertEquals(4 * FitPlot.PANEL_WIDTH, without.getWidth(), "12 measurements: a 4 x 3 grid");
        int light = 0xff000000 | lightBlue();
        assertEquals(0, count(without, light), "no copies without --augment");
        assertTrue(count(with, light) > 1000, "copies in the first species' lighter colour");
    }

    @Test
    void moreThanSixteenMeasurementsArePagedBesideTheFile(@TempDir Path dir) {
        Path out = dir.resolve("si.png");
        CliRun r = CliRun.of("plot", "--dataset", "datasets/substrate-inhibition.zip", "--out", out.toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(Files.exists(out));
        assertTrue(Files.exists(dir.resolve("si-2.png")), "20 measurements: two pages");
        assertFalse(Files.exists(dir.resolve("si-3.png")));
    }

    @Test
    void badOptionsExitTwoWithOneLineAndWriteNothing(@TempDir Path dir) {
        Path out = dir.resolve("x.png");
        String[][] cases = {
            {"plot", "--dataset", MM, "--out", out.toString(), "--augment", "5,0.1"},
            {"plot", "--dataset", MM, "--out", out.toString(), "--augment", "-1,0.1,3"},
            {"plot", "--dataset", MM, "--out", out.toString(), "--ids", "nope"},
            {"plot", "--dataset", MM, "--out", out.toString(), "--rates"},
            {"plot", "--dataset", MM, "--out", out.toString(), "--model", "runs/none"},
        };
        for (String[] args : cases) {
            CliRun r = CliRun.of(args);
            assertEquals(2, r.code(), String.join(" ", args) + ": " + r.err());
            assertEquals(1, r.err().strip().lines().count(), r.err());
            assertTrue(r.noStackTrace(), r.err());
            assertFalse(Files.exists(out));
        }
    }

    /** tab10 blue mixed with white as DataPlot draws copies. */
    private static int lightBlue() {
        int[] rgb = {0x1f, 0x77, 0xb4};
        int out = 0;
        for (int c : rgb) {
            out = (out << 8) | (int) Math.round(c + (255 - c) * 0.65);
        }
        return out;
    }

    private static int count(BufferedImage image, int argb) {
        int n = 0;
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                if (image.getRGB(x, y) == argb) {
                    n++;
                }
            }
        }
        return n;
    }
}
