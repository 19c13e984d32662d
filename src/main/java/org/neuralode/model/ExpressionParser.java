package org.neuralode.model;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.neuralode.InputException;
import org.neuralode.model.ExpressionNode.Apply1;
import org.neuralode.model.ExpressionNode.Apply2;
import org.neuralode.model.ExpressionNode.Num;
import org.neuralode.model.ExpressionNode.Op1;
import org.neuralode.model.ExpressionNode.Op2;
import org.neuralode.model.ExpressionNode.Sym;

/**
 * Recursive-descent parser for the arithmetic of rate equations. One instance parses one text; not
 * reusable, not thread-safe (use {@link Expression#parse}).
 *
 * <pre>
 * expr    := term (('+' | '-') term)*
 * term    := unary (('*' | '/') unary)*
 * unary   := ('-' | '+') unary | power
 * power   := primary (('^' | '**') unary)?          right-associative: 2^3^2 = 2^9, -x^2 = -(x^2)
 * primary := number | name '(' expr (',' expr)* ')' | name | '(' expr ')'
 * number  := digits ['.' digits] [('e'|'E') ['+'|'-'] digits]   (also '.5')
 * </pre>
 * Function names are case-insensitive (SymPy writes {@code Abs}, {@code Max}): exp, log and ln
 * (natural), sqrt, abs, sin, cos, tan, tanh, pow(a, b), min(a, b), max(a, b). Parentheses, signs, powers
 * and function arguments nest at most {@link #MAX_NESTING} levels (the parser recurses once per level).
 */
final class ExpressionParser {

    private static final Map<String, Op1> UNARY_FUNCTIONS = Map.of(
            "exp", Op1.EXP, "log", Op1.LOG, "ln", Op1.LOG, "sqrt", Op1.SQRT, "abs", Op1.ABS,
            "sin", Op1.SIN, "cos", Op1.COS, "tan", Op1.TAN, "tanh", Op1.TANH);
    private static final Map<String, Op2> BINARY_FUNCTIONS = Map.of("pow", Op2.POW, "min", Op2.MIN, "max", Op2.MAX);

    /** Deepest nesting of parentheses, signs, powers and function arguments an equation may have. */
    static final int MAX_NESTING = 100;

    private final String text;
    private final String source;
    private final Map<String, Integer> slotOf;
    private final Set<String> symbols = new LinkedHashSet<>();
    private int pos;
    private int nextId;
    private int depth;

    ExpressionParser(String text, String source, Map<String, Integer> slotOf) {
        this.text = text;
        this.source = source;
        this.slotOf = slotOf;
    }

    /** Parses the whole text. */
    ExpressionNode parse() {
        skipSpace();
        if (pos == text.length()) {
            throw error(pos, "empty expression");
        }
        ExpressionNode root = expr();
        skipSpace();
        if (pos < text.length()) {
            throw error(pos, "unexpected '" + text.charAt(pos) + "'");
        }
        return root;
    }

    /** Number of nodes created, i.e. the scratch size. */
    int nodeCount() {
        return nextId;
    }

    /** Distinct symbols in order of first appearance. */
    List<String> symbols() {
        return new ArrayList<>(symbols);
    }

    private ExpressionNode expr() {
        ExpressionNode left = term();
        while (true) {
            if (accept("+")) {
                left = node2(Op2.ADD, left, term());
            } else if (accept("-")) {
                left = node2(Op2.SUB, left, term());
            } else {
                return left;
            }
        }
    }

    private ExpressionNode term() {
        ExpressionNode left = unary();
        while (true) {
            if (accept("*")) {
                left = node2(Op2.MUL, left, unary());
            } else if (accept("/")) {
                left = node2(Op2.DIV, left, unary());
            } else {
                return left;
            }
        }
    }

    /** Every level of nesting passes here, so the depth is counted here. */
    private ExpressionNode unary() {
        if (++depth > MAX_NESTING) {
            throw error(pos, "nested more than " + MAX_NESTING + " levels deep");
        }
        ExpressionNode node;
        if (accept("-")) {
            node = node1(Op1.NEG, unary());
        } else if (accept("+")) {
            node = unary();
        } else {
            node = power();
        }
        depth--;
        return node;
    }

    private ExpressionNode power() {
        ExpressionNode base = primary();
        if (accept("**") || accept("^")) {
            return node2(Op2.POW, base, unary());
        }
        return base;
    }

