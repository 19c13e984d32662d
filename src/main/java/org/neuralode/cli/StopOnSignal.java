package org.neuralode.cli;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BooleanSupplier;
import sun.misc.Signal;
import sun.misc.SignalHandler;

/**
 * SIGINT and SIGTERM during {@code train} and {@code cv}: once the run polls this supplier (or registers a
 * stop action), a signal asks it to stop (training after the current step or round; a cv sweep by cancelling
 * its Spark jobs), the command then records the interruption and exits 130 or 143; before that, the
 * process runs {@code beforeHalt} (the run lock's release) and exits at once with that code (nothing has
 * been written but atomic files).
 */
final class StopOnSignal implements BooleanSupplier, AutoCloseable {

    private final SignalHandler previousInt;
    private final SignalHandler previousTerm;
    private final Runnable beforeHalt;
    private final List<Runnable> onStop = new CopyOnWriteArrayList<>();
    private volatile int exitCode;
    private volatile boolean polled;

    private StopOnSignal(Runnable beforeHalt) {
        this.beforeHalt = beforeHalt;
        previousInt = Signal.handle(new Signal("INT"), s -> received(ExitCodes.SIGINT));
        previousTerm = Signal.handle(new Signal("TERM"), s -> received(ExitCodes.SIGTERM));
    }

    /** Installs the handlers until {@link #close()}; {@code beforeHalt} runs before an immediate exit. */
    static StopOnSignal install(Runnable beforeHalt) {
        return new StopOnSignal(beforeHalt);
    }

    private void received(int code) {
        if (!polled) {
            System.err.println("neuralode: interrupted (exit " + code + ")");
            beforeHalt.run();
            Runtime.getRuntime().halt(code);
        }
        exitCode = code;
        onStop.forEach(Runnable::run);
    }

    /**
     * Runs {@code action} on the signal's thread when a signal comes (at once if one came already); from now
     * on a signal stops the run instead of halting the process.
     */
    void onStop(Runnable action) {
        polled = true;
        onStop.add(action);
        if (exitCode != 0) {
            action.run();
        }
    }

    @Override
    public boolean getAsBoolean() {
        polled = true;
        return exitCode != 0;
    }

    /** 130 after SIGINT, 143 after SIGTERM, 0 when no signal came. */
    int exitCode() {
        return exitCode;
    }

    @Override
    public void close() {
        Signal.handle(new Signal("INT"), previousInt);
        Signal.handle(new Signal("TERM"), previousTerm);
    }
}
