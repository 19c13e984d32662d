package org.neuralode.ode;

import java.util.List;
import java.util.Locale;

/** The named explicit Runge-Kutta methods, as data for the one generic stepper. */
public final class Tableaus {

    /**
     * Tsitouras 5(4), 7 stages, FSAL: Ch. Tsitouras, "Runge-Kutta pairs of order 5(4) satisfying only
     * the first column simplifying assumption", Computers &amp; Mathematics with Applications 62(2),
     * 770-775, 2011. Coefficients are the 80-digit values of diffrax's {@code tsit5.py} (which match
     * OrdinaryDiffEq.jl), rounded once to the nearest double; {@code bError} was formed from those
     * values in exact arithmetic before rounding. Catalax's default solver.
     */
    public static final ButcherTableau TSIT5 = new ButcherTableau("tsit5",
            new double[] {0.0, 0.161, 0.327, 0.9, 0.9800255409045097, 1.0, 1.0},
            new double[][] {
                {},
                {0.161},
                {-0.008480655492356989, 0.335480655492357},
                {2.8971530571054935, -6.359448489975075, 4.3622954328695815},
                {5.325864828439257, -11.748883564062828, 7.4955393428898365, -0.09249506636175525},
                {5.86145544294642, -12.92096931784711, 8.159367898576159, -0.071584973281401,
                    -0.028269050394068383},
                {0.09646076681806523, 0.01, 0.4798896504144996, 1.379008574103742, -3.290069515436081,
                    2.324710524099774},
            },
            new double[] {0.09646076681806523, 0.01, 0.4798896504144996, 1.379008574103742,
                -3.290069515436081, 2.324710524099774, 0.0},
            new double[] {0.0017800110522257714, 0.0008164344596567469, -0.007880878010261995,
                0.1447110071732629, -0.5823571654525552, 0.45808210592918697, -0.015151515151515152},
            5, 4, true);

    /**
     * Dormand-Prince 5(4), 7 stages, FSAL: J. R. Dormand and P. J. Prince, "A family of embedded
     * Runge-Kutta formulae", J. Comput. Appl. Math. 6(1), 19-26, 1980. Exact rational coefficients.
     */
    public static final ButcherTableau DOPRI5 = new ButcherTableau("dopri5",
            new double[] {0.0, 1.0 / 5, 3.0 / 10, 4.0 / 5, 8.0 / 9, 1.0, 1.0},
            new double[][] {
                {},
                {1.0 / 5},
                {3.0 / 40, 9.0 / 40},
                {44.0 / 45, -56.0 / 15, 32.0 / 9},
                {19372.0 / 6561, -25360.0 / 2187, 64448.0 / 6561, -212.0 / 729},
                {9017.0 / 3168, -355.0 / 33, 46732.0 / 5247, 49.0 / 176, -5103.0 / 18656},
                {35.0 / 384, 0.0, 500.0 / 1113, 125.0 / 192, -2187.0 / 6784, 11.0 / 84},
            },
            new double[] {35.0 / 384, 0.0, 500.0 / 1113, 125.0 / 192, -2187.0 / 6784, 11.0 / 84, 0.0},
            new double[] {71.0 / 57600, 0.0, -71.0 / 16695, 71.0 / 1920, -17253.0 / 339200, 22.0 / 525,
                -1.0 / 40},
            5, 4, true);

    /** The classical fourth-order Runge-Kutta method (Kutta, 1901); fixed steps only. */
    public static final ButcherTableau RK4 = new ButcherTableau("rk4",
            new double[] {0.0, 0.5, 0.5, 1.0},
            new double[][] {{}, {0.5}, {0.0, 0.5}, {0.0, 0.0, 1.0}},
            new double[] {1.0 / 6, 1.0 / 3, 1.0 / 3, 1.0 / 6},
            null, 4, 0, false);

    /** The explicit (forward) Euler method, order 1; fixed steps only. */
    public static final ButcherTableau EULER = new ButcherTableau("euler",
            new double[] {0.0}, new double[][] {{}}, new double[] {1.0}, null, 1, 0, false);

    /** All named tableaus, in the order of {@link #names()}. */
    public static final List<ButcherTableau> ALL = List.of(TSIT5, DOPRI5, RK4, EULER);

    private Tableaus() {
    }

    /** The accepted names: {@code tsit5, dopri5, rk4, euler}. */
    public static List<String> names() {
        return ALL.stream().map(ButcherTableau::name).toList();
    }

    /**
     * The tableau with this name, ignoring case.
     *
     * @throws IllegalArgumentException naming the value and the allowed names
     */
    public static ButcherTableau byName(String name) {
        String key = name == null ? "" : name.trim().toLowerCase(Locale.ROOT);
        for (ButcherTableau t : ALL) {
            if (t.name().equals(key)) {
                return t;
            }
        }
        throw new IllegalArgumentException("unknown solver '" + name + "'; allowed: " + String.join(", ", names()));
    }
}
