package org.neuralode.train;

import java.util.function.BooleanSupplier;
import org.neuralode.data.Dataset;
import org.neuralode.ode.SolverOptions;
import org.neuralode.ode.TrainableField;

/**
 * Trains a neural ODE through a strategy of phases on one thread (Catalax's trainer): per phase a
 * fresh AdaBelief, permutation batches, prefix {@code length}, monitoring every {@code printEvery} steps
 * and at each phase's last step. Reproducible from {@code seed}. Stateless apart from its settings.
 *
 * <p>An update whose loss or gradient is not finite, or whose solves fail, is skipped and counted; after
 * {@code maxFailures} consecutive skips a {@link TrainingDivergedException} carries the last good model.
 *
 * <p>There is one training loop ({@link #run}); where the steps run is a {@link StepExecutor}: this thread
 * ({@link LocalSteps}) or the Spark parameter-averaging executor, whose shards run the same
 * {@link PhaseSteps}.
 */
public final class Trainer {

    private final SolverOptions solver;
    private final int printEvery;
    private final long seed;
    private final int maxFailures;
    private final Engine engine;
    private final BooleanSupplier stop;
    private final EarlyStopping earlyStopping;

    /**
     * A trainer with the {@link Engine#AUTO} engine that never stops early.
     *
     * @param solver      solver settings for training and monitoring
     * @param printEvery  steps between monitoring points (>= 1)
     * @param seed        seed of the batch permutations
     * @param maxFailures consecutive skipped updates that stop the run
     */
    public Trainer(SolverOptions solver, int printEvery, long seed, int maxFailures) {
        this(solver, printEvery, seed, maxFailures, Engine.AUTO, () -> false);
    }

    /**
     * @param engine which engine computes loss and gradient
     * @param stop   polled before every step; when true, training ends with a
     *               {@link TrainingInterruptedException} carrying the last completed model
     */
    public Trainer(SolverOptions solver, int printEvery, long seed, int maxFailures, Engine engine,
                   BooleanSupplier stop) {
        this(solver, printEvery, seed, maxFailures, engine, stop, null);
    }

    private Trainer(SolverOptions solver, int printEvery, long seed, int maxFailures, Engine engine,
                    BooleanSupplier stop, EarlyStopping earlyStopping) {
        this.solver = solver;
        this.printEvery = printEvery;
        this.seed = seed;
        this.maxFailures = maxFailures;
        this.engine = engine;
        this.stop = stop;
        this.earlyStopping = earlyStopping;
    }

    /**
     * This trainer with early stopping on the validation loss (null: none); it then returns the best model
     * seen, and runs without a validation set are refused.
     */
    public Trainer withEarlyStopping(EarlyStopping early) {
        return new Trainer(solver, printEvery, seed, maxFailures, engine, stop, early);
    }

    /**
     * Trains {@code initial} on {@code train} on this thread ({@link LocalSteps}), monitoring
     * {@code validation} (may be null).
     *
     * @throws IllegalArgumentException  if a phase's batch size exceeds the training set
     * @throws TrainingDivergedException after {@code maxFailures} consecutive skipped updates
     */
    public TrainResult train(TrainableField initial, Dataset train, Dataset validation, Strategy strategy,
                             TrainingListener listener) {
        TrajectorySet tr = TrajectorySet.of(train, initial);
        TrajectorySet va = validation == null ? null : TrajectorySet.of(validation, initial);
        int rows = strategy.phases().stream().mapToInt(Phase::batchSize).max().orElse(1);
        LossFunction eval = engine.create(initial, solver, rows);
        return run(initial, strategy, new LocalSteps(eval, tr, va, seed, maxFailures), va != null, listener);
    }

    /**
     * The training loop: trains {@code initial} through {@code strategy} with the steps run by {@code exec}
     * (this thread, or a cluster), monitoring every {@code printEvery} steps and at each phase's last step.
     *
     * @param validating whether the executor's monitoring includes a validation set (else its columns are NaN)
     * @throws TrainingDivergedException    after {@code maxFailures} consecutive skipped updates
     * @throws TrainingInterruptedException when the stop condition holds before a round
     */
    public TrainResult run(TrainableField initial, Strategy strategy, StepExecutor exec, boolean validating,
                           TrainingListener listener) {
        return new TrainingRun(initial, strategy.phases().size(), exec, listener, stop, printEvery, validating,
                earlyStopping).run(strategy);
    }

    /**
     * Seed of the batch sampler of phase {@code phase} (0-based) on shard {@code partition}: local
     * training is shard 0, so a one-partition Spark run draws exactly the local batches.
     */
    public static long samplerSeed(long seed, int phase, int partition) {
        return seed * 0x9E3779B97F4A7C15L + phase + partition * 0xBF58476D1CE4E5B9L;
    }

    /** Whether step {@code step} (0-based) of a phase of {@code steps} steps is a monitoring point. */
    public static boolean monitorsAt(int step, int steps, int printEvery) {
        return step % printEvery == 0 || step == steps - 1;
    }

    /**
     * Exclusive end of the round that starts at step {@code start} of a phase of {@code steps} steps: after
     * {@code k} steps, after the first monitoring step, or at the phase's end, whichever comes first.
     */
    public static int roundEnd(int start, int steps, int k, int printEvery) {
        int end = (int) Math.min((long) start + k, steps);
        for (int step = start; step < end; step++) {
            if (monitorsAt(step, steps, printEvery)) {
                return step + 1;
            }
        }
        return end;
    }
}
