/**
 * {@code train} with {@code ensemble: {members: m}} on Spark: every member is one Spark task that trains a
 * whole model (a {@link org.neuralode.spark.cv.TrainRunTask}, as the cv refit does) from the broadcast dataset
 * and member configurations, through the cv task machinery ({@link org.neuralode.spark.cv.RunTaskFunction});
 * the driver then writes the ensemble ({@link org.neuralode.workflow.EnsembleTrainJob}).
 */
package org.neuralode.spark.ensemble;
