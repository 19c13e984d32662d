package org.neuralode.workflow;

import java.util.Locale;
import org.neuralode.InputException;
import org.neuralode.config.JobConfig;
import org.neuralode.data.Dataset;
import org.neuralode.data.Measurement;
import org.neuralode.nn.MlpSpec;
import org.neuralode.ode.Tableaus;

/**
 * The heap one training needs, estimated from the configuration and the data's sizes before any work, so
 * that a configuration that cannot fit is refused in a second (exit 2) instead of dying of an
 * {@code OutOfMemoryError} minutes later. In 8-byte doubles, with P parameters, depth D, width W, S states,
 * B = 64 rows per batched field block, R the largest batch size, T the most points of a measurement, s the
 * solver's stages and N the training measurements after augmentation (those one task holds):
 * <pre>
 *   parameters = 8 P                  theta, gradient, candidate, AdaBelief's two moments, the best,
 *                                     monitored and returned models
 *   workspaces = 2 D W (B + 1) + 5 max(S+1, W) B + R (T + 1) (s + 1) S
 *                                     the batched and per-trajectory MLP fields' activations and cotangents,
 *                                     and the solver's step records (one accepted step per output at least)
 *   data       = N (2 T (S + 1) + 32)  each measurement's times and values, their trajectory copies, and
 *                                     object headers
 * </pre>
 * The workspace and data terms are lower bounds (an adaptive solver takes more steps than outputs), the
 * parameter term an upper one; none counts the JVM's own overhead. Immutable.
 *
 * @param parameters bytes of parameter-sized vectors
 * @param workspaces bytes of field and solver workspaces
 * @param data       bytes of the training (and validation) measurements
 * @param culprit    the keys that drive the largest term, with their values, for messages
 */
public record MemoryEstimate(long parameters, long workspaces, long data, String culprit) {

    private static final int BLOCK = 64;
    private static final int PARAMETER_COPIES = 8;

    /**
     * Estimates one training of {@code config} on measurements shaped like {@code dataset}'s.
     *
     * @param measurements the training measurements after augmentation one task holds (plus validation)
     */
    public static MemoryEstimate of(JobConfig config, Dataset dataset, long measurements) {
        JobConfig.ModelConfig m = config.model();
        long states = dataset.states().size();
        boolean mlp = !JobConfig.MECHANISTIC.equals(m.kind());
        long width = mlp ? m.width() : 0;
        long depth = mlp ? m.depth() : 0;
        long params = mlp ? MlpSpec.countParams((int) states, m.width(), m.depth(), m.useFinalBias(),
                m.rbf() != null) : m.fit().size();
        long points = dataset.measurements().stream().mapToLong(Measurement::length).max().orElse(1);
        long batch = config.strategy().stream().mapToLong(JobConfig.PhaseConfig::batchSize).max().orElse(1);
        long stages = Tableaus.byName(config.solver().method().toLowerCase(Locale.ROOT)).stages();
        long fields = 2 * depth * width * (BLOCK + 1) + 5 * Math.max(states + 1, width) * BLOCK;
        long solver = batch * (points + 1) * (stages + 1) * states;
        MemoryEstimate e = new MemoryEstimate(bytes(PARAMETER_COPIES, params), bytes(1, fields, solver),
                bytes(measurements, 2 * points * (states + 1) + 32), null);
        String culprit = e.data() >= Math.max(e.parameters(), e.workspaces())
                ? "dataset.augment.n = " + config.dataset().augment().n() + " (" + measurements
                        + " training measurements)"
                : "model.width = " + m.width() + ", model.depth = " + m.depth();
        return new MemoryEstimate(e.parameters(), e.workspaces(), e.data(), culprit);
    }

    /** {@code factor * (terms...)} doubles in bytes, saturating at Long.MAX_VALUE. */
    private static long bytes(long factor, long... terms) {
        double sum = 0;
        for (long t : terms) {
            sum += t;
        }
        return (long) Math.min(Long.MAX_VALUE, 8.0 * factor * sum);
    }

    /** The whole estimate in bytes. */
    public long total() {
        return (long) Math.min(Long.MAX_VALUE, (double) parameters + workspaces + data);
    }

    /**
     * Refuses the run when the estimate exceeds the budget.
     *
     * @param source the config file, for the message
     * @throws InputException naming the keys, the estimate and its parts, the limit and how to raise it
     */
    public void check(MemoryBudget budget, String source) {
        if (total() > budget.bytes()) {
            throw new InputException(source, culprit + ": a training needs about " + size(total())
                    + " (parameters " + size(parameters) + ", solver workspaces " + size(workspaces) + ", data "
                    + size(data) + ") but " + budget.what() + " is " + size(budget.bytes())
                    + "; make them smaller or raise it (" + budget.raise() + ")");
        }
    }

    /** A byte count as {@code 1.5 GiB}. */
    public static String size(long bytes) {
        String[] units = {"B", "KiB", "MiB", "GiB", "TiB", "PiB", "EiB"};
        double v = bytes;
        int u = 0;
        while (v >= 1024 && u < units.length - 1) {
            v /= 1024;
            u++;
        }
        return String.format(Locale.ROOT, u == 0 ? "%.0f %s" : "%.1f %s", v, units[u]);
    }
}
