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
        super(oneLine(source) + ": " + oneLine(message));
        this.source = source;
    }

    public InputException(String source, String message, Throwable cause) {
        super(oneLine(source) + ": " + oneLine(message), cause);
        this.source = source;
    }

    /**
     * The text with line breaks, tabs and other control characters escaped ({@code \n}, {@code \u0000}),
     * so that a message always prints as one line whatever user text it quotes.
     */
    static String oneLine(String text) {
        if (text == null) {
            return "null";
        }
        StringBuilder sb = null;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c >= 0x20 && c != 0x7f) {
                if (sb != null) {
                    sb.append(c);
                }
                continue;
            }
            if (sb == null) {
                sb = new StringBuilder(text.length() + 8).append(text, 0, i);
            }
            switch (c) {
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                default -> sb.append(String.format("\\u%04x", (int) c));
            }
        }
        return sb == null ? text : sb.toString();
    }

    /** The file, key or value at fault. */
    public String source() {
        return source;
    }
}
