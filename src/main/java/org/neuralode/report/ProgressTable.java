package org.neuralode.report;

import java.util.Locale;

/**
 * Text forms of training progress: the console line printed every {@code print_every} steps and the
 * Catalax {@code log} TSV (Catalax's trainer). Pure string functions, stateless and thread-safe; lines
 * are returned without a line terminator (callers join them with {@code "\n"}).
 *
 * <p>Numbers are formatted with {@link Locale#ROOT} (a decimal point whatever the JVM locale). The TSV
 * writes finite values with {@link Double#toString} (exact round trip) and non-finite values as
 * {@code nan}, {@code inf}, {@code -inf}, as NumPy writes them and pandas reads them.
 */
public final class ProgressTable {

    /** TSV columns without validation. */
    public static final String TSV_COLUMNS = "strategy\tstep\tmean_loss\tmae";
    /** Extra TSV columns when validating (a Decision of this project; Catalax logs training only). */
    public static final String TSV_VALIDATION_COLUMNS = "\tval_loss\tval_mae";
    /** The last TSV columns: norms of the monitoring step's gradient, the parameters and the update. */
    public static final String TSV_NORM_COLUMNS = "\tgrad_norm\tparam_norm\tupdate_norm";

    private ProgressTable() {
    }

    /**
     * The console line, e.g. {@code Step  120 | loss: 1.2e-03 | 2.0e-03 | mae: 0.031 | 0.045}
     * (train | validation); without validation (NaN validation loss) {@code Step  120 | loss: 1.2e-03 |
     * mae: 0.031}. Losses in {@code %.1e}; MAE in {@code %.3f} when 0.001 &lt;= |mae| &lt; 1e5 (or 0),
     * otherwise {@code %.1e} so small and huge values keep their magnitude.
     *
     * @param step      step number shown (right-aligned in 4 characters)
     * @param trainLoss training loss
     * @param trainMae  training MAE
     * @param valLoss   validation loss, NaN if none
     * @param valMae    validation MAE, NaN if none
     * @return the line
     */
    public static String consoleLine(int step, double trainLoss, double trainMae, double valLoss, double valMae) {
        StringBuilder line = new StringBuilder(64);
        line.append(String.format(Locale.ROOT, "Step %4d | loss: %s", step, formatLoss(trainLoss)));
        boolean validation = !Double.isNaN(valLoss) || !Double.isNaN(valMae);
        if (validation) {
            line.append(" | ").append(formatLoss(valLoss));
        }
        line.append(" | mae: ").append(formatMae(trainMae));
        if (validation) {
            line.append(" | ").append(formatMae(valMae));
        }
        return line.toString();
    }

    /**
     * The console line of a progress record, showing its step within the phase, then the norms of the step's
     * gradient, the parameters and the update, e.g. {@code ... | grad: 3.1e-02 | param: 1.2e+00 | update:
     * 9.8e-03}.
     *
     * @param point progress record
     * @return the line
     */
    public static String consoleLine(LossPoint point) {
        return consoleLine(point.step(), point.trainLoss(), point.trainMae(), point.valLoss(), point.valMae())
                + String.format(Locale.ROOT, " | grad: %.1e | param: %.1e | update: %.1e", point.gradNorm(),
                point.paramNorm(), point.updateNorm());
    }

    /**
     * The TSV header line: Catalax's columns first, then this project's.
     *
     * @param withValidation whether to add {@code val_loss} and {@code val_mae}
     * @return {@code strategy\tstep\tmean_loss\tmae[\tval_loss\tval_mae]\tgrad_norm\tparam_norm\tupdate_norm}
     */
    public static String tsvHeader(boolean withValidation) {
        return (withValidation ? TSV_COLUMNS + TSV_VALIDATION_COLUMNS : TSV_COLUMNS) + TSV_NORM_COLUMNS;
    }

    /**
     * One TSV row: 1-based phase, 0-based step within the phase, training loss and MAE, with validation the
     * validation loss and MAE ({@code nan} when absent), then the gradient, parameter and update norms.
     *
     * @param point          progress record
     * @param withValidation must match the header
     * @return the row
     */
    public static String tsvRow(LossPoint point, boolean withValidation) {
        StringBuilder row = new StringBuilder(80);
        row.append(point.phase()).append('\t').append(point.step())
                .append('\t').append(tsvNumber(point.trainLoss()))
                .append('\t').append(tsvNumber(point.trainMae()));
        if (withValidation) {
            row.append('\t').append(tsvNumber(point.valLoss())).append('\t').append(tsvNumber(point.valMae()));
        }
        row.append('\t').append(tsvNumber(point.gradNorm())).append('\t').append(tsvNumber(point.paramNorm()))
                .append('\t').append(tsvNumber(point.updateNorm()));
        return row.toString();
    }

    static String formatLoss(double loss) {
        return String.format(Locale.ROOT, "%.1e", loss);
    }

    static String formatMae(double mae) {
        double magnitude = Math.abs(mae);
        boolean fixed = mae == 0 || (magnitude >= 1e-3 && magnitude < 1e5);
        return String.format(Locale.ROOT, fixed ? "%.3f" : "%.1e", mae);
    }

    static String tsvNumber(double value) {
        if (Double.isNaN(value)) {
            return "nan";
        }
        if (Double.isInfinite(value)) {
            return value > 0 ? "inf" : "-inf";
        }
        return Double.toString(value);
    }
}
