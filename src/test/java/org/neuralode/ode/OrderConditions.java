package org.neuralode.ode;

import java.util.ArrayList;
import java.util.List;

/**
 * The classical Runge-Kutta order conditions up to order 5 (Butcher, <i>Numerical Methods for
 * Ordinary Differential Equations</i>, 2016, table 310(I)): {@code b . Phi(tree) = 1/gamma(tree)} for
 * the 17 rooted trees with at most 5 vertices.
 */
final class OrderConditions {

    private OrderConditions() {
    }

    /** Residuals {@code b . Phi - 1/gamma} of every tree with order &lt;= {@code order}. */
    static double[] residuals(double[][] a, double[] c, double[] b, int order) {
        int s = c.length;
        double[] one = new double[s];
        java.util.Arrays.fill(one, 1.0);
        double[] c2 = mul(c, c);
        double[] c3 = mul(c2, c);
        double[] ac = apply(a, c);
        double[] ac2 = apply(a, c2);
        double[] aac = apply(a, ac);
        List<double[]> res = new ArrayList<>();
        add(res, b, one, 1, order, 1);
        add(res, b, c, 2, order, 2);
        add(res, b, c2, 3, order, 3);
        add(res, b, ac, 3, order, 6);
        add(res, b, c3, 4, order, 4);
        add(res, b, mul(c, ac), 4, order, 8);
        add(res, b, ac2, 4, order, 12);
        add(res, b, aac, 4, order, 24);
        add(res, b, mul(c3, c), 5, order, 5);
        add(res, b, mul(c2, ac), 5, order, 10);
        add(res, b, mul(ac, ac), 5, order, 20);
        add(res, b, mul(c, ac2), 5, order, 15);
        add(res, b, mul(c, aac), 5, order, 30);
        add(res, b, apply(a, c3), 5, order, 20);
        add(res, b, apply(a, mul(c, ac)), 5, order, 40);
        add(res, b, apply(a, ac2), 5, order, 60);
        add(res, b, apply(a, aac), 5, order, 120);
        double[] out = new double[res.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = res.get(i)[0];
        }
        return out;
    }

    private static void add(List<double[]> res, double[] b, double[] phi, int treeOrder, int order, double gamma) {
        if (treeOrder <= order) {
            double dot = 0;
            for (int i = 0; i < b.length; i++) {
                dot += b[i] * phi[i];
            }
            res.add(new double[] {dot - 1.0 / gamma});
        }
    }

    private static double[] mul(double[] x, double[] y) {
        double[] r = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            r[i] = x[i] * y[i];
        }
        return r;
    }

    private static double[] apply(double[][] a, double[] v) {
        double[] r = new double[v.length];
        for (int i = 0; i < v.length; i++) {
            for (int j = 0; j < a[i].length; j++) {
                r[i] += a[i][j] * v[j];
            }
        }
        return r;
    }
}
