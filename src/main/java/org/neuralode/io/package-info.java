/**
 * Inputs and outputs: reading files by path or URI (local paths natively, {@code hdfs://}, {@code s3a://}
 * and other schemes through Hadoop's {@code FileSystem}), atomic writes (temporary name, then move into
 * place) and run directories. Model file formats live in {@code org.neuralode.io.model}.
 */
package org.neuralode.io;
