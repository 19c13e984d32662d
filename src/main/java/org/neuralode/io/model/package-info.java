/**
 * Model files, encoded to and decoded from bytes (callers do the atomic file or HDFS writes).
 *
 * <ul>
 *   <li>{@link org.neuralode.io.model.NeuralOdeCodec}: this project's own format, a JSON header
 *       ({@code model.json}) plus the raw little-endian float64 parameters ({@code params.bin}), checked by
 *       size and SHA-256; a reloaded model predicts bit-identically.</li>
 *   <li>{@link org.neuralode.io.model.EqxCodec} and {@link org.neuralode.io.model.EqxModel}: Catalax's
 *       {@code .eqx} files (one JSON line, then equinox's leaves as NumPy {@code .npy} v1.0 records,
 *       Catalax's saved models), read and written byte for byte, and converted to and from
 *       {@link org.neuralode.nn.NeuralOde}.</li>
 *   <li>{@link org.neuralode.io.model.NpyArray}, {@link org.neuralode.io.model.NpyDtype},
 *       {@link org.neuralode.io.model.NpyHeader}: the NumPy records (the JSON line is written by
 *       {@link org.neuralode.data.PythonJsonWriter}, as Python's {@code json.dumps}).</li>
 * </ul>
 *
 * <p>All classes are immutable or stateless and thread-safe. Malformed input raises
 * {@link org.neuralode.InputException} naming the source and the offending entry.
 */
package org.neuralode.io.model;
