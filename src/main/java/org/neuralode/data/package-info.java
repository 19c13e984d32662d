/**
 * The data layer: time-course datasets, the file formats Catalax users bring, augmentation and splits
 * (as in Catalax).
 *
 * <ul>
 *   <li>Model: {@link org.neuralode.data.Dataset} and {@link org.neuralode.data.Measurement} (immutable by
 *       convention; {@code NaN} marks a missing point), checked by
 *       {@link org.neuralode.data.DatasetValidator}.</li>
 *   <li>Croissant archives: {@link org.neuralode.data.CroissantReader} and
 *       {@link org.neuralode.data.CroissantWriter} in exactly Catalax's layout (the written
 *       {@code croissant.json} and JSONL files are byte-identical to Catalax's), with
 *       {@link org.neuralode.data.CroissantMetadata}. Archives are read defensively from memory
 *       ({@code ZipArchive}: no path escapes, entry count, size and compression-ratio limits, CRC and MD5
 *       checks).</li>
 *   <li>CSV pair: {@link org.neuralode.data.CsvDatasetReader} and
 *       {@link org.neuralode.data.CsvDatasetWriter} ({@code measurements.csv} + {@code inits.csv}).</li>
 *   <li>{@link org.neuralode.data.Augmenter} (seeded, per-element noise, any copy reproducible alone) and
 *       {@link org.neuralode.data.Splits} (seeded train/test, leave-one-out, k-fold, by ids).</li>
 *   <li>{@link org.neuralode.data.Hashes} for provenance and checksums;
 *       {@link org.neuralode.data.PythonFloatFormat} renders doubles as Python does.</li>
 * </ul>
 *
 * <p>User errors in files are {@link org.neuralode.InputException}s (exit code 2) whose message names the
 * file, the entry, line or JSON path, the key and the offending value. All classes are stateless and
 * thread-safe. Nothing here depends on Spark, the solver or the network.
 */
package org.neuralode.data;
