/**
 * Driver-side reports: PNG figures of fits and training curves, and the training progress table.
 *
 * <p>Figures are drawn with XChart in headless AWT and returned as PNG bytes; nothing in this package
 * writes files (the run directory code writes them atomically). {@link org.neuralode.report.FitPlot}
 * draws observed data against model curves per measurement, {@link org.neuralode.report.LossPlot} the
 * training and validation loss and MAE against the global step, and
 * {@link org.neuralode.report.ProgressTable} formats the console line and the Catalax {@code log} TSV.
 * The cross-validation report ({@code cv}) is {@link org.neuralode.report.CvReport} (JSON and CSV, with
 * {@link org.neuralode.report.CvSummary} per grid point) and {@link org.neuralode.report.CvReportHtml} with
 * its charts {@link org.neuralode.report.CvFoldChart}, {@link org.neuralode.report.CvScatterPlot} and
 * {@link org.neuralode.report.CvBandPlot}.
 *
 * <p>Everything here runs on the Spark driver only. Rendering methods are stateless and may be called
 * from several threads, each call building its own charts and images.
 */
package org.neuralode.report;
