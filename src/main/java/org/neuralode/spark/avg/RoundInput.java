package org.neuralode.spark.avg;

import java.io.Serializable;
import org.neuralode.train.Phase;

/**
 * What the driver broadcasts for one averaging round: the phase's settings, which steps of the phase the
 * round covers, the averaged parameters and AdaBelief state, every partition's current streak of
 * skipped updates, and whether to first compute the monitoring losses of the broadcast parameters.
 * Treated as immutable: tasks copy the arrays before they step (in local mode a
 * broadcast value is the driver's own object).
 *
 * @param phaseIndex 0-based phase
 * @param lr         the phase's learning rate
 * @param phaseSteps the phase's total steps
 * @param batchSize  the phase's batch size (each shard uses {@code min(batchSize, shard size)})
 * @param length     the phase's prefix fraction
 * @param alpha      the phase's L2 strength
 * @param l1         the phase's L1 strength
 * @param firstStep  0-based step of the phase at which the round starts
 * @param steps      local steps every partition runs in this round
 * @param theta      parameters at the round's start
 * @param lastGood   the (averaged) last parameters with a finite loss, carried across rounds so that a
 *                   diverged run keeps the same model as the local trainer
 * @param m          AdaBelief first moment
 * @param s          AdaBelief second moment
 * @param count      AdaBelief update count
 * @param streaks    consecutive skipped updates per partition so far
 * @param monitor    prefix fraction at which to compute the monitoring losses of {@code theta} before
 *                   stepping (the monitoring point that ended the previous round), or NaN for none
 */
record RoundInput(int phaseIndex, double lr, int phaseSteps, int batchSize, double length, double alpha,
                  double l1, int firstStep, int steps, double[] theta, double[] lastGood, double[] m, double[] s, long count,
                  int[] streaks, double monitor) implements Serializable {

    /** The round of phase {@code phaseIndex} with settings {@code p}. */
    static RoundInput of(int phaseIndex, Phase p, int firstStep, int steps, double[] theta, double[] lastGood, double[] m,
                         double[] s, long count, int[] streaks, double monitor) {
        return new RoundInput(phaseIndex, p.lr(), p.steps(), p.batchSize(), p.length(), p.alpha(), p.l1(),
                firstStep, steps, theta, lastGood, m, s, count, streaks, monitor);
    }

    /** The phase's settings. */
    Phase phase() {
        return new Phase(lr, phaseSteps, batchSize, length, alpha, l1);
    }
}
