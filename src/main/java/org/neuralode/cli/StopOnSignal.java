package org.neuralode.cli;

import java.util.function.BooleanSupplier;
import sun.misc.Signal;
import sun.misc.SignalHandler;

/**
 * SIGINT and SIGTERM during {@code train}: once training polls this supplier, a signal asks it to stop
 * after the current step (the job then saves the last completed model and the command exits 130 or 143);
 * before that, the process exits at once with that code (nothing has been written but atomic files).
 */
final class StopOnSignal implements BooleanSupplier, AutoCloseable {

    private final SignalHandler previousInt;
    private final SignalHandler previousTerm;
    private volatile int exitCode;
    private volatile boolean polled;

    private StopOnSignal() {
        previousInt = Signal.handle(new Signal("INT"), s -> received(ExitCodes.SIGINT));
        previousTerm = Signal.handle(new Signal("TERM"), s -> received(ExitCodes.SIGTERM));
    }

    /** Installs the handlers until {@link #close()}. */
    static StopOnSignal install() {
        return new StopOnSignal();
    }

    private void received(int code) {
        if (!polled) {
            System.err.println("neuralode: interrupted (exit " + code + ")");
            Runtime.getRuntime().halt(code);
        }
        exitCode = code;
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