    private ExpressionNode primary() {
        skipSpace();
        if (pos >= text.length()) {
            throw error(pos, "unexpected end of expression");
        }
        char ch = text.charAt(pos);
        if (Character.isDigit(ch) || ch == '.') {
            return number();
        }
        if (Character.isLetter(ch) || ch == '_') {
            int start = pos;
            String name = name();
            skipSpace();
            if (pos < text.length() && text.charAt(pos) == '(') {
                return call(name, start);
            }
            return symbol(name, start);
        }
        if (accept("(")) {
            ExpressionNode inner = expr();
            expect(")");
            return inner;
        }
        throw error(pos, "unexpected '" + ch + "'");
    }

    private ExpressionNode call(String name, int start) {
        String key = name.toLowerCase(Locale.ROOT);
        Op1 op1 = UNARY_FUNCTIONS.get(key);
        Op2 op2 = BINARY_FUNCTIONS.get(key);
        if (op1 == null && op2 == null) {
            throw error(start, "unknown function '" + name + "' (known: exp, log, ln, sqrt, abs, sin, cos, tan, tanh,"
                    + " pow, min, max)");
        }
        expect("(");
        List<ExpressionNode> args = new ArrayList<>();
        args.add(expr());
        while (accept(",")) {
            args.add(expr());
        }
        expect(")");
        int arity = op1 != null ? 1 : 2;
        if (args.size() != arity) {
            throw error(start, "function '" + name + "' takes " + arity + " argument(s), got " + args.size());
        }
        return op1 != null ? node1(op1, args.get(0)) : node2(op2, args.get(0), args.get(1));
    }

    private ExpressionNode symbol(String name, int start) {
        Integer slot = slotOf.get(name);
        if (slot == null) {
            throw error(start, "undefined symbol '" + name + "' (defined: " + String.join(", ", slotOf.keySet()) + ")");
        }
        symbols.add(name);
        return new Sym(nextId++, slot);
    }

    private ExpressionNode number() {
        int start = pos;
        digits();
        if (pos < text.length() && text.charAt(pos) == '.') {
            pos++;
            digits();
        }
        if (pos < text.length() && (text.charAt(pos) == 'e' || text.charAt(pos) == 'E')) {
            int mark = pos++;
            if (pos < text.length() && (text.charAt(pos) == '+' || text.charAt(pos) == '-')) {
                pos++;
            }
            if (pos >= text.length() || !Character.isDigit(text.charAt(pos))) {
                throw error(mark, "malformed exponent in number '" + text.substring(start, pos) + "'");
            }
            digits();
        }
        String literal = text.substring(start, pos);
        // a digit before the exponent, ASCII only (isDigit also takes other scripts' digits): "." or ".e1" are not
        if (!literal.matches("(\\d+\\.?\\d*|\\.\\d+)([eE][+-]?\\d+)?")) {
            throw error(start, "malformed number '" + literal + "'");
        }
        return new Num(nextId++, Double.parseDouble(literal));
    }

    private void digits() {
        while (pos < text.length() && Character.isDigit(text.charAt(pos))) {
            pos++;
        }
    }

    private String name() {
        int start = pos;
        while (pos < text.length() && (Character.isLetterOrDigit(text.charAt(pos)) || text.charAt(pos) == '_')) {
            pos++;
        }
        return text.substring(start, pos);
    }

    private ExpressionNode node1(Op1 op, ExpressionNode x) {
        return new Apply1(nextId++, op, x);
    }

    private ExpressionNode node2(Op2 op, ExpressionNode a, ExpressionNode b) {
        return new Apply2(nextId++, op, a, b);
    }

    /** Consumes {@code token} if it comes next; '*' never matches the first half of '**'. */
    private boolean accept(String token) {
        skipSpace();
        if (!text.startsWith(token, pos) || (token.equals("*") && text.startsWith("**", pos))) {
            return false;
        }
        pos += token.length();
        return true;
    }

    private void expect(String token) {
        if (!accept(token)) {
            throw error(pos, "expected '" + token + "' but found "
                    + (pos < text.length() ? "'" + text.charAt(pos) + "'" : "the end"));
        }
    }

    private void skipSpace() {
        while (pos < text.length() && Character.isWhitespace(text.charAt(pos))) {
            pos++;
        }
    }

    private InputException error(int at, String what) {
        return new InputException(source, "equation '" + text + "' column " + (at + 1) + ": " + what);
    }
}
