package org.neuralode.ode;

/** Outcome of one trajectory solve. Failures are values; callers decide what to do with them. */
public enum SolveStatus {
    /** Reached the last output time. */
    SUCCESS,
    /** Needed more than {@code maxSteps} steps (accepted + rejected). */
    MAX_STEPS,
    /** A state or stage became NaN or infinite. */
    NON_FINITE,
    /** The adaptive step size underflowed (h smaller than the floating-point spacing of t). */
    STEP_TOO_SMALL;

    public boolean ok() {
        return this == SUCCESS;
    }
}
