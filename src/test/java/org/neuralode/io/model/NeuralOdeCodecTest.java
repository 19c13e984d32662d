package org.neuralode.io.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.neuralode.InputException;
import org.neuralode.nn.Activation;
import org.neuralode.nn.MlpSpec;
import org.neuralode.nn.NeuralOde;
import org.neuralode.ode.VectorField;

class NeuralOdeCodecTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final NeuralOde MODEL = NeuralOde.initialise(List.of("p", "s"),
            new MlpSpec(2, 5, 2, Activation.MISH, true), 93.42407989501953 / 3, 1e-3, 4);

    @Test
    void reloadedModelPredictsBitIdentically() {
        byte[] header = NeuralOdeCodec.header(MODEL, Map.of("phase", 2, "strategy", Map.of("lr", 1e-3)));
        NeuralOde back = NeuralOdeCodec.decode(header, ModelDirectory.params(MODEL.theta()), "run/model");
        assertEquals(MODEL, back);
        VectorField.Evaluator a = MODEL.vectorField().newEvaluator();
        VectorField.Evaluator b = back.vectorField().newEvaluator();
        double[] oa = new double[2];
        double[] ob = new double[2];
        for (double t = 0; t < 40; t += 3.7) {
            double[] y = {Math.sin(t) * 100, t * 0.3};
            a.eval(t, y, 0, MODEL.theta(), oa, 0);
            b.eval(t, y, 0, back.theta(), ob, 0);
            assertArrayEquals(oa, ob); // exact: same doubles in, same code
        }
        Map<String, Object> extra = ModelDirectory.extra(header, "run/model");
        assertEquals(2, extra.get("phase"));
        assertEquals(Map.of("lr", 1e-3), extra.get("strategy"));
    }

    @Test
    void headerDescribesTheModel() throws Exception {
        JsonNode h = JSON.readTree(NeuralOdeCodec.header(MODEL, Map.of()));
        assertEquals(NeuralOdeCodec.FORMAT, h.get("format").asText());
        assertEquals(1, h.get("format_version").asInt());
        assertEquals("[\"p\",\"s\"]", h.get("states").toString());
        assertEquals(5, h.get("width").asInt());
        assertEquals(2, h.get("depth").asInt());
        assertEquals("mish", h.get("activation").asText());
        assertTrue(h.get("use_final_bias").asBoolean());
        assertEquals(MODEL.tMax(), h.get("t_max").asDouble(), 0.0);
        assertEquals(MODEL.numParams(), h.get("n_params").asInt());
        assertEquals("[{\"weight\":[5,3],\"bias\":[5]},{\"weight\":[5,5],\"bias\":[5]},{\"weight\":[2,5],\"bias\":[2]}]",
                h.get("layers").toString());
        assertEquals("<f8", h.get("dtype").asText());
        assertEquals(64, h.get("params_sha256").asText().length());
        assertEquals(8 * MODEL.numParams(), ModelDirectory.params(MODEL.theta()).length);
    }

    @Test
    void rbfNetworkRoundTripsWithItsGammaAndCentres() throws Exception {
        NeuralOde rbf = NeuralOde.initialise(List.of("p", "s"), MlpSpec.rbfNetwork(2, 3, 2, false, 0.7), 50.0,
                1e-3, 4);
        byte[] header = NeuralOdeCodec.header(rbf, Map.of());
        JsonNode h = JSON.readTree(header);
        assertEquals("identity", h.get("activation").asText());
        assertEquals("{\"gamma\":0.7}", h.get("rbf").toString());
        assertEquals("[{\"weight\":[3,3],\"bias\":[3],\"centres\":[3]},{\"weight\":[3,3],\"bias\":[3],"
                + "\"centres\":[3]},{\"weight\":[2,3],\"bias\":null}]", h.get("layers").toString());
        assertEquals(rbf, NeuralOdeCodec.decode(header, ModelDirectory.params(rbf.theta()), "m"));
        assertTrue(JSON.readTree(NeuralOdeCodec.header(MODEL, Map.of())).path("rbf").isMissingNode(),
                "no rbf key without RBF layers: older headers stay as they were");
        ObjectNode bad = (ObjectNode) h;
        bad.putObject("rbf").put("gamma", "wide");
        InputException e = assertThrows(InputException.class, () -> NeuralOdeCodec.decode(
                JSON.writeValueAsBytes(bad), ModelDirectory.params(rbf.theta()), "m"));
        assertTrue(e.getMessage().startsWith("m: model.json: rbf must be null or {\"gamma\": g}"), e.getMessage());
        bad.putObject("rbf").put("gamma", -1.0);
        e = assertThrows(InputException.class, () -> NeuralOdeCodec.decode(JSON.writeValueAsBytes(bad),
                ModelDirectory.params(rbf.theta()), "m"));
        assertTrue(e.getMessage().startsWith("m: model.json") && e.getMessage().contains("gamma"), e.getMessage());
    }

    @Test
    void corruptParamsAreRefusedNamingTheFile() {
        byte[] header = NeuralOdeCodec.header(MODEL, Map.of());
        byte[] params = ModelDirectory.params(MODEL.theta());
        InputException shortFile = assertThrows(InputException.class,
                () -> NeuralOdeCodec.decode(header, Arrays.copyOf(params, params.length - 8), "run/model"));
        assertTrue(shortFile.getMessage().startsWith("run/model: params.bin"), shortFile.getMessage());
        InputException viaHeaderPath = assertThrows(InputException.class, () -> NeuralOdeCodec.decode(header,
                Arrays.copyOf(params, 3), "hdfs://nn/run/model/model.json"));
        assertTrue(viaHeaderPath.getMessage().startsWith("hdfs://nn/run/model: params.bin: 3 bytes"),
                viaHeaderPath.getMessage());
        byte[] flipped = params.clone();
        flipped[17] ^= 1;
        InputException sha = assertThrows(InputException.class,
                () -> NeuralOdeCodec.decode(header, flipped, "run/model"));
        assertTrue(sha.getMessage().startsWith("run/model: params.bin") && sha.getMessage().contains("SHA-256"),
                sha.getMessage());
    }

    private static void assertHeaderRefused(Consumer<ObjectNode> edit, String expectedInMessage) throws Exception {
        ObjectNode h = (ObjectNode) JSON.readTree(NeuralOdeCodec.header(MODEL, Map.of()));
        edit.accept(h);
        InputException e = assertThrows(InputException.class,
                () -> NeuralOdeCodec.decode(JSON.writeValueAsBytes(h), ModelDirectory.params(MODEL.theta()), "m"));
        assertTrue(e.getMessage().startsWith("m: model.json") && e.getMessage().contains(expectedInMessage),
                e.getMessage());
    }

    @Test
    void inconsistentHeadersAreRefusedNamingTheFile() throws Exception {
        assertHeaderRefused(h -> h.put("format", "other"), "other");
        assertHeaderRefused(h -> h.put("format_version", 99), "99");
        assertHeaderRefused(h -> h.put("width", 4), "n_params");
        assertHeaderRefused(h -> h.put("n_params", 7), "n_params");
        assertHeaderRefused(h -> h.put("activation", "swoosh"), "swoosh");
        assertHeaderRefused(h -> h.put("dtype", "<f4"), "dtype");
        assertHeaderRefused(h -> h.put("t_max", -1.0), "tMax");
        assertHeaderRefused(h -> h.putArray("states").add("s").add("p"), "sorted");
        assertHeaderRefused(h -> h.remove("depth"), "depth");
        InputException e = assertThrows(InputException.class,
                () -> NeuralOdeCodec.decode("not json".getBytes(), ModelDirectory.params(MODEL.theta()), "m"));
        assertTrue(e.getMessage().startsWith("m: model.json"), e.getMessage());
    }
}
