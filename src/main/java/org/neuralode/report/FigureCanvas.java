package org.neuralode.report;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import javax.imageio.ImageIO;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;

/**
 * Composes several XChart panels into one PNG: a figure title, a shared legend (wrapped over as many
 * rows as it needs), then the panels in a grid, row by row. XChart draws one chart per image, so each
 * panel is rendered to its own {@link BufferedImage} and drawn onto the figure.
 *
 * <p>Headless AWT is switched on by {@link ChartStyle}, which every panel passes through before it gets
 * here.
 */
final class FigureCanvas {

    private static final Font FIGURE_TITLE_FONT = new Font(Font.SANS_SERIF, Font.BOLD, 18);
    private static final Font LEGEND_FONT = new Font(Font.SANS_SERIF, Font.PLAIN, 13);
    private static final int MARGIN = 10;
    private static final int SWATCH_WIDTH = 30;
    private static final int ENTRY_GAP = 22;
    private static final int LEGEND_ROW_HEIGHT = 22;

    private FigureCanvas() {
    }

    /**
     * Draws the figure and encodes it as PNG.
     *
     * @param title   figure title, drawn centred on top (null or blank: none)
     * @param legend  shared legend entries (may be empty)
     * @param panels  charts of equal size, at least one
     * @param columns panels per grid row, &gt;= 1
     * @return PNG bytes; the image is {@code columns * panelWidth} wide
     */
    static byte[] compose(String title, List<LegendEntry> legend, List<XYChart> panels, int columns) {
        int panelWidth = panels.get(0).getWidth();
        int panelHeight = panels.get(0).getHeight();
        int rows = (panels.size() + columns - 1) / columns;
        int width = columns * panelWidth;
        boolean hasTitle = title != null && !title.isBlank();
        int titleHeight = hasTitle ? 36 : 0;
        int legendHeight = legendRows(legend, width) * LEGEND_ROW_HEIGHT + (legend.isEmpty() ? 0 : MARGIN);
        int top = MARGIN + titleHeight + legendHeight;
        BufferedImage image = new BufferedImage(width, top + rows * panelHeight, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, image.getWidth(), image.getHeight());
            if (hasTitle) {
                g.setFont(FIGURE_TITLE_FONT);
                g.setColor(Color.BLACK);
                FontMetrics fm = g.getFontMetrics();
                g.drawString(title, Math.max(MARGIN, (width - fm.stringWidth(title)) / 2), MARGIN + fm.getAscent());
            }
            drawLegend(g, legend, width, MARGIN + titleHeight);
            for (int i = 0; i < panels.size(); i++) {
                BufferedImage panel = BitmapEncoder.getBufferedImage(panels.get(i));
                g.drawImage(panel, (i % columns) * panelWidth, top + (i / columns) * panelHeight, null);
            }
        } finally {
            g.dispose();
        }
        return png(image);
    }

    /** Number of legend rows needed at this figure width (entries wrap, never clip). */
    private static int legendRows(List<LegendEntry> legend, int width) {
        if (legend.isEmpty()) {
            return 0;
        }
        BufferedImage scratch = new BufferedImage(1, 1, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = scratch.createGraphics();
        try {
            g.setFont(LEGEND_FONT);
            return layout(g.getFontMetrics(), legend, width);
        } finally {
            g.dispose();
        }
    }

    private static void drawLegend(Graphics2D g, List<LegendEntry> legend, int width, int top) {
        g.setFont(LEGEND_FONT);
        FontMetrics fm = g.getFontMetrics();
        int rows = layout(fm, legend, width);
        int row = 0;
        int x = startX(fm, legend, width, 0, rows);
        for (int i = 0; i < legend.size(); i++) {
            int entryWidth = entryWidth(fm, legend.get(i));
            if (x + entryWidth > width - MARGIN && x > MARGIN) {
                row++;
                x = startX(fm, legend, width, i, rows);
            }
            int baseline = top + row * LEGEND_ROW_HEIGHT + fm.getAscent();
            drawEntry(g, legend.get(i), x, baseline - fm.getAscent() / 2 + 1, baseline);
            x += entryWidth + ENTRY_GAP;
        }
    }

    /** Counts rows; entries wrap when the next one would cross the right margin. */
    private static int layout(FontMetrics fm, List<LegendEntry> legend, int width) {
        int rows = legend.isEmpty() ? 0 : 1;
        int x = MARGIN;
        for (LegendEntry entry : legend) {
            int entryWidth = entryWidth(fm, entry);
            if (x + entryWidth > width - MARGIN && x > MARGIN) {
                rows++;
                x = MARGIN;
            }
            x += entryWidth + ENTRY_GAP;
        }
        return rows;
    }

    /** Single-row legends are centred; wrapped legends start at the left margin. */
    private static int startX(FontMetrics fm, List<LegendEntry> legend, int width, int from, int rows) {
        if (rows > 1) {
            return MARGIN;
        }
        int total = -ENTRY_GAP;
        for (int i = from; i < legend.size(); i++) {
            total += entryWidth(fm, legend.get(i)) + ENTRY_GAP;
        }
        return Math.max(MARGIN, (width - total) / 2);
    }

    private static int entryWidth(FontMetrics fm, LegendEntry entry) {
        return SWATCH_WIDTH + 6 + fm.stringWidth(entry.label());
    }

    private static void drawEntry(Graphics2D g, LegendEntry entry, int x, int midY, int baseline) {
        g.setColor(entry.color());
        if (entry.line() != null) {
            g.setStroke(entry.line());
            g.drawLine(x, midY, x + SWATCH_WIDTH, midY);
            g.setStroke(new BasicStroke());
        }
        if (entry.marker()) {
            g.fillOval(x + SWATCH_WIDTH / 2 - 4, midY - 4, 8, 8);
        }
        g.setColor(Color.BLACK);
        g.drawString(entry.label(), x + SWATCH_WIDTH + 6, baseline);
    }

    private static byte[] png(BufferedImage image) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            if (!ImageIO.write(image, "png", out)) {
                throw new IllegalStateException("no PNG writer available in ImageIO");
            }
        } catch (IOException e) {
            // writes to memory only; an IOException here is a JDK fault, not a user error
            throw new UncheckedIOException("encoding PNG in memory failed", e);
        }
        return out.toByteArray();
    }
}
