package org.neuralode.cli;

/** Process exit codes, documented in the README. */
public final class ExitCodes {

    /** Success. */
    public static final int OK = 0;
    /** An internal error (a bug): a stack trace is printed. */
    public static final int INTERNAL = 1;
    /** Bad input or configuration: one line on stderr names the file, key or value. */
    public static final int BAD_INPUT = 2;
    /** Training diverged: the last good model and a report were written. */
    public static final int DIVERGED = 3;
    /** Interrupted by SIGINT (128 + 2). */
    public static final int SIGINT = 130;
    /** Terminated by SIGTERM (128 + 15). */
    public static final int SIGTERM = 143;

    private ExitCodes() {
    }
}
