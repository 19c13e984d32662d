package org.neuralode.io.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.neuralode.InputException;

class EqxCodecTest {

    private static final String NAME = "menten_trained.eqx";

    static byte[] reference() throws Exception {
        return Files.readAllBytes(ReferenceFiles.catalax(NAME));
    }

    @Test
    void roundTripIsByteIdentical() throws Exception {
        byte[] bytes = reference();
        assertArrayEquals(bytes, EqxCodec.write(EqxCodec.read(bytes, NAME)));
    }

    @Test
    void splitsTheReferenceRecordsByRole() throws Exception {
        EqxModel m = EqxCodec.read(reference(), NAME);
        assertEquals("{\"activation\":\"celu\",\"data_size\":1,\"depth\":2,\"final_activation\":\"identity\","
                + "\"observable_indices\":[0],\"out_size\":null,\"rbf\":false,\"state_order\":[\"s1\"],"
                + "\"use_final_bias\":false,\"width_size\":4}", m.hyperparameters().toString());
        int[][] shapes = {{4, 2}, {4}, {4, 4}, {4}, {1, 4}};
        assertEquals(shapes.length, m.layers().size());
        for (int i = 0; i < shapes.length; i++) {
            assertArrayEquals(shapes[i], m.layers().get(i).shape());
            assertEquals(NpyDtype.F4, m.layers().get(i).dtype());
        }
        assertEquals(NpyDtype.F4, m.maxTime().dtype());
        assertEquals(93.42407989501953, m.maxTime().getDouble(0), 0.0); // NumPy: float(arrs[5])
        assertEquals(1, m.observableIndices().size());
        assertEquals(0L, m.observableIndices().get(0).getLong(0));
        // data_size 1, depth 2, observable index 0, rbf False, use_final_bias False, width_size 4
        long[] values = {1, 2, 0, 0, 0, 4};
        NpyDtype[] types = {NpyDtype.I8, NpyDtype.I8, NpyDtype.I8, NpyDtype.B1, NpyDtype.B1, NpyDtype.I8};
        assertEquals(values.length, m.hyperparameterRecords().size());
        for (int i = 0; i < values.length; i++) {
            assertEquals(types[i], m.hyperparameterRecords().get(i).dtype(), "record " + i);
            assertEquals(values[i], m.hyperparameterRecords().get(i).getLong(0), "record " + i);
        }
    }

    @Test
    void truncatedFilesNameTheFile() throws Exception {
        byte[] bytes = reference();
        for (int cut : new int[] {0, 100, 229, 240, 300, 380, 1200, bytes.length - 1}) {
            byte[] part = Arrays.copyOf(bytes, cut);
            InputException e = assertThrows(InputException.class, () -> EqxCodec.read(part, NAME), "cut " + cut);
            assertTrue(e.getMessage().startsWith(NAME), e.getMessage());
        }
    }

    @Test
    void badMagicNamesTheRecord() throws Exception {
        byte[] bytes = reference();
        int second = indexOf(bytes, "NUMPY", indexOf(bytes, "NUMPY", 0) + 1) - 1;
        bytes[second + 2] = 'X';
        InputException e = assertThrows(InputException.class, () -> EqxCodec.read(bytes, NAME));
        assertTrue(e.getMessage().startsWith(NAME + ": record 1") && e.getMessage().contains("magic"),
                e.getMessage());
    }

    @Test
    void rejectsBadHeaderLinesAndDtypes() throws Exception {
        byte[] bytes = reference();
        int nl = indexOf(bytes, "\n", 0);
        byte[] notJson = bytes.clone();
        notJson[0] = 'x';
        assertThrows(InputException.class, () -> EqxCodec.read(notJson, NAME));
        byte[] noHyper = concat("{\"hyper\": {}}".getBytes(StandardCharsets.UTF_8), Arrays.copyOfRange(bytes, nl, bytes.length));
        assertThrows(InputException.class, () -> EqxCodec.read(noHyper, NAME));
        byte[] half = replace(bytes, "'<f4'", "'<f2'");
        InputException e = assertThrows(InputException.class, () -> EqxCodec.read(half, NAME));
        assertTrue(e.getMessage().contains("<f2"), e.getMessage());
    }

    @Test
    void rejectsRecordsThatDisagreeWithTheHyperparameters() throws Exception {
        // width_size 4 -> 5 in the JSON only: the trailing width_size record (4) no longer matches
        byte[] bytes = replace(reference(), "\"width_size\": 4", "\"width_size\": 5");
        InputException e = assertThrows(InputException.class, () -> EqxCodec.read(bytes, NAME));
        assertTrue(e.getMessage().startsWith(NAME) && e.getMessage().contains("record 12"), e.getMessage());
    }

    @Test
    void wrongLayerShapesAreRefusedOnConversion() throws Exception {
        // swap the first weight's shape to (2, 4): same byte count, so it reads, but it does not fit S=1, width 4
        byte[] bytes = replace(reference(), "(4, 2)", "(2, 4)");
        EqxModel m = EqxCodec.read(bytes, NAME);
        InputException e = assertThrows(InputException.class, () -> m.toNeuralOde(NAME));
        assertTrue(e.getMessage().startsWith(NAME) && e.getMessage().contains("[4, 2]"), e.getMessage());
    }

    static int indexOf(byte[] bytes, String s, int from) {
        byte[] needle = s.getBytes(StandardCharsets.ISO_8859_1);
        outer:
        for (int i = from; i <= bytes.length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (bytes[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    /** Replaces the first occurrence of {@code from} by {@code to} (same length). */
    static byte[] replace(byte[] bytes, String from, String to) {
        int i = indexOf(bytes, from, 0);
        assertTrue(i >= 0 && from.length() == to.length(), from);
        byte[] out = bytes.clone();
        System.arraycopy(to.getBytes(StandardCharsets.ISO_8859_1), 0, out, i, to.length());
        return out;
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
