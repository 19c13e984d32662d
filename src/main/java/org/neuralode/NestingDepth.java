package org.neuralode;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The nesting cap of the parsed user files (configurations, model files, {@code .eqx} headers): code that
 * walks their trees recursively may then rely on a shallow tree, and a hostile file fails with one line
 * instead of a stack overflow. Stateless.
 */
public final class NestingDepth {

    /** Deepest nesting of maps and lists a file may have (a real configuration or model file needs 4). */
    public static final int MAX_DEPTH = 32;

    private NestingDepth() {
    }

    /**
     * Checks that maps and lists in {@code tree} (null: nothing) nest at most {@link #MAX_DEPTH} levels.
     *
     * @param source the file, named in the message
     * @throws InputException when they nest deeper
     */
    public static void require(JsonNode tree, String source) {
        require(tree, MAX_DEPTH, source);
    }

    private static void require(JsonNode node, int left, String source) {
        if (node == null || !node.isContainerNode()) {
            return;
        }
        if (left == 0) {
            throw tooDeep(source);
        }
        for (JsonNode child : node) {
            require(child, left - 1, source);
        }
    }

    /** The refusal of a document nested more than {@link #MAX_DEPTH} levels deep. */
    public static InputException tooDeep(String source) {
        return new InputException(source, "maps and lists are nested more than " + MAX_DEPTH + " levels deep");
    }
}
