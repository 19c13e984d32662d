package org.neuralode.model;

import java.util.Arrays;
import java.util.List;
import org.neuralode.ode.VectorField;

/**
 * The vector field of a {@link MechanisticModel} with its constants bound:
 * {@code dy_i/dt = equation_i(t, y, constants, theta)}, theta = parameter values in the model's order.
 * The model's assignments are evaluated first, in dependency order, into slots of their own that the
 * equations read. The vector-Jacobian product uses each equation's reverse-mode derivative, which also
 * accumulates adjoints into the assignment slots; those are then pushed through each assignment's own
 * derivative in reverse dependency order (every use of an assignment is later in that order, so its
 * adjoint is complete when it is reached). Immutable and thread-safe;
 * each {@link #newEvaluator() evaluator} owns its slot and scratch arrays and allocates nothing per
 * call.
 */
public final class MechanisticField implements VectorField {

    private final List<Expression> equations;
    private final List<Expression> assignments;
    private final double[] constantValues;
    private final int dim;
    private final int numParams;
    private final int paramOffset;
    private final int assignmentOffset;
    private final int slotCount;
    private final int scratchSize;

    MechanisticField(MechanisticModel model, double[] constantValues) {
        this.equations = model.compiledEquations();
        this.assignments = model.compiledAssignments();
        this.constantValues = constantValues.clone();
        this.dim = model.species().size();
        this.numParams = model.parameters().size();
        this.paramOffset = 1 + dim + constantValues.length;
        this.assignmentOffset = paramOffset + numParams;
        this.slotCount = assignmentOffset + assignments.size();
        this.scratchSize = Math.max(equations.stream().mapToInt(Expression::scratchSize).max().orElse(0),
                assignments.stream().mapToInt(Expression::scratchSize).max().orElse(0));
    }

    @Override
    public int dim() {
        return dim;
    }

    @Override
    public int numParams() {
        return numParams;
    }

    /** The bound constant values, in the model's constant order (a copy). */
    public double[] constantValues() {
        return constantValues.clone();
    }

    @Override
    public Evaluator newEvaluator() {
        return new MechanisticEvaluator();
    }

    /** Slots {@code [t, y..., constants..., theta..., assignments...]}, scratch for the expression trees. */
    private final class MechanisticEvaluator implements Evaluator {
        private final double[] slots = new double[slotCount];
        private final double[] slotBar = new double[slotCount];
        private final double[] scratch = new double[scratchSize];

        MechanisticEvaluator() {
            System.arraycopy(constantValues, 0, slots, 1 + dim, constantValues.length);
        }

        private void bind(double t, double[] y, int yOff, double[] theta) {
            slots[0] = t;
            System.arraycopy(y, yOff, slots, 1, dim);
            System.arraycopy(theta, 0, slots, paramOffset, numParams);
            for (int a = 0; a < assignments.size(); a++) {
                slots[assignmentOffset + a] = assignments.get(a).evaluate(slots, scratch);
            }
        }

        @Override
        public void eval(double t, double[] y, int yOff, double[] theta, double[] out, int outOff) {
            bind(t, y, yOff, theta);
            for (int i = 0; i < dim; i++) {
                out[outOff + i] = equations.get(i).evaluate(slots, scratch);
            }
        }

        @Override
        public void vjp(double t, double[] y, int yOff, double[] theta, double[] cot, int cotOff,
                        double[] yBar, int yBarOff, double[] thetaBar) {
            bind(t, y, yOff, theta);
            Arrays.fill(slotBar, 0.0);
            for (int i = 0; i < dim; i++) {
                double v = cot[cotOff + i];
                if (v != 0.0) {
                    equations.get(i).gradient(slots, scratch, v, slotBar);
                }
            }
            for (int a = assignments.size() - 1; a >= 0; a--) {
                double adj = slotBar[assignmentOffset + a];
                if (adj != 0.0) {
                    assignments.get(a).gradient(slots, scratch, adj, slotBar);
                }
            }
            for (int i = 0; i < dim; i++) {
                yBar[yBarOff + i] += slotBar[1 + i];
            }
            for (int p = 0; p < numParams; p++) {
                thetaBar[p] += slotBar[paramOffset + p];
            }
        }
    }
}
