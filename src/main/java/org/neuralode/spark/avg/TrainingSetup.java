package org.neuralode.spark.avg;

import java.io.Serializable;
import java.util.UUID;
import org.neuralode.ode.SolverOptions;
import org.neuralode.ode.Tableaus;
import org.neuralode.ode.TrainableField;
import org.neuralode.train.Engine;
import org.neuralode.train.LossFunction;

/**
 * What every task needs besides data and parameters: the model (any {@link TrainableField}: its vector
 * field and penalty; its parameters are the run's initial ones, the rounds broadcast the current ones), the
 * solver settings as plain values (the tableau by name), the run's seed, failure limit and id. Immutable;
 * broadcast once per run (training) or captured in a task closure (metrics).
 *
 * @param model       the model being trained
 * @param tableau     name of the Runge-Kutta method ({@link Tableaus#byName})
 * @param rtol        relative tolerance
 * @param atol        absolute tolerance
 * @param maxSteps    step attempts per solve
 * @param dt0         initial step (NaN = automatic)
 * @param saveAt      how outputs are obtained (dense output or landing steps)
 * @param seed        the training seed (batch samplers)
 * @param maxFailures consecutive skipped updates that stop the run
 * @param engine      the loss engine on the executors ({@code engine:}; ND4J where the rule or the config says)
 * @param rows        the largest batch of the strategy (the engine's rule and row capacity)
 * @param run         a random id of the run, naming its {@link ResidentState}s on the executors
 */
record TrainingSetup(TrainableField model, String tableau, double rtol, double atol, int maxSteps, double dt0,
                     SolverOptions.SaveAt saveAt, long seed, int maxFailures, Engine engine, int rows, String run)
        implements Serializable {

    /**
     * The setup of {@code model} trained with {@code solver}.
     *
     * @throws IllegalArgumentException if the solver's method is not one of {@link Tableaus#ALL}
     */
    static TrainingSetup of(TrainableField model, SolverOptions solver, long seed, int maxFailures, Engine engine,
                            int rows) {
        String name = solver.tableau().name();
        if (Tableaus.ALL.stream().noneMatch(t -> t == solver.tableau())) {
            throw new IllegalArgumentException("distributed training needs a named solver method ("
                    + String.join(", ", Tableaus.names()) + "), got a custom tableau '" + name + "'");
        }
        return new TrainingSetup(model, name, solver.rtol(), solver.atol(), solver.maxSteps(), solver.dt0(),
                solver.saveAt(), seed, maxFailures, engine, rows, UUID.randomUUID().toString());
    }

    /**
     * A loss function of the configured engine, sized as the local trainer sizes it (the strategy's largest
     * batch), so that one partition computes exactly what local training computes.
     */
    LossFunction loss() {
        return engine.create(model, solver(), rows);
    }

    /** The solver settings. */
    SolverOptions solver() {
        return new SolverOptions(Tableaus.byName(tableau), rtol, atol, maxSteps, dt0, saveAt);
    }
}
