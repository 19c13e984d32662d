package org.neuralode.cli;

import org.neuralode.InputException;
import org.neuralode.ode.SolverOptions;
import org.neuralode.ode.Tableaus;
import picocli.CommandLine.Option;

/** The solver options of the commands that solve a saved model: {@code --solver --rtol --atol}. */
final class SolverMixin {

    @Option(names = "--solver", defaultValue = "tsit5", description = "Solver: tsit5, dopri5, rk4, euler (default ${DEFAULT-VALUE}).")
    String solver;

    @Option(names = "--rtol", defaultValue = "1e-3", description = "Relative tolerance (default ${DEFAULT-VALUE}).")
    double rtol;

    @Option(names = "--atol", defaultValue = "1e-6", description = "Absolute tolerance (default ${DEFAULT-VALUE}).")
    double atol;

    /**
     * The options given, with the default step limit.
     *
     * @throws InputException for an unknown solver or a tolerance out of range
     */
    SolverOptions options() {
        try {
            return new SolverOptions(Tableaus.byName(solver), rtol, atol, SolverOptions.defaults().maxSteps(),
                    Double.NaN);
        } catch (IllegalArgumentException e) {
            throw new InputException("--solver/--rtol/--atol", e.getMessage());
        }
    }
}
