package org.neuralode.reliability;

import org.neuralode.InputException;

/**
 * The property every fuzz target checks: whatever the input, the code under test either succeeds or throws
 * an {@link InputException} whose message is one non-blank line (the CLI prints it as the single stderr
 * line of exit code 2). Anything else escaping (a {@code NullPointerException}, an
 * {@code IllegalArgumentException}, an {@code ArrayIndexOutOfBoundsException}, {@code OutOfMemoryError}, ...)
 * is a crash, and Jazzer reports it with the input that caused it.
 *
 * <p>{@code -Dreliability.fuzz.crashesOnly=true} drops the one-line check, to hunt for crashes while a
 * message-format finding is still open (otherwise the fuzzer stops at the first multi-line message).
 */
final class FuzzChecks {

    private FuzzChecks() {
    }

    /**
     * Runs {@code action}; an {@link InputException} passes when its message is one line starting with
     * {@code sourcePrefix} (null: any start), any other throwable propagates.
     */
    static void onlyInputErrors(Runnable action, String sourcePrefix) {
        try {
            action.run();
        } catch (InputException e) {
            String m = e.getMessage();
            if (Boolean.getBoolean("reliability.fuzz.crashesOnly")) {
                return;
            }
            if (m == null || m.isBlank() || m.indexOf('\n') >= 0 || m.indexOf('\r') >= 0) {
                throw new AssertionError("InputException message is not one line: " + m, e);
            }
            if (sourcePrefix != null && !m.startsWith(sourcePrefix)) {
                throw new AssertionError("InputException message does not name " + sourcePrefix + ": " + m, e);
            }
        }
    }
}
