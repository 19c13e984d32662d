package org.neuralode.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import org.neuralode.cli.Main;

/**
 * One in-process run of the command line ({@link Main#run(PrintWriter, PrintWriter, String...)}): exit code,
 * stdout and stderr, and the assertion every refused input must pass.
 */
record Cli(List<String> args, int code, String out, String err) {

    /** Runs {@code neuralode args...} and captures what it printed. */
    static Cli run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.run(new PrintWriter(out, true), new PrintWriter(err, true), args);
        return new Cli(List.of(args), code, out.toString(), err.toString());
    }

    /**
     * The run was refused as bad input: exit code 2, exactly one line on stderr that contains every
     * fragment (the culprit: file, entry, line, key, value), and no Java stack trace.
     *
     * @return this, for further checks
     */
    Cli assertRefused(String... fragments) {
        String context = args + " -> exit " + code + ", stderr:\n" + err;
        assertEquals(2, code, context);
        assertFalse(err.contains("\tat ") || err.contains("Exception") || err.contains("internal error"),
                "stack trace or exception name on stderr: " + context);
        List<String> lines = err.strip().lines().toList();
        assertEquals(1, lines.size(), "stderr must be one line: " + context);
        for (String f : fragments) {
            assertTrue(lines.get(0).contains(f), "stderr lacks '" + f + "': " + context);
        }
        return this;
    }
}
