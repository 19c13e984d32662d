package org.neuralode.model;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A compiled arithmetic expression over symbol slots, with reverse-mode derivative.
 *
 * <p>Compiled once against an ordered list of slot names; evaluated against a {@code double[]} holding
 * one value per slot (no maps or allocation on the hot path). Evaluation and differentiation need a
 * caller-owned scratch array of {@link #scratchSize()} doubles. Immutable and thread-safe; the
 * scratch arrays are not.
 */
public final class Expression {

    private final String text;
    private final ExpressionNode root;
    private final int scratchSize;
    private final List<String> symbols;

    private Expression(String text, ExpressionNode root, int scratchSize, List<String> symbols) {
        this.text = text;
        this.root = root;
        this.scratchSize = scratchSize;
        this.symbols = List.copyOf(symbols);
    }

    /**
     * Parses and compiles {@code text}.
     *
     * @param text      the equation, e.g. {@code "-v_max*S/(K_m + S)"}
     * @param source    where it comes from, for error messages (e.g. {@code "model.yaml: odes.S"})
     * @param slotNames symbol of each slot, in slot order; the expression may use any of them
     * @throws org.neuralode.InputException naming the source, the equation text and the 1-based column
     *         of a syntax error, an unknown function or an undefined symbol
     */
    public static Expression parse(String text, String source, List<String> slotNames) {
        Map<String, Integer> slotOf = new HashMap<>();
        for (int i = 0; i < slotNames.size(); i++) {
            slotOf.putIfAbsent(slotNames.get(i), i);
        }
        ExpressionParser parser = new ExpressionParser(text, source, slotOf);
        ExpressionNode root = parser.parse();
        return new Expression(text, root, parser.nodeCount(), parser.symbols());
    }

    /** The source text. */
    public String text() {
        return text;
    }

    /** The distinct symbols it uses, in order of first appearance. */
    public List<String> symbols() {
        return symbols;
    }

    /** Length of the scratch array that {@link #evaluate} and {@link #gradient} need. */
    public int scratchSize() {
        return scratchSize;
    }

    /** The value for these slot values; {@code scratch} receives the intermediate values. */
    public double evaluate(double[] slots, double[] scratch) {
        return root.eval(slots, scratch);
    }

    /** Convenience for tests and one-off use: allocates its scratch. */
    public double evaluate(double[] slots) {
        return evaluate(slots, new double[scratchSize]);
    }

    /**
     * Evaluates and then <b>accumulates</b> {@code seed * d(value)/d(slots[j])} into {@code slotBar[j]} for
     * every slot j the expression uses (reverse mode, one sweep).
     *
     * @return the value
     */
    public double gradient(double[] slots, double[] scratch, double seed, double[] slotBar) {
        double value = root.eval(slots, scratch);
        root.backward(scratch, seed, slotBar);
        return value;
    }

    @Override
    public String toString() {
        return text;
    }
}
