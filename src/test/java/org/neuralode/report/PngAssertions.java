package org.neuralode.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Decoding and inspection of rendered PNGs for the report tests. */
final class PngAssertions {

    /** Set {@code -Dreport.demo.dir=/tmp/report-demo} to keep the rendered examples for a visual check. */
    private static final String DEMO_DIR = System.getProperty("report.demo.dir");

    private PngAssertions() {
    }

    /** Decodes PNG bytes (checking the signature) and returns the image. */
    static BufferedImage decode(byte[] png) {
        assertEquals((byte) 0x89, png[0]);
        assertEquals('P', png[1]);
        assertEquals('N', png[2]);
        assertEquals('G', png[3]);
        try {
            BufferedImage image = javax.imageio.ImageIO.read(new ByteArrayInputStream(png));
            assertNotNull(image, "ImageIO could not read the PNG back");
            return image;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Number of pixels with exactly this RGB colour (solid interiors of markers, lines and legend swatches). */
    static int count(BufferedImage image, int rgb) {
        int n = 0;
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                if ((image.getRGB(x, y) & 0xffffff) == rgb) {
                    n++;
                }
            }
        }
        return n;
    }

    /** Writes the PNG to the demo directory when {@code report.demo.dir} is set; otherwise does nothing. */
    static void keepDemo(String name, byte[] png) {
        if (DEMO_DIR == null) {
            return;
        }
        try {
            Path dir = Files.createDirectories(Path.of(DEMO_DIR));
            Files.write(dir.resolve(name), png);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
