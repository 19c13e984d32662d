package org.neuralode.model;

/**
 * A node of a compiled arithmetic expression tree. Immutable; evaluation writes each node's value
 * into a caller-owned scratch array at {@link #id} so that the reverse sweep can read it back
 * without re-evaluating subtrees and without allocating.
 */
abstract sealed class ExpressionNode {

    /** Index of this node's value in the scratch array (post-order, 0-based). */
    final int id;

    ExpressionNode(int id) {
        this.id = id;
    }

    /** Evaluates the subtree against the symbol slots, storing every node's value in {@code vals}. */
    abstract double eval(double[] slots, double[] vals);

    /**
     * Reverse sweep after {@link #eval}: adds {@code adj * d(this)/d(slot)} to {@code slotBar[slot]} for
     * every slot in the subtree.
     */
    abstract void backward(double[] vals, double adj, double[] slotBar);

    /** A numeric literal. */
    static final class Num extends ExpressionNode {
        final double value;

        Num(int id, double value) {
            super(id);
            this.value = value;
        }

        @Override
        double eval(double[] slots, double[] vals) {
            vals[id] = value;
            return value;
        }

        @Override
        void backward(double[] vals, double adj, double[] slotBar) {
            // a constant has no inputs
        }
    }

    /** A symbol, bound to a slot of the evaluation array. */
    static final class Sym extends ExpressionNode {
        final int slot;

        Sym(int id, int slot) {
            super(id);
            this.slot = slot;
        }

        @Override
        double eval(double[] slots, double[] vals) {
            double v = slots[slot];
            vals[id] = v;
            return v;
        }

        @Override
        void backward(double[] vals, double adj, double[] slotBar) {
            slotBar[slot] += adj;
        }
    }

    /** A unary operator or one-argument function. */
    static final class Apply1 extends ExpressionNode {
        final Op1 op;
        final ExpressionNode x;

        Apply1(int id, Op1 op, ExpressionNode x) {
            super(id);
            this.op = op;
            this.x = x;
        }

        @Override
        double eval(double[] slots, double[] vals) {
            double v = op.apply(x.eval(slots, vals));
            vals[id] = v;
            return v;
        }

        @Override
        void backward(double[] vals, double adj, double[] slotBar) {
            if (adj != 0.0) {
                x.backward(vals, adj * op.derivative(vals[x.id], vals[id]), slotBar);
            }
        }
    }

    /** A binary operator or two-argument function. */
    static final class Apply2 extends ExpressionNode {
        final Op2 op;
        final ExpressionNode left;
        final ExpressionNode right;

        Apply2(int id, Op2 op, ExpressionNode left, ExpressionNode right) {
            super(id);
            this.op = op;
            this.left = left;
            this.right = right;
        }

        @Override
        double eval(double[] slots, double[] vals) {
            double v = op.apply(left.eval(slots, vals), right.eval(slots, vals));
            vals[id] = v;
            return v;
        }

        @Override
        void backward(double[] vals, double adj, double[] slotBar) {
            if (adj == 0.0) {
                return;
            }
            double a = vals[left.id];
            double b = vals[right.id];
            double f = vals[id];
            if (!(left instanceof Num)) {
                left.backward(vals, adj * op.dLeft(a, b, f), slotBar);
            }
            if (!(right instanceof Num)) {
                right.backward(vals, adj * op.dRight(a, b, f), slotBar);
            }
        }
    }

    /** One-argument operations with their derivative {@code d op(x)/dx}, given x and {@code fx = op(x)}. */
    enum Op1 {
        NEG {
            double apply(double x) { return -x; }
            double derivative(double x, double fx) { return -1.0; }
        },
        EXP {
            double apply(double x) { return Math.exp(x); }
            double derivative(double x, double fx) { return fx; }
        },
        /** Natural logarithm ({@code log} and {@code ln}). */
        LOG {
            double apply(double x) { return Math.log(x); }
            double derivative(double x, double fx) { return 1.0 / x; }
        },
        SQRT {
            double apply(double x) { return Math.sqrt(x); }
            double derivative(double x, double fx) { return 0.5 / fx; }
        },
        /** Derivative sign(x), 0 at 0. */
        ABS {
            double apply(double x) { return Math.abs(x); }
            double derivative(double x, double fx) { return Math.signum(x); }
        },
        SIN {
            double apply(double x) { return Math.sin(x); }
            double derivative(double x, double fx) { return Math.cos(x); }
        },
        COS {
            double apply(double x) { return Math.cos(x); }
            double derivative(double x, double fx) { return -Math.sin(x); }
        },
        TAN {
            double apply(double x) { return Math.tan(x); }
            double derivative(double x, double fx) { return 1.0 + fx * fx; }
        },
        TANH {
            double apply(double x) { return Math.tanh(x); }
            double derivative(double x, double fx) { return 1.0 - fx * fx; }
        };

        abstract double apply(double x);

        abstract double derivative(double x, double fx);
    }

    /** Two-argument operations with their partial derivatives, given a, b and {@code f = op(a, b)}. */
    enum Op2 {
        ADD {
            double apply(double a, double b) { return a + b; }
            double dLeft(double a, double b, double f) { return 1.0; }
            double dRight(double a, double b, double f) { return 1.0; }
        },
        SUB {
            double apply(double a, double b) { return a - b; }
            double dLeft(double a, double b, double f) { return 1.0; }
            double dRight(double a, double b, double f) { return -1.0; }
        },
        MUL {
            double apply(double a, double b) { return a * b; }
            double dLeft(double a, double b, double f) { return b; }
            double dRight(double a, double b, double f) { return a; }
        },
        DIV {
            double apply(double a, double b) { return a / b; }
            double dLeft(double a, double b, double f) { return 1.0 / b; }
            double dRight(double a, double b, double f) { return -f / b; }
        },
        /** {@code a^b}; d/db is {@code a^b ln a}, taken as 0 where {@code a^b = 0}. */
        POW {
            double apply(double a, double b) { return Math.pow(a, b); }
            double dLeft(double a, double b, double f) { return b == 0.0 ? 0.0 : b * Math.pow(a, b - 1.0); }
            double dRight(double a, double b, double f) { return f == 0.0 ? 0.0 : f * Math.log(a); }
        },
        /** Subgradient: ties go to the left argument. */
        MIN {
            double apply(double a, double b) { return Math.min(a, b); }
            double dLeft(double a, double b, double f) { return a <= b ? 1.0 : 0.0; }
            double dRight(double a, double b, double f) { return a <= b ? 0.0 : 1.0; }
        },
        /** Subgradient: ties go to the left argument. */
        MAX {
            double apply(double a, double b) { return Math.max(a, b); }
            double dLeft(double a, double b, double f) { return a >= b ? 1.0 : 0.0; }
            double dRight(double a, double b, double f) { return a >= b ? 0.0 : 1.0; }
        };

        abstract double apply(double a, double b);

        abstract double dLeft(double a, double b, double f);

        abstract double dRight(double a, double b, double f);
    }
}
