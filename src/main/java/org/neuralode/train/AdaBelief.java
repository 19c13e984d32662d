package org.neuralode.train;

/**
 * AdaBelief (Zhuang et al., NeurIPS 2020) as optax implements it, with Catalax's settings: constant
 * learning rate, b1 0.9, b2 0.999, eps 1e-16 and eps_root 1e-16 (Catalax's trainer):
 * <pre>
 * m = b1 m + (1-b1) g;  s = b2 s + (1-b2)(g-m)^2 + eps_root
 * mhat = m/(1-b1^k);    shat = s/(1-b2^k);    theta -= lr * mhat/(sqrt(shat)+eps)
 * </pre>
 * The tiny eps is what lets tiny initial weights train. One instance per phase (moments start at zero);
 * it owns its moment arrays and is not thread-safe.
 */
public final class AdaBelief {

    public static final double B1 = 0.9;
    public static final double B2 = 0.999;
    public static final double EPS = 1e-16;
    public static final double EPS_ROOT = 1e-16;

    private final double lr;
    private final double[] m;
    private final double[] s;
    private long k;

    /** Fresh moments for {@code n} parameters. */
    public AdaBelief(double lr, int n) {
        this(lr, new double[n], new double[n], 0);
    }

    /** Resumes from given moments and step count (used when optimiser state travels, e.g. in Spark). */
    public AdaBelief(double lr, double[] m, double[] s, long k) {
        this.lr = lr;
        this.m = m;
        this.s = s;
        this.k = k;
    }

    /** Applies one update to {@code theta} in place from gradient {@code g}. */
    public void step(double[] theta, double[] g) {
        k++;
        double c1 = 1 - Math.pow(B1, k);
        double c2 = 1 - Math.pow(B2, k);
        for (int i = 0; i < theta.length; i++) {
            m[i] = B1 * m[i] + (1 - B1) * g[i];
            double d = g[i] - m[i];
            s[i] = B2 * s[i] + (1 - B2) * d * d + EPS_ROOT;
            theta[i] -= lr * (m[i] / c1) / (Math.sqrt(s[i] / c2) + EPS);
        }
    }

    /** First moment (live array). */
    public double[] firstMoment() {
        return m;
    }

    /** Second (belief) moment (live array). */
    public double[] secondMoment() {
        return s;
    }

    /** Number of updates applied so far. */
    public long count() {
        return k;
    }
}
