package org.neuralode.cli;

import java.io.PrintWriter;
import org.neuralode.InputException;
import org.neuralode.train.TrainingDivergedException;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** Entry point: {@code neuralode <command> [options]}. */
@Command(name = "neuralode", mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = "Neural ODEs for biochemical time courses (Catalax-compatible), locally or on Spark.",
        subcommands = {InspectCommand.class, TrainCommand.class, EvaluateCommand.class,
            SimulateCommand.class, ConvertCommand.class, ExportCommand.class, BenchCommand.class, CvCommand.class, BenchCvCommand.class,
            CommandLine.HelpCommand.class})
public final class Main {

    public static void main(String[] args) {
        System.exit(run(args));
    }

    /** Runs a command line and returns its exit code (never calls System.exit). */
    public static int run(String... args) {
        return run(new PrintWriter(System.out, true), new PrintWriter(System.err, true), args);
    }

    /** Runs a command line writing its output and errors to the given writers; returns the exit code. */
    public static int run(PrintWriter out, PrintWriter err, String... args) {
        System.setProperty("java.awt.headless", "true");
        CommandLine cli = new CommandLine(new Main());
        cli.setOut(out);
        cli.setErr(err);
        cli.setExecutionExceptionHandler(Main::handle);
        cli.setParameterExceptionHandler((ex, a) -> {
            PrintWriter e = ex.getCommandLine().getErr();
            e.println("neuralode: " + ex.getMessage() + " (try '"
                    + ex.getCommandLine().getCommandSpec().qualifiedName() + " --help')");
            return ExitCodes.BAD_INPUT;
        });
        return cli.execute(args);
    }

    /** Prints a one-line warning on stderr ({@code neuralode: warning: ...}). */
    static void warn(String line) {
        System.err.println("neuralode: warning: " + line);
    }

    private static int handle(Exception e, CommandLine cmd, CommandLine.ParseResult parsed) {
        PrintWriter err = cmd.getErr();
        if (e instanceof InputException) {
            err.println("neuralode: error: " + e.getMessage());
            return ExitCodes.BAD_INPUT;
        }
        if (e instanceof TrainingDivergedException) {
            err.println("neuralode: " + e.getMessage());
            return ExitCodes.DIVERGED;
        }
        err.println("neuralode: internal error (please report it with the trace below): " + e);
        e.printStackTrace(err);
        return ExitCodes.INTERNAL;
    }
}
