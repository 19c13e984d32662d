package org.neuralode.ode.batch;

import static org.neuralode.ode.RkCombination.combine;
import static org.neuralode.ode.RkCombination.isZero;

import java.util.Arrays;
import org.neuralode.ode.ButcherTableau;
import org.neuralode.ode.DenseOutput;
import org.neuralode.ode.RkCombination;
import org.neuralode.ode.SolveStatus;

/**
 * The reverse sweep of {@link BatchSolver#backward}: every successful row walks its recorded steps
 * backwards, one step per lock-step round, and stage i of all rows in a round is one
 * {@link BatchField#vjp} call. Per row the arithmetic is {@code Solver.backward}'s (cotangents of the
 * outputs at the step's end node, the stage cotangents of its solution and of the outputs interpolated
 * inside it ({@link DenseOutput}), then {@code RungeKuttaStepper.stepVjp}'s sweep with h constant;
 * stages whose cotangent is exactly zero are skipped). Stateless; all memory is the workspace's.
 */
final class BatchAdjoint {

    private BatchAdjoint() {
    }

    static void run(BatchField f, double[] theta, double[][] outBar, double[] y0Bar, double[] thetaBar,
                    BatchWorkspace ws) {
        int n = ws.dim;
        int rows = ws.rows;
        ButcherTableau tab = ws.tableau;
        Arrays.fill(ws.yBar, 0, rows * n, 0.0);
        for (int r = 0; r < rows; r++) {
            ws.step[r] = ws.status[r] == SolveStatus.SUCCESS ? ws.recorded[r] : -1;
            ws.next[r] = ws.nTimes[r] - 1;
        }
        while (true) {
            int count = 0;
            for (int r = 0; r < rows; r++) {
                if (ws.step[r] >= 1) {
                    ws.active[count++] = r;
                }
            }
            if (count == 0) {
                break;
            }
            ws.rounds++;
            for (int q = 0; q < count; q++) {
                int r = ws.active[q];
                seedStageCotangents(r, tab, outBar[r], ws);
            }
            for (int i = tab.stages() - 1; i >= 0; i--) {
                stageVjp(f, theta, tab, i, count, thetaBar, ws);
            }
            for (int q = 0; q < count; q++) {
                ws.step[ws.active[q]]--;
            }
        }
        for (int r = 0; r < rows; r++) {
            if (ws.status[r] != SolveStatus.SUCCESS) {
                continue;
            }
            ws.next[r] = DenseOutput.addNodeCotangents(0, ws.next[r], ws.outStep[r], ws.outTheta[r], outBar[r], ws.yBar,
                    r * n, n);
            if (y0Bar != null) {
                for (int m = 0; m < n; m++) {
                    y0Bar[r * n + m] += ws.yBar[r * n + m];
                }
            }
        }
    }

    /**
     * Row r's current step j (ending at node j+1): the cotangents of the outputs at node j+1, then
     * {@code kBar_i = h b_i yBar} plus the cotangents of the outputs interpolated inside the step.
     */
    private static void seedStageCotangents(int r, ButcherTableau tab, double[] outBar, BatchWorkspace ws) {
        int n = ws.dim;
        int s = tab.stages();
        int j = ws.step[r] - 1;
        double h = ws.stepH[r][j];
        int next = DenseOutput.addNodeCotangents(j + 1, ws.next[r], ws.outStep[r], ws.outTheta[r], outBar, ws.yBar,
                r * n, n);
        RkCombination.seedStageCotangents(tab.b(), s, h, ws.yBar, r * n, ws.kBar, r * s * n, n);
        ws.next[r] = DenseOutput.addInteriorCotangents(tab, j, h, next, ws.outStep[r], ws.outTheta[r], outBar,
                ws.yBar, r * n, ws.kBar, r * s * n, n, ws.denseW);
    }

    /** Stage i of every active row's current step: one vjp call, then the cotangents flow back. */
    private static void stageVjp(BatchField f, double[] theta, ButcherTableau tab, int i, int count,
                                 double[] thetaBar, BatchWorkspace ws) {
        int n = ws.dim;
        int s = tab.stages();
        int m = 0;
        for (int q = 0; q < count; q++) {
            int r = ws.active[q];
            int kb = (r * s + i) * n;
            if (isZero(ws.kBar, kb, n)) {
                continue;
            }
            int j = ws.step[r] - 1;
            double h = ws.stepH[r][j];
            if (i == 0) {
                System.arraycopy(ws.stepY[r], j * n, ws.yIn, m * n, n);
                ws.tIn[m] = ws.stepT[r][j];
            } else {
                combine(tab.a()[i], i, h, ws.stepY[r], j * n, ws.stepK[r], j * s * n, n, ws.yIn, m * n);
                ws.tIn[m] = ws.stepT[r][j] + tab.c()[i] * h;
            }
            System.arraycopy(ws.kBar, kb, ws.cotIn, m * n, n);
            ws.members[m++] = r;
        }
        if (m == 0) {
            return;
        }
        Arrays.fill(ws.yInBar, 0, m * n, 0.0);
        f.vjp(ws.tIn, ws.yIn, theta, ws.cotIn, ws.yInBar, thetaBar, m);
        ws.vjpCalls++;
        ws.vjpRows += m;
        double[] ai = tab.a()[i];
        for (int p = 0; p < m; p++) {
            int r = ws.members[p];
            double h = ws.stepH[r][ws.step[r] - 1];
            for (int mm = 0; mm < n; mm++) {
                ws.yBar[r * n + mm] += ws.yInBar[p * n + mm];
            }
            for (int jj = 0; jj < i; jj++) {
                double w = h * ai[jj];
                if (w != 0.0) {
                    for (int mm = 0; mm < n; mm++) {
                        ws.kBar[(r * s + jj) * n + mm] += w * ws.yInBar[p * n + mm];
                    }
                }
            }
        }
    }
}
