package org.neuralode.ode;

/**
 * Matrix exponential for small dense matrices by scaling and squaring with a 30-term Taylor series
 * (Moler and Van Loan, "Nineteen dubious ways...", SIAM Review 45, 2003, method 3): the scaled matrix
 * has norm &lt;= 1/2, where 30 terms leave a truncation error far below double rounding.
 */
final class MatrixExponential {

    private MatrixExponential() {
    }

    static double[][] expm(double[][] a) {
        int n = a.length;
        double norm = 0;
        for (double[] row : a) {
            double s = 0;
            for (double x : row) {
                s += Math.abs(x);
            }
            norm = Math.max(norm, s);
        }
        int squarings = Math.max(0, (int) Math.ceil(Math.log(norm / 0.5) / Math.log(2)));
        double scale = Math.pow(2, -squarings);
        double[][] term = identity(n);
        double[][] sum = identity(n);
        for (int k = 1; k <= 30; k++) {
            term = multiply(term, a);
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < n; j++) {
                    term[i][j] *= scale / k;
                    sum[i][j] += term[i][j];
                }
            }
        }
        for (int q = 0; q < squarings; q++) {
            sum = multiply(sum, sum);
        }
        return sum;
    }

    static double[] apply(double[][] m, double[] v) {
        double[] r = new double[v.length];
        for (int i = 0; i < v.length; i++) {
            for (int j = 0; j < v.length; j++) {
                r[i] += m[i][j] * v[j];
            }
        }
        return r;
    }

    private static double[][] identity(int n) {
        double[][] r = new double[n][n];
        for (int i = 0; i < n; i++) {
            r[i][i] = 1;
        }
        return r;
    }

    private static double[][] multiply(double[][] x, double[][] y) {
        int n = x.length;
        double[][] r = new double[n][n];
        for (int i = 0; i < n; i++) {
            for (int k = 0; k < n; k++) {
                for (int j = 0; j < n; j++) {
                    r[i][j] += x[i][k] * y[k][j];
                }
            }
        }
        return r;
    }
}
