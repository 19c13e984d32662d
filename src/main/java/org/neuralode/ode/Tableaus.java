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
     *
     * <p>Continuous extension of order 4: the expanded polynomials {@code b_i(theta) = r_i1 theta +
     * r_i2 theta^2 + r_i3 theta^3 + r_i4 theta^4} of Tsitouras (2011), transcribed from
     * OrdinaryDiffEq.jl's {@code Tsit5Interp} ({@code tsit_tableaus.jl}, coefficients r11..r74; diffrax's
     * {@code _tsit5} interpolation evaluates the same polynomials). {@code DenseOutputTest} checks
     * {@code b_i(1) = b_i}, the continuous order conditions up to order 4 and the observed order.
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
            5, 4, true,
            new double[][] {
                {1.0, -2.763706197274826, 2.9132554618219126, -1.0530884977290216},
                {0.0, 0.13169999999999998, -0.2234, 0.1017},
                {0.0, 3.9302962368947516, -5.941033872131505, 2.490627285651253},
                {0.0, -12.411077166933676, 30.33818863028232, -16.548102889244902},
                {0.0, 37.50931341651104, -88.1789048947664, 47.37952196281928},
                {0.0, -27.896526289197286, 65.09189467479366, -34.87065786149661},
                {0.0, 1.5, -4.0, 2.5},
            });

    /** Dormand-Prince's solution weights (copied by the tableau, which never shares arrays). */
    private static final double[] DOPRI5_B =
        {35.0 / 384, 0.0, 500.0 / 1113, 125.0 / 192, -2187.0 / 6784, 11.0 / 84, 0.0};

    /**
     * Dormand-Prince 5(4), 7 stages, FSAL: J. R. Dormand and P. J. Prince, "A family of embedded
     * Runge-Kutta formulae", J. Comput. Appl. Math. 6(1), 19-26, 1980. Exact rational coefficients.
     *
     * <p>Continuous extension of order 4: Hairer's {@code CONTD5} of {@code DOPRI5} (Hairer, Norsett and
     * Wanner, <i>Solving ODEs I</i>, 2nd ed., section II.6, eq. (6.12) and the code's coefficients
     * d1..d7; the same as Hipparchus' {@code DormandPrince54StateInterpolator}), expanded into
     * polynomial weights by {@link #dopri5Dense}.
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
            DOPRI5_B,
            new double[] {71.0 / 57600, 0.0, -71.0 / 16695, 71.0 / 1920, -17253.0 / 339200, 22.0 / 525,
                -1.0 / 40},
            5, 4, true, dopri5Dense());

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

    /**
     * Dormand-Prince's dense output {@code y0 + theta (D + (1-theta) (h k1 - D + theta ((2D - h k1 - h k7)
     * + (1-theta) h sum_i d_i k_i)))}, {@code D = y1 - y0 = h sum_i b_i k_i}, expanded in powers of
     * theta: {@code b_i(theta) = delta_i1 theta + (3 b_i - 2 delta_i1 - delta_i7 + d_i) theta^2
     * + (-2 b_i + delta_i1 + delta_i7 - 2 d_i) theta^3 + d_i theta^4}.
     */
    private static double[][] dopri5Dense() {
        double[] b = DOPRI5_B;
        double[] d = {-12715105075.0 / 11282082432.0, 0.0, 87487479700.0 / 32700410799.0,
            -10690763975.0 / 1880347072.0, 701980252875.0 / 199316789632.0, -1453857185.0 / 822651844.0,
            69997945.0 / 29380423.0};
        double[][] dense = new double[7][];
        for (int i = 0; i < 7; i++) {
            double first = i == 0 ? 1.0 : 0.0;
            double last = i == 6 ? 1.0 : 0.0;
            dense[i] = new double[] {first, 3 * b[i] - 2 * first - last + d[i], -2 * b[i] + first + last - 2 * d[i],
                d[i]};
        }
        return dense;
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
