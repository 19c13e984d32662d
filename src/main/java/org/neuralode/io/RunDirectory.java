package org.neuralode.io;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.neuralode.InputException;

/**
 * A job's output directory ({@code --out}). Refuses a non-empty directory that is not one of this job's
 * own (it has no {@code run.json}; a {@link RunLock} file does not count) unless overwriting is allowed;
 * every file is written atomically, so an
 * interrupted or failed run never leaves a half-written file behind, except that a log may grow by whole
 * lines ({@link #appendLine}).
 */
public final class RunDirectory {

    /** The file that marks a directory as a neuralode run. */
    public static final String MARKER = "run.json";

    private final String root;

    private RunDirectory(String root) {
        this.root = root;
    }

    /**
     * Opens {@code location} for writing.
     *
     * @param overwrite allow a non-empty directory that is not a neuralode run
     * @throws InputException when the directory holds foreign files and {@code overwrite} is false
     */
    public static RunDirectory open(String location, boolean overwrite) {
        if (Storage.exists(location) && !overwrite) {
            List<String> names = Storage.list(location);
            names.removeIf(name -> name.startsWith(RunLock.NAME));
            if (!names.isEmpty() && !names.contains(MARKER)) {
                throw new InputException(location, "exists and holds files that are not a neuralode run ("
                        + names.size() + " entries, e.g. '" + names.get(0)
                        + "'); choose another --out or pass --overwrite");
            }
        }
        return new RunDirectory(location);
    }

    /** The directory's location. */
    public String location() {
        return root;
    }

    /** The location of a file under this directory ({@code name} may contain '/'). */
    public String path(String name) {
        return Storage.resolve(root, name);
    }

    /** Writes a file atomically. */
    public void write(String name, byte[] bytes) {
        Storage.writeAtomically(path(name), bytes);
    }

    /** Writes a UTF-8 text file atomically. */
    public void write(String name, String text) {
        write(name, text.getBytes(StandardCharsets.UTF_8));
    }

    /** Whether files here can grow by {@link #appendLine} ({@link Storage#canAppend}). */
    public boolean canAppend() {
        return Storage.canAppend(root);
    }

    /** Appends one UTF-8 line (a line terminator is added) to an existing file and flushes it. */
    public void appendLine(String name, String line) {
        Storage.append(path(name), (line + "\n").getBytes(StandardCharsets.UTF_8));
    }
}
