package org.neuralode.data;

import org.neuralode.InputException;

/**
 * The rule for archive-relative paths (ZIP entry names and Croissant {@code contentUrl}s): a relative,
 * forward-slash path that stays inside the archive. Rejects {@code ..} segments, absolute paths
 * ({@code /x}, {@code C:x}), backslashes, NUL characters, URLs and empty names.
 *
 * <p>Stateless and thread-safe.
 */
final class EntryNames {

    private EntryNames() {
    }

    /**
     * @param name   the path to check
     * @param source the archive's name, for the message
     * @param what   what the path is ({@code "entry"}, {@code "contentUrl"}), for the message
     * @throws InputException naming {@code what} and the path if it could escape the archive
     */
    static void checkSafe(String name, String source, String what) {
        String problem = problem(name);
        if (problem != null) {
            throw new InputException(source, what + " '" + name + "' " + problem);
        }
    }

    private static String problem(String name) {
        if (name.isEmpty()) {
            return "is empty";
        }
        if (name.indexOf('\0') >= 0) {
            return "contains a NUL character";
        }
        if (name.indexOf('\\') >= 0) {
            return "contains a backslash; only relative '/' paths inside the archive are allowed";
        }
        if (name.startsWith("/") || (name.length() > 1 && name.charAt(1) == ':' && isAsciiLetter(name.charAt(0)))) {
            return "is an absolute path; only relative paths inside the archive are allowed";
        }
        if (name.contains("://")) {
            return "is a URL; only files inside the archive are supported";
        }
        for (String segment : name.split("/", -1)) {
            if (segment.equals("..")) {
                return "escapes the archive ('..' segment)";
            }
        }
        return null;
    }

    private static boolean isAsciiLetter(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    }
}
