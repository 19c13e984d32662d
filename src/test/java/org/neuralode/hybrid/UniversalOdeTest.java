package org.neuralode.hybrid;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.neuralode.model.MechanisticFit;
import org.neuralode.nn.Activation;
import org.neuralode.nn.MlpSpec;
import org.neuralode.ode.VjpCheck;

/**
 * The universal model: its field against the formula, its vjp and penalty gradient against central
 * differences for every state and parameter (gated and ungated), and its parameter layout.
 */
class UniversalOdeTest {

    private static final String MM2 = """
            name: two-species Michaelis-Menten
            species: [P, S]
            parameters: {v_max: 5.0, K_m: {value: 80.0, lower: 1.0, upper: 1000.0}}
            odes: {S: "-v_max*S/(K_m + S)", P: "v_max*S/(K_m + S)"}
            """;
    private static final MlpSpec SPEC = new MlpSpec(2, 5, 2, Activation.byName("softplus"), false);
    private static final UodePenalties PENALTIES = new UodePenalties(1e-3, 2e-3, 3e-3, 4e-3);

    private static UniversalOde model(boolean gated) {
        return model(gated, SPEC);
    }

    private static UniversalOde model(boolean gated, MlpSpec spec) {
        MechanisticFit fit = MechanisticFit.start(MM2.getBytes(StandardCharsets.UTF_8), "mm2.yaml",
                List.of("v_max", "K_m"), Map.of(), "test: model");
        // weight scale 0.5 so that the network's output, and with it every derivative, is far from zero
        return UniversalOde.initialise(fit, spec, 100.0, gated, PENALTIES, 0.5, false, 3);
    }

    @ParameterizedTest(name = "gated {0}, RBF network {1}")
    @CsvSource({"true, false", "false, false", "true, true"})
    void vjpMatchesFiniteDifferencesForEveryStateAndParameter(boolean gated, boolean rbf) {
        UniversalOde m = model(gated, rbf ? MlpSpec.rbfNetwork(2, 5, 2, false, 0.5) : SPEC);
        SplittableRandom rng = new SplittableRandom(gated ? 1 : 2);
        for (int trial = 0; trial < 4; trial++) {
            double[] theta = m.theta();
            for (int k = 0; k < theta.length; k++) {
                theta[k] += rng.nextDouble(-0.2, 0.2);
            }
            double[] y = {rng.nextDouble(0.1, 3), rng.nextDouble(0.1, 3)};
            double[] cot = {rng.nextDouble(-1, 1), rng.nextDouble(-1, 1)};
            VjpCheck.assertVjp(m.vectorField(), rng.nextDouble(0, 100), y, theta, cot, 1e-6, List.of());
        }
    }

    @Test
    void fieldIsTheMechanisticRatesPlusTheGatedScaledNetwork() {
        UniversalOde m = model(true);
        double[] theta = m.theta();
        double[] y = {0.7, 2.5};
        double t = 30;
        double[] out = new double[2];
        m.vectorField().newEvaluator().eval(t, y, 0, theta, out, 0);
        double[] mech = new double[2];
        m.mechanistic().vectorField().newEvaluator().eval(t, y, 0, m.mechanistic().theta(), mech, 0);
        double[] net = new double[2];
        m.network().vectorField().newEvaluator().eval(t, y, 0, m.network().theta(), net, 0);
        int r = 2 + SPEC.numParams();
        for (int i = 0; i < 2; i++) {
            double z = 10 * (theta[r + 2 + 2 * i] * y[0] + theta[r + 2 + 2 * i + 1] * y[1]);
            double expected = mech[i] + Math.log1p(Math.exp(theta[r + i])) / (1 + Math.exp(-z)) * net[i];
            assertEquals(expected, out[i], 1e-14 * Math.abs(expected));
        }
    }

    @Test
    void layoutAndPenaltyGradient() {
        UniversalOde m = model(true);
        assertEquals(2 + SPEC.numParams() + 2 + 4, m.numParams());
        assertEquals(2 + SPEC.numParams(), model(false).numParams());
        double[] theta = m.theta();
        double[] grad = new double[theta.length];
        m.addPenaltyGradient(theta, 0.01, 0.02, grad);
        for (int j = 0; j < theta.length; j++) {
            double h = 1e-6 * Math.max(1, Math.abs(theta[j]));
            double[] up = theta.clone();
            double[] down = theta.clone();
            up[j] += h;
            down[j] -= h;
            double fd = (m.penalty(up, 0.01, 0.02) - m.penalty(down, 0.01, 0.02)) / (2 * h);
            assertEquals(fd, grad[j], 1e-7 * Math.abs(fd) + 1e-12, "dP/dtheta" + j);
        }
        assertEquals(0.0, grad[0]);
        assertEquals(0.0, grad[1], "no penalty on the mechanistic parameters");
        assertArrayEquals(model(true).theta(), m.theta(), "initialisation is seeded");
        assertEquals(5.0, m.namedParameters().get("v_max"), 1e-12);
    }

}
