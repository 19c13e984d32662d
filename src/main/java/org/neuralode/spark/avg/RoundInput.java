package org.neuralode.spark.avg;

import java.io.Serializable;
import org.neuralode.train.Phase;

/**
 * What the driver sends with one averaging round's job: the phase's settings, which steps of the phase the
 * round covers, the averaged parameters and AdaBelief state, every partition's current streak of
 * skipped updates, and whether to first compute the monitoring losses of the round's parameters.
 * Treated as immutable: tasks copy the arrays before they step.
 *
 * @param phaseIndex 0-based phase
 * @param phase      the phase's settings (each shard uses {@code min(batch_size, shard size)})
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
record RoundInput(int phaseIndex, Phase phase, int firstStep, int steps, double[] theta, double[] lastGood,
                  double[] m, double[] s, long count, int[] streaks, double monitor) implements Serializable {
}
