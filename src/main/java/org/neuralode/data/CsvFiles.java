package org.neuralode.data;

/**
 * Catalax's CSV pair as bytes (UTF-8). Arrays are owned by the holder; do not modify them.
 *
 * @param measurementsCsv {@code measurements.csv}: {@code <states...>,time,measurementId}
 * @param initsCsv        {@code inits.csv}: {@code measurementId,<initial-condition keys...>}
 */
public record CsvFiles(byte[] measurementsCsv, byte[] initsCsv) {
}
