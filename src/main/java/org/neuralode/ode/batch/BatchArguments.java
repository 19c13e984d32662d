package org.neuralode.ode.batch;

import org.neuralode.ode.SolveStatus;

/** Argument checks of {@link BatchSolver}: programming errors become IllegalArgumentExceptions. */
final class BatchArguments {

    private BatchArguments() {
    }

    static void checkSolve(BatchField f, double[] theta, double[] y0, double[] t0, double[][] times,
                           double[][] out, BatchWorkspace ws) {
        int n = ws.dim;
        int rows = times.length;
        checkField(f, theta, ws);
        if (rows > f.maxRows()) {
            throw new IllegalArgumentException(rows + " rows exceed the field's capacity " + f.maxRows());
        }
        if (y0.length < rows * n || t0.length < rows || out.length < rows) {
            throw new IllegalArgumentException("array too short for " + rows + " rows of S=" + n + ": y0 "
                    + y0.length + ", t0 " + t0.length + ", out " + out.length);
        }
        for (int r = 0; r < rows; r++) {
            double[] tr = times[r];
            if (out[r] == null || out[r].length < tr.length * n) {
                throw new IllegalArgumentException("out[" + r + "] too short for " + tr.length + " outputs");
            }
            if (!Double.isFinite(t0[r])) {
                throw new IllegalArgumentException("t0[" + r + "] must be finite: " + t0[r]);
            }
            double prev = t0[r];
            for (int k = 0; k < tr.length; k++) {
                if (!Double.isFinite(tr[k]) || tr[k] < prev) {
                    throw new IllegalArgumentException("output times must be finite, non-decreasing and >= t0 ("
                            + t0[r] + "): times[" + r + "][" + k + "] = " + tr[k]);
                }
                prev = tr[k];
            }
        }
    }

    static void checkBackward(BatchField f, double[] theta, double[][] outBar, double[] y0Bar,
                              double[] thetaBar, BatchWorkspace ws) {
        if (ws.tableau == null) {
            throw new IllegalStateException("no solve recorded in this workspace");
        }
        int n = ws.dim;
        checkField(f, theta, ws);
        if (thetaBar.length < ws.numParams || outBar.length < ws.rows
                || (y0Bar != null && y0Bar.length < ws.rows * n)) {
            throw new IllegalArgumentException("thetaBar, outBar or y0Bar too short for " + ws.rows + " rows");
        }
        for (int r = 0; r < ws.rows; r++) {
            if (ws.status[r] == SolveStatus.SUCCESS
                    && (outBar[r] == null || outBar[r].length < ws.nTimes[r] * n)) {
                throw new IllegalArgumentException("outBar[" + r + "] (a successful row) too short for " + ws.nTimes[r] + " outputs");
            }
        }
    }

    private static void checkField(BatchField f, double[] theta, BatchWorkspace ws) {
        if (f.dim() != ws.dim || f.numParams() != ws.numParams || theta.length < ws.numParams) {
            throw new IllegalArgumentException("field (S=" + f.dim() + ", P=" + f.numParams() + "), workspace (S="
                    + ws.dim + ", P=" + ws.numParams + ") and theta (" + theta.length + ") do not match");
        }
    }
}
