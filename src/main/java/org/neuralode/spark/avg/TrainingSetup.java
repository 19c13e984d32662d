package org.neuralode.spark.avg;

import java.io.Serializable;
import java.util.List;
import org.neuralode.nn.Activation;
import org.neuralode.nn.MlpField;
import org.neuralode.nn.MlpSpec;
import org.neuralode.nn.NeuralOde;
import org.neuralode.ode.SolverOptions;
import org.neuralode.ode.Tableaus;

/**
 * What every task needs besides data and parameters: the model's architecture, the solver settings, the
 * run's seed and failure limit, as plain serialisable values (the {@code nn} and {@code ode} records are
 * not serialisable). Immutable; captured in task closures.
 *
 * @param states       state symbols in network order
 * @param width        hidden width
 * @param depth        hidden layers
 * @param activation   hidden activation
 * @param useFinalBias whether the last layer has a bias
 * @param tMax         time scale of the network's time input
 * @param tableau      name of the Runge-Kutta method ({@link Tableaus#byName})
 * @param rtol         relative tolerance
 * @param atol         absolute tolerance
 * @param maxSteps     step attempts per solve
 * @param dt0          initial step (NaN = automatic)
 * @param seed         the training seed (batch samplers)
 * @param maxFailures  consecutive skipped updates that stop the run
 */
record TrainingSetup(List<String> states, int width, int depth, Activation activation, boolean useFinalBias,
                     double tMax, String tableau, double rtol, double atol, int maxSteps, double dt0, long seed,
                     int maxFailures) implements Serializable {

    TrainingSetup {
        states = List.copyOf(states);
    }

    /**
     * The setup of {@code model} trained with {@code solver}.
     *
     * @throws IllegalArgumentException if the solver's method is not one of {@link Tableaus#ALL}
     */
    static TrainingSetup of(NeuralOde model, SolverOptions solver, long seed, int maxFailures) {
        String name = solver.tableau().name();
        if (Tableaus.ALL.stream().noneMatch(t -> t == solver.tableau())) {
            throw new IllegalArgumentException("distributed training needs a named solver method ("
                    + String.join(", ", Tableaus.names()) + "), got a custom tableau '" + name + "'");
        }
        MlpSpec s = model.spec();
        return new TrainingSetup(model.states(), s.width(), s.depth(), s.activation(), s.useFinalBias(),
                model.tMax(), name, solver.rtol(), solver.atol(), solver.maxSteps(), solver.dt0(), seed,
                maxFailures);
    }

    /** A new vector field of the architecture (immutable, thread-safe). */
    MlpField field() {
        return new MlpField(new MlpSpec(states.size(), width, depth, activation, useFinalBias), tMax);
    }

    /** The solver settings. */
    SolverOptions solver() {
        return new SolverOptions(Tableaus.byName(tableau), rtol, atol, maxSteps, dt0);
    }

    /** Number of parameters. */
    int numParams() {
        return new MlpSpec(states.size(), width, depth, activation, useFinalBias).numParams();
    }
}
