package org.neuralode.io.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.neuralode.InputException;
import org.neuralode.nn.Activation;
import org.neuralode.nn.MlpSpec;
import org.neuralode.nn.NeuralOde;
import org.neuralode.ode.VectorField;

class EqxModelTest {

    private static final String NAME = "menten_trained.eqx";

    private static EqxModel reference() throws Exception {
        return EqxCodec.read(EqxCodecTest.reference(), NAME);
    }

    @Test
    void referenceConvertsToTheCatalaxArchitecture() throws Exception {
        NeuralOde m = reference().toNeuralOde(NAME);
        assertEquals(new MlpSpec(1, 4, 2, Activation.CELU, false), m.spec());
        assertEquals(36, m.numParams());
        assertEquals(List.of("s1"), m.states());
        assertEquals(93.42407989501953, m.tMax(), 0.0);
    }

    /** Hand computation from the raw float32 bytes of the five layer records. */
    private static double handField(EqxModel eqx, double t, double y) {
        float[][] a = new float[5][];
        for (int i = 0; i < 5; i++) {
            ByteBuffer b = ByteBuffer.wrap(eqx.layers().get(i).data()).order(ByteOrder.LITTLE_ENDIAN);
            a[i] = new float[b.remaining() / 4];
            b.asFloatBuffer().get(a[i]);
        }
        double tMax = ByteBuffer.wrap(eqx.maxTime().data()).order(ByteOrder.LITTLE_ENDIAN).getFloat();
        double[] x = {y, t / tMax};
        double[] h1 = new double[4];
        double[] h2 = new double[4];
        for (int i = 0; i < 4; i++) {
            double z = a[0][2 * i] * x[0] + a[0][2 * i + 1] * x[1] + a[1][i];
            h1[i] = z > 0 ? z : Math.expm1(z); // celu, alpha 1
        }
        for (int i = 0; i < 4; i++) {
            double z = a[3][i];
            for (int j = 0; j < 4; j++) {
                z += a[2][4 * i + j] * h1[j];
            }
            h2[i] = z > 0 ? z : Math.expm1(z);
        }
        double out = 0;
        for (int j = 0; j < 4; j++) {
            out += a[4][j] * h2[j];
        }
        return out;
    }

    @Test
    void referenceFieldEqualsHandAndNumPyComputation() throws Exception {
        EqxModel eqx = reference();
        VectorField.Evaluator ev = eqx.toNeuralOde(NAME).vectorField().newEvaluator();
        // {t, y, f(t, y)}: f from NumPy in float64 (script in the comment below this method)
        double[][] golden = {
                {0.0, 0.0, 0.20423257904067477},
                {10.0, 150.0, -4.070116684844559},
                {50.0, 299.63, -5.6177220686426885},
                {93.0, 20.5, -1.3139307622262524},
                {3.0, -1.0, 0.26878920299983045},
        };
        double[] out = new double[1];
        for (double[] g : golden) {
            ev.eval(g[0], new double[] {g[1]}, 0, eqx.toNeuralOde(NAME).theta(), out, 0);
            // same float64 arithmetic in another summation order (and NumPy's expm1): a few ulps of ~5
            assertEquals(handField(eqx, g[0], g[1]), out[0], 1e-13, "hand, t=" + g[0]);
            assertEquals(g[2], out[0], 1e-13, "NumPy, t=" + g[0]);
        }
    }

    /*
     * NumPy golden values above (independent npy reader and matmul):
     *   with open('menten_trained.eqx', 'rb') as f:
     *       f.readline(); arrs = []
     *       while True:
     *           try: arrs.append(np.load(f))
     *           except Exception: break
     *   W0, b0, W1, b1, W2 = [a.astype(np.float64) for a in arrs[:5]]; T = float(arrs[5])
     *   celu = lambda x: np.where(x > 0, x, np.expm1(x))
     *   W2 @ celu(W1 @ celu(W0 @ np.array([y, t / T]) + b0) + b1)
     */

    @Test
    void fromNeuralOdeWritesWhatCatalaxWrote() throws Exception {
        byte[] bytes = EqxCodecTest.reference();
        NeuralOde m = EqxCodec.read(bytes, NAME).toNeuralOde(NAME);
        assertArrayEquals(bytes, EqxCodec.write(EqxModel.fromNeuralOde(m)));
    }

    @Test
    void neuralOdeRoundTripsUpToFloat32Rounding() {
        MlpSpec spec = new MlpSpec(3, 7, 3, Activation.SILU, true);
        NeuralOde m = NeuralOde.initialise(List.of("a", "b", "c"), spec, 123.456, 0.5, 17);
        byte[] bytes = EqxCodec.write(EqxModel.fromNeuralOde(m, Map.of("strategy", Map.of("lr", 0.001))));
        EqxModel eqx = EqxCodec.read(bytes, "m.eqx");
        assertEquals("swish", eqx.hyperparameters().get("activation").asText());
        assertEquals(0.001, eqx.headerEntry("strategy").get("lr").asDouble());
        assertTrue(new String(bytes, StandardCharsets.UTF_8).startsWith("{\"hyperparameters\": {\"activation\": "
                + "\"swish\", \"data_size\": 3, \"depth\": 3, \"final_activation\": \"identity\", "
                + "\"observable_indices\": [0, 1, 2], \"out_size\": null, \"rbf\": false, \"state_order\": "
                + "[\"a\", \"b\", \"c\"], \"use_final_bias\": true, \"width_size\": 7}, \"strategy\": {\"lr\": 0.001}}\n"));
        NeuralOde back = eqx.toNeuralOde("m.eqx");
        assertEquals(spec, back.spec());
        assertEquals(m.states(), back.states());
        assertEquals((float) m.tMax(), back.tMax(), 0.0);
        double[] a = m.theta();
        double[] b = back.theta();
        for (int k = 0; k < a.length; k++) {
            assertEquals((float) a[k], b[k], 0.0, "theta[" + k + "]"); // round to nearest float, widened exactly
        }
    }

    private static void assertRefused(Consumer<ObjectNode> edit, String expectedInMessage) throws Exception {
        EqxModel ref = reference();
        ObjectNode header = ref.header();
        edit.accept((ObjectNode) header.get("hyperparameters"));
        EqxModel bad = new EqxModel(header, ref.layers(), ref.maxTime(), ref.observableIndices(),
                ref.hyperparameterRecords());
        InputException e = assertThrows(InputException.class, () -> bad.toNeuralOde(NAME));
        assertTrue(e.getMessage().startsWith(NAME + ": ") && e.getMessage().contains(expectedInMessage),
                e.getMessage());
    }

    @Test
    void refusesUnsupportedVariants() throws Exception {
        assertRefused(h -> h.put("rbf", true), "rbf");
        assertRefused(h -> h.put("activation", "my_custom_fn"), "my_custom_fn");
        assertRefused(h -> h.put("final_activation", "tanh"), "final_activation");
        assertRefused(h -> h.put("out_size", 2), "out_size");
        assertRefused(h -> h.put("reaction_size", 3), "reaction_size"); // a RateFlowODE key
        assertRefused(h -> h.putArray("observable_indices"), "observable_indices");
        assertRefused(h -> h.put("width_size", 5), "36 values");
        assertRefused(h -> h.put("depth", 3), "layer array");
        assertRefused(h -> h.remove("activation"), "activation");
        assertRefused(h -> h.putArray("state_order").add("s1").add("s2"), "state_order");
    }
}
