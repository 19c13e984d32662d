package org.neuralode.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

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

    /**
     * With clip_norm c, a gradient longer than c moves the optimiser exactly as the gradient scaled to norm c
     * does without clipping (optax: clip_by_global_norm before adabelief), a shorter one as itself, and the
     * caller's gradient is left as it was. After one huge gradient the unclipped optimiser's belief is filled
     * with it and later ordinary gradients barely move; the clipped one keeps moving (issue 10 item 6).
     */
    @Test
    void clippingScalesLongGradientsToTheNormFirst() {
        double[] g = {3e8, -4e8};
        double[] clipped = {0.0, 0.0};
        double[] scaled = {0.0, 0.0};
        new Phase(0.1, 1, 1, 1.0, 0, 0, 0, 2.0).optimiser(2).step(clipped, g);
        new AdaBelief(0.1, 2).step(scaled, new double[] {3e8 * 2 / 5e8, -4e8 * 2 / 5e8});
        // the same update up to the rounding of g * (c / |g|) against g * c / |g| (an ulp of the step)
        assertEquals(scaled[0], clipped[0], 1e-15);
        assertEquals(scaled[1], clipped[1], 1e-15);
        assertEquals(3e8, g[0], 0.0);

        double[] shortClipped = {0.0};
        double[] plain = {0.0};
        new AdaBelief(0.1, 2.0, new double[1], new double[1], 0).step(shortClipped, new double[] {1.5});
        new AdaBelief(0.1, 1).step(plain, new double[] {1.5});
        assertEquals(plain[0], shortClipped[0], 0.0);

        double[] a = {0.0};
        double[] b = {0.0};
        AdaBelief unclipped = new AdaBelief(1e-3, 1);
        AdaBelief clip = new AdaBelief(1e-3, 1.0, new double[1], new double[1], 0);
        unclipped.step(a, new double[] {1e17});
        clip.step(b, new double[] {1e17});
        for (int i = 0; i < 50; i++) {
            unclipped.step(a, new double[] {-1.0});
            clip.step(b, new double[] {-1.0});
        }
        double a50 = a[0];
        double b50 = b[0];
        for (int i = 0; i < 50; i++) {
            unclipped.step(a, new double[] {-1.0});
            clip.step(b, new double[] {-1.0});
        }
        // steps 51-100: the unclipped optimiser's belief, still ~1e31, keeps its steps ~500x below lr, and its
        // momentum still points along the stale huge gradient; the clipped one follows the gradient, at least
        // lr a step (AdaBelief's steps grow while the gradient stays the same)
        assertTrue(a[0] - a50 <= 0 && a50 - a[0] < 1e-4, "the poisoned belief: " + (a[0] - a50));
        assertTrue(b[0] - b50 > 50 * 1e-3, "the clipped optimiser follows the gradient: " + (b[0] - b50));
    }
}
