package org.neuralode.report;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Locale;
import org.junit.jupiter.api.Test;

class ProgressTableTest {

    @Test
    void consoleLineWithValidation() {
        assertEquals("Step  120 | loss: 1.2e-03 | 2.0e-03 | mae: 0.031 | 0.045",
                ProgressTable.consoleLine(120, 1.2e-3, 0.031, 2.0e-3, 0.045));
    }

    @Test
    void consoleLineWithoutValidation() {
        assertEquals("Step    0 | loss: 3.5e+01 | mae: 12.300 | grad: 3.1e-02 | param: 1.2e+00 | update: 0.0e+00",
                ProgressTable.consoleLine(new LossPoint(1, 0, 0, 35.0, 12.3, Double.NaN, Double.NaN, 0.031, 1.2, 0)));
        assertEquals("Step 12345 | loss: 1.0e-08 | mae: 2.5e-05",
                ProgressTable.consoleLine(12345, 1e-8, 2.5e-5, Double.NaN, Double.NaN));
    }

    @Test
    void maeKeepsItsMagnitude() {
        assertEquals("0.000", ProgressTable.formatMae(0.0));
        assertEquals("0.001", ProgressTable.formatMae(0.001));
        assertEquals("9.0e-04", ProgressTable.formatMae(9e-4));
        assertEquals("1.2e+05", ProgressTable.formatMae(1.2e5));
        assertEquals("NaN", ProgressTable.formatMae(Double.NaN));
    }

    @Test
    void formattingIgnoresTheDefaultLocale() {
        Locale saved = Locale.getDefault();
        try {
            Locale.setDefault(Locale.GERMANY);
            assertEquals("Step    5 | loss: 1.5e-01 | mae: 0.250",
                    ProgressTable.consoleLine(5, 0.15, 0.25, Double.NaN, Double.NaN));
        } finally {
            Locale.setDefault(saved);
        }
    }

    @Test
    void tsvHeaderAndRows() {
        String norms = "\tgrad_norm\tparam_norm\tupdate_norm";
        assertEquals("strategy\tstep\tmean_loss\tmae" + norms, ProgressTable.tsvHeader(false));
        assertEquals("strategy\tstep\tmean_loss\tmae\tval_loss\tval_mae" + norms, ProgressTable.tsvHeader(true));
        LossPoint point = new LossPoint(2, 49, 149, 0.0012, 0.031, 0.002, 0.045, 0.5, 3.25, 1e-3);
        assertEquals("2\t49\t0.0012\t0.031\t0.5\t3.25\t0.001", ProgressTable.tsvRow(point, false));
        assertEquals("2\t49\t0.0012\t0.031\t0.002\t0.045\t0.5\t3.25\t0.001", ProgressTable.tsvRow(point, true));
        LossPoint noVal = new LossPoint(1, 0, 0, 1e-7, Double.POSITIVE_INFINITY, Double.NaN, Double.NaN,
                Double.NaN, 2.0, 0.0);
        assertEquals("1\t0\t1.0E-7\tinf\tnan\tnan\tnan\t2.0\t0.0", ProgressTable.tsvRow(noVal, true));
    }

    @Test
    void tsvNumbersRoundTrip() {
        double value = 0.1 + 0.2;
        assertEquals(value, Double.parseDouble(ProgressTable.tsvNumber(value)));
    }
}
