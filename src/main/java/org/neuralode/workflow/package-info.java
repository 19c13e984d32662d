/**
 * The Java API users script against (a Spark shell, a notebook kernel, their own jobs), reading like
 * Catalax's Python: {@link org.neuralode.workflow.Workflow} for the steps, {@link org.neuralode.workflow.TrainJob}
 * for a whole configured run into an output directory. The CLI is a thin layer over this package.
 */
package org.neuralode.workflow;
