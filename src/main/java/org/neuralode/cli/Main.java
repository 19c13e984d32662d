package org.neuralode.cli;

import java.io.PrintWriter;
import org.neuralode.InputException;
import org.neuralode.OutOfMemoryException;
import org.neuralode.workflow.MemoryBudget;
import org.neuralode.workflow.MemoryEstimate;
import org.neuralode.train.TrainingDivergedException;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** Entry point: {@code neuralode <command> [options]}. */
@Command(name = "neuralode", mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = "Neural ODEs for biochemical time courses (Catalax-compatible), locally or on Spark.",
        subcommands = {InspectCommand.class, TrainCommand.class, EvaluateCommand.class,
            SimulateCommand.class, ConvertCommand.class, PredictCommand.class, PlotCommand.class, ExportCommand.class, BenchCommand.class, CvCommand.class, BenchCvCommand.class,
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
        try {
            return cli.execute(args);
        } catch (OutOfMemoryError e) {
            err.println(outOfMemory(e));
            return ExitCodes.INTERNAL;
        }
    }

    /**
     * The one line for an {@link OutOfMemoryError} (or a Spark task's, as {@link OutOfMemoryException}) in the
     * cause chain of {@code e}, or null when there is none.
     */
    static String outOfMemory(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof OutOfMemoryError || t instanceof OutOfMemoryException) {
                return "neuralode: out of memory (" + t.getMessage() + "); the JVM's max heap is "
                        + MemoryEstimate.size(Runtime.getRuntime().maxMemory()) + "; raise it with "
                        + MemoryBudget.RAISE_HEAP + " (--executor-memory for Spark executors)";
            }
        }
        return null;
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
        String oom = outOfMemory(e);
        if (oom != null) {
            err.println(oom);
            return ExitCodes.INTERNAL;
        }
        err.println("neuralode: internal error (please report it with the trace below): " + e);
        e.printStackTrace(err);
        return ExitCodes.INTERNAL;
    }
}
