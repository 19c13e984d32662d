package org.neuralode;

/**
 * A user error: a bad file, config key or value. The CLI prints {@link #getMessage()} as one line on
 * stderr (no stack trace) and exits with code 2.
 *
 * <p>Messages name the culprit first, e.g. {@code "data.zip: entry 'a.jsonl' line 3: 'time' is not a number ('x')"}.
 */
public class InputException extends RuntimeException {

    private final String source;

    /**
     * @param source  the file, key path or value at fault (e.g. {@code "conf/x.yaml: strategy[0].lr"})
     * @param message what is wrong with it, and what is allowed
     */
    public InputException(String source, String message) {
        super(source + ": " + message);
        this.source = source;
    }

    public InputException(String source, String message, Throwable cause) {
        super(source + ": " + message, cause);
        this.source = source;
    }

    /** The file, key or value at fault. */
    public String source() {
        return source;
    }
}
