package org.neuralode.train;

import java.util.ArrayList;
import java.util.List;

/**
 * An ordered list of phases, built like Catalax's {@code Strategy().add_step(...)}:
 * <pre>{@code
 * Strategy s = Strategy.create()
 *     .addStep(1e-3, 1000, 20, 0.1, 0.1)
 *     .addStep(1e-3, 2000, 20, 1.0, 0.01);
 * }</pre>
 * Immutable: every {@code addStep} returns a new strategy.
 */
public record Strategy(List<Phase> phases) {

    public Strategy {
        phases = List.copyOf(phases);
    }

    /** An empty strategy. */
    public static Strategy create() {
        return new Strategy(List.of());
    }

    /** Appends a phase. */
    public Strategy add(Phase p) {
        List<Phase> next = new ArrayList<>(phases);
        next.add(p);
        return new Strategy(next);
    }

    /** Appends a phase without L1 penalty. */
    public Strategy addStep(double lr, int steps, int batchSize, double length, double alpha) {
        return add(new Phase(lr, steps, batchSize, length, alpha, 0.0));
    }

    /** Total gradient steps over all phases. */
    public int totalSteps() {
        return phases.stream().mapToInt(Phase::steps).sum();
    }
}
