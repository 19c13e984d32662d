package org.neuralode.io.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.neuralode.InputException;
import org.neuralode.nn.MlpInit;
import org.neuralode.nn.MlpSpec;
import org.neuralode.nn.NeuralOde;

/**
 * {@code .eqx} files of Catalax's RBF networks. No RBF file written by Catalax is available (its repository
 * ships only {@code menten_trained.eqx}, a celu network), so {@link #catalaxLayout} builds one byte by byte
 * from Catalax's code: {@code NeuralBase.save_to_eqx} writes the JSON line ({@code rbf: true} and, since
 * Catalax cannot name the identity that {@code MLP._mutate_to_rbf} puts in place of the activation, no
 * {@code activation}), then equinox's {@code tree_serialise_leaves}: per hidden layer the Linear's weight and
 * bias and the {@code RBFLayer}'s {@code mu} (float32) and {@code gamma} (a Python float: 0-d float64), the
 * last Linear, {@code max_time}, the observable indices and the hyperparameters' numeric leaves.
 */
class EqxRbfTest {

    private static final String NAME = "rbf.eqx";

    private static byte[] npy(String descr, long[] shape, ByteBuffer data) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(NpyHeader.encode(descr, shape));
        out.writeBytes(data.array());
        return out.toByteArray();
    }

    private static byte[] f4(long[] shape, float... v) {
        ByteBuffer b = ByteBuffer.allocate(4 * v.length).order(ByteOrder.LITTLE_ENDIAN);
        for (float x : v) {
            b.putFloat(x);
        }
        return npy("<f4", shape, b);
    }

    private static byte[] f8(double v) {
        return npy("<f8", new long[0], ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putDouble(v));
    }

    private static byte[] i8(long v) {
        return npy("<i8", new long[0], ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(v));
    }

    private static byte[] b1(boolean v) {
        return npy("|b1", new long[0], ByteBuffer.wrap(new byte[] {(byte) (v ? 1 : 0)}));
    }

    /**
     * S=1, width 2, depth 1, gamma 0.5, max_time 10: W0 = [[0.5, -1], [2, 0.25]], b0 = [0.125, -0.25],
     * mu0 = [0.375, -0.5], W1 = [[3, -4]] (all exact in float32).
     */
    static byte[] catalaxLayout() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(("{\"hyperparameters\": {\"data_size\": 1, \"depth\": 1, \"final_activation\": \"identity\", "
                + "\"observable_indices\": [0], \"out_size\": null, \"rbf\": true, \"state_order\": [\"s1\"], "
                + "\"use_final_bias\": false, \"width_size\": 2}}\n").getBytes(StandardCharsets.UTF_8));
        out.writeBytes(f4(new long[] {2, 2}, 0.5f, -1f, 2f, 0.25f));
        out.writeBytes(f4(new long[] {2}, 0.125f, -0.25f));
        out.writeBytes(f4(new long[] {2}, 0.375f, -0.5f));
        out.writeBytes(f8(0.5));
        out.writeBytes(f4(new long[] {1, 2}, 3f, -4f));
        out.writeBytes(f4(new long[0], 10f)); // max_time
        out.writeBytes(i8(0)); // observable_indices
        // hyperparameter leaves, sorted keys: data_size, depth, observable_indices, rbf, use_final_bias, width_size
        for (byte[] r : List.of(i8(1), i8(1), i8(0), b1(true), b1(false), i8(2))) {
            out.writeBytes(r);
        }
        return out.toByteArray();
    }

    @Test
    void catalaxStyleFileEvaluatesAsHandComputedAndWritesBackIdentically() {
        byte[] bytes = catalaxLayout();
        NeuralOde m = EqxCodec.read(bytes, NAME).toNeuralOde(NAME);
        assertEquals(MlpSpec.rbfNetwork(1, 2, 1, false, 0.5), m.spec());
        assertArrayEquals(new double[] {0.5, -1, 2, 0.25, 0.125, -0.25, 0.375, -0.5, 3, -4}, m.theta(), 0.0);
        // t = 5, y = 0.4: input [0.4, 0.5], z = [-0.175, 0.675], a = exp(-0.5 (z - mu)^2),
        // f = 3 exp(-0.5 * 0.55^2) - 4 exp(-0.5 * 1.175^2) = 0.57322088667586490783... (mpmath, 30 digits)
        double hand = 3 * Math.exp(-0.5 * 0.55 * 0.55) - 4 * Math.exp(-0.5 * 1.175 * 1.175);
        double[] out = new double[1];
        m.vectorField().newEvaluator().eval(5.0, new double[] {0.4}, 0, m.theta(), out, 0);
        assertEquals(0.5732208866758649, out[0], 1e-15);
        assertEquals(hand, out[0], 1e-15);
        assertArrayEquals(bytes, EqxCodec.write(EqxModel.fromNeuralOde(m)));
    }

    @Test
    void exportImportExportIsByteIdentical() {
        MlpSpec spec = MlpSpec.rbfNetwork(2, 5, 3, true, 0.3);
        double[] theta = MlpInit.init(spec, 0.5, 8);
        for (int k = 0; k < theta.length; k++) {
            theta[k] += 1e-3 * Math.sin(k + 1.0); // not float32 values
        }
        NeuralOde m = new NeuralOde(List.of("a", "b"), spec, 12.345, theta);
        byte[] first = EqxCodec.write(EqxModel.fromNeuralOde(m, Map.of("strategy", Map.of("lr", 0.01))));
        EqxModel eqx = EqxCodec.read(first, NAME);
        assertFalse(eqx.hyperparameters().has("activation"), "Catalax writes no activation for RBF networks");
        assertTrue(eqx.hyperparameters().get("rbf").booleanValue());
        assertEquals(4 * 3 + 1 + 1, eqx.layers().size(), "W, b, mu, gamma per hidden layer; W, b last");
        NeuralOde back = eqx.toNeuralOde(NAME);
        assertEquals(spec, back.spec());
        for (int k = 0; k < theta.length; k++) {
            assertEquals((float) theta[k], back.theta()[k], 0.0, "theta[" + k + "]");
        }
        assertArrayEquals(first, EqxCodec.write(EqxModel.fromNeuralOde(back, Map.of("strategy", Map.of("lr", 0.01)))));
    }

    /** The Catalax-layout file with its header or layer records edited; must be refused naming the file. */
    private static void assertRefused(Consumer<ObjectNode> header, Consumer<List<NpyArray>> layers,
                                      String expectedInMessage) {
        EqxModel ref = EqxCodec.read(catalaxLayout(), NAME);
        ObjectNode h = ref.header();
        header.accept((ObjectNode) h.get("hyperparameters"));
        List<NpyArray> l = new ArrayList<>(ref.layers());
        layers.accept(l);
        EqxModel bad = new EqxModel(h, l, ref.maxTime(), ref.observableIndices(), ref.hyperparameterRecords());
        InputException e = assertThrows(InputException.class, () -> bad.toNeuralOde(NAME));
        assertTrue(e.getMessage().startsWith(NAME + ": ") && e.getMessage().contains(expectedInMessage),
                e.getMessage());
    }

    @Test
    void malformedRbfFilesAreRefusedNamingTheProblem() {
        assertRefused(h -> h.put("activation", "tanh"), l -> { }, "activation");
        assertRefused(h -> h.put("rbf", "yes"), l -> { }, "rbf must be true or false");
        assertRefused(h -> h.put("depth", 0), l -> { }, "depth 0");
        assertRefused(h -> { }, l -> l.set(3, NpyArray.scalarFloat64(-1.0)), "gamma must be finite and > 0");
        assertRefused(h -> { }, l -> l.set(3, NpyArray.scalarInt64(1)), "layer array 3");
        assertRefused(h -> { }, l -> l.remove(3), "layer array 3");
        assertRefused(h -> { }, l -> l.remove(2), "values");
        assertRefused(h -> h.put("rbf", false).put("activation", "tanh"), l -> { }, "values");
        assertRefused(h -> h.put("width_size", 1_000_000), l -> { }, "values");
    }

    @Test
    void rbfLayersWithDifferentGammasAreRefused() {
        MlpSpec spec = MlpSpec.rbfNetwork(1, 2, 2, false, 0.5);
        NeuralOde m = new NeuralOde(List.of("s"), spec, 1.0, new double[spec.numParams()]);
        EqxModel eqx = EqxModel.fromNeuralOde(m);
        List<NpyArray> l = new ArrayList<>(eqx.layers());
        l.set(7, NpyArray.scalarFloat64(0.25)); // the second RBF layer's gamma
        EqxModel bad = new EqxModel(eqx.header(), l, eqx.maxTime(), eqx.observableIndices(),
                eqx.hyperparameterRecords());
        InputException e = assertThrows(InputException.class, () -> bad.toNeuralOde(NAME));
        assertTrue(e.getMessage().contains("[0.5, 0.25]"), e.getMessage());
    }
}
