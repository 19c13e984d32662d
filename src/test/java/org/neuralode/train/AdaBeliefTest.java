package org.neuralode.train;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class AdaBeliefTest {

    /** Two steps worked by hand from optax's formulas (scale_by_belief + scale(-lr)). */
    @Test
    void matchesHandComputedSteps() {
        double lr = 0.1;
        AdaBelief opt = new AdaBelief(lr, 1);
        double[] theta = {1.0};
        opt.step(theta, new double[] {2.0});
        // k=1: m = 0.2, s = 0.001*(2-0.2)^2 + 1e-16, mhat = 2, shat = 3.24 + 1e-13 -> step = 2/1.8
        double m1 = 0.2;
        double s1 = 0.001 * 1.8 * 1.8 + 1e-16;
        double expected1 = 1.0 - lr * (m1 / 0.1) / (Math.sqrt(s1 / 0.001) + 1e-16);
        assertEquals(expected1, theta[0], 1e-15);
        opt.step(theta, new double[] {-1.0});
        double m2 = 0.9 * m1 + 0.1 * -1.0;
        double s2 = 0.999 * s1 + 0.001 * (-1.0 - m2) * (-1.0 - m2) + 1e-16;
        double expected2 = expected1 - lr * (m2 / (1 - 0.81)) / (Math.sqrt(s2 / (1 - 0.999 * 0.999)) + 1e-16);
        assertEquals(expected2, theta[0], 1e-15);
        assertEquals(2, opt.count());
    }

    /** The first step has size ~lr whatever the gradient's scale (eps and eps_root are negligible here). */
    @Test
    void firstStepIsScaleFree() {
        double[] a = {0.0};
        double[] b = {0.0};
        new AdaBelief(1e-3, 1).step(a, new double[] {1e-4});
        new AdaBelief(1e-3, 1).step(b, new double[] {1e2});
        // step = lr * g / sqrt((1-b2)(0.9 g)^2/(1-b2)) = lr / 0.9 for any g >> sqrt(eps_root / (1-b2))
        // for g = 1e-4, eps_root shifts the step by eps_root / (2 (1-b2)(0.9 g)^2) = 6.2e-6 relative
        assertEquals(-1e-3 / 0.9, a[0], 1e-3 / 0.9 * 1e-5);
        assertEquals(-1e-3 / 0.9, b[0], 1e-3 / 0.9 * 1e-12);
    }
}
