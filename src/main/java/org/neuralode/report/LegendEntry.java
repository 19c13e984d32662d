package org.neuralode.report;

import java.awt.BasicStroke;
import java.awt.Color;

/**
 * One entry of a figure's shared legend: a swatch (a line sample, a marker, or both) and a label.
 *
 * @param label  text after the swatch
 * @param color  swatch colour
 * @param marker whether the swatch shows a filled circle marker
 * @param line   line sample stroke, or null for none
 */
record LegendEntry(String label, Color color, boolean marker, BasicStroke line) {
}
