/**
 * Fold-parallel cross-validation sweeps on Spark ({@code neuralode cv}).
 *
 * <p>The driver expands the configuration into tasks, one per (grid point, fold, ensemble member)
 * ({@link org.neuralode.spark.cv.CvPlan}); the tasks travel as small JSON descriptors, one per partition,
 * and the dataset and per-task configurations as one broadcast ({@link org.neuralode.spark.cv.CvBundle}).
 * Every task trains a whole model on an executor with the local trainer, one thread, and writes its
 * result atomically under {@code DIR/tasks/} (and the model under {@code DIR/models/}) through
 * {@link org.neuralode.io.Storage}, so {@code DIR} may be a local path, {@code hdfs://} or {@code s3a://}
 * ({@link org.neuralode.spark.cv.CvTaskRunner}, {@link org.neuralode.spark.cv.TaskResultFiles}). The
 * driver then reads every result back and writes {@code report.json}, {@code report.csv} and
 * {@code report.html} ({@link org.neuralode.spark.cv.CvJob}). With {@code refit: true} one more task trains
 * the best grid point on all the data into {@code DIR/best/}, a {@code train} run directory
 * ({@link org.neuralode.spark.cv.CvRefit}).
 *
 * <p><b>Determinism and resume.</b> A task's result depends only on the configuration, the dataset and
 * the task's indices (seeds: model {@code model.seed + member}, batches {@code training.seed + member},
 * augmentation {@code dataset.augment.seed} unchanged), never on which executor ran it or when. Rerunning
 * the same command on the same {@code DIR} skips tasks whose result file exists with the same
 * configuration hash, and the report, always built from the files, is the same as after an uninterrupted
 * run. A finished refit with the same configuration is skipped too.
 */
package org.neuralode.spark.cv;
