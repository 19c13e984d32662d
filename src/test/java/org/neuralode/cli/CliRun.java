package org.neuralode.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;

/** Runs the CLI in-process and captures its exit code, stdout and stderr. */
record CliRun(int code, String out, String err) {

    static CliRun of(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.run(new PrintWriter(out, true), new PrintWriter(err, true), args);
        return new CliRun(code, out.toString(), err.toString());
    }

    /** Runs {@code args} followed by {@code --set OVERRIDE} for each override. */
    static CliRun withSets(List<String> args, String... overrides) {
        List<String> all = new ArrayList<>(args);
        for (String o : overrides) {
            all.add("--set");
            all.add(o);
        }
        return of(all.toArray(String[]::new));
    }

    /** True when stderr holds no Java stack trace. */
    boolean noStackTrace() {
        return !err.contains("\tat ") && !err.contains("Exception");
    }
}
