package org.neuralode.train;

/**
 * AdaBelief (Zhuang et al., NeurIPS 2020) as optax implements it, with Catalax's settings: constant
 * learning rate, b1 0.9, b2 0.999, eps 1e-16 and eps_root 1e-16 (Catalax's trainer):
 * <pre>
 * m = b1 m + (1-b1) g;  s = b2 s + (1-b2)(g-m)^2 + eps_root
 * mhat = m/(1-b1^k);    shat = s/(1-b2^k);    theta -= lr * mhat/(sqrt(shat)+eps)
 * </pre>
 * The tiny eps is what lets tiny initial weights train. Optionally (a phase's {@code clip_norm} c &gt; 0) the
 * gradient is first scaled to L2 norm at most c, {@code g *= min(1, c/|g|)}, as optax's
 * {@code chain(clip_by_global_norm(c), adabelief(lr))}. One instance per phase (moments start at zero); it owns
 * its moment arrays and is not thread-safe.
 */
public final class AdaBelief {

    public static final double B1 = 0.9;
    public static final double B2 = 0.999;
    public static final double EPS = 1e-16;
    public static final double EPS_ROOT = 1e-16;

    private final double lr;
    private final double clipNorm;
    private final double[] m;
    private final double[] s;
    private long k;

    /** Fresh moments for {@code n} parameters, no clipping. */
    public AdaBelief(double lr, int n) {
        this(lr, 0.0, new double[n], new double[n], 0);
    }

    /**
     * Resumes from given moments and step count (used when optimiser state travels, e.g. in Spark).
     *
     * @param clipNorm largest gradient norm taken in (0 = no clipping)
     */
    public AdaBelief(double lr, double clipNorm, double[] m, double[] s, long k) {
        this.lr = lr;
        this.clipNorm = clipNorm;
        this.m = m;
        this.s = s;
        this.k = k;
    }

    /** Applies one update to {@code theta} in place from gradient {@code g} (which it does not change). */
    public void step(double[] theta, double[] g) {
        k++;
        double c1 = 1 - Math.pow(B1, k);
        double c2 = 1 - Math.pow(B2, k);
        double scale = clipScale(g);
        for (int i = 0; i < theta.length; i++) {
            double gi = scale == 1.0 ? g[i] : g[i] * scale;
            m[i] = B1 * m[i] + (1 - B1) * gi;
            double d = gi - m[i];
            s[i] = B2 * s[i] + (1 - B2) * d * d + EPS_ROOT;
            theta[i] -= lr * (m[i] / c1) / (Math.sqrt(s[i] / c2) + EPS);
        }
    }

    /** {@code min(1, clipNorm / |g|)}, or 1 without clipping. */
    private double clipScale(double[] g) {
        if (clipNorm == 0) {
            return 1.0;
        }
        double norm = PhaseSteps.norm(g);
        return norm > clipNorm ? clipNorm / norm : 1.0;
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
