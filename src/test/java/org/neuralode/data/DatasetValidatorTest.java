package org.neuralode.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.neuralode.InputException;

class DatasetValidatorTest {

    private static Measurement m(String id, double[] time, double[] s, Map<String, Double> inits) {
        return new Measurement(id, null, null, inits, time, Map.of("s", s));
    }

    private static void assertInvalid(Dataset d, String... fragments) {
        InputException e = assertThrows(InputException.class, () -> DatasetValidator.validate(d, "code"));
        assertTrue(e.getMessage().startsWith("code: "), e.getMessage());
        for (String f : fragments) {
            assertTrue(e.getMessage().contains(f), "message lacks '" + f + "': " + e.getMessage());
        }
    }

    @Test
    void acceptsAValidDatasetWithMissingPointsAndConstants() {
        DatasetValidator.validate(Dataset.of("d", "d", null, List.of(m("a", new double[] {0, 1},
                new double[] {Double.NaN, 1}, Map.of("s", 1.0, "k", 2.0)))), "code");
    }

    @Test
    void rejectsEachViolationNamingMeasurementKeyAndValue() {
        double[] t2 = {0, 1};
        double[] v2 = {1, 2};
        Map<String, Double> ok = Map.of("s", 1.0);
        assertInvalid(Dataset.of("d", "d", null, List.of()), "no measurements");
        assertInvalid(Dataset.of("d", "d", null, List.of(m("a", t2, v2, ok), m("a", t2, v2, ok))),
                "'a'", "more than once");
        assertInvalid(Dataset.of("d", "d", null, List.of(m("a", new double[] {0, 0}, v2, ok))),
                "measurement 'a'", "'time'[1] = 0.0 duplicates");
        assertInvalid(Dataset.of("d", "d", null, List.of(m("a", new double[] {1, 0}, v2, ok))), "is less than");
        assertInvalid(Dataset.of("d", "d", null, List.of(m("a", new double[] {0, Double.NaN}, v2, ok))),
                "'time'[1] is NaN");
        assertInvalid(Dataset.of("d", "d", null, List.of(m("a", t2, new double[] {1}, ok))),
                "series 's' has 1 values but 'time' has 2");
        assertInvalid(Dataset.of("d", "d", null, List.of(m("a", t2, new double[] {1, Double.NEGATIVE_INFINITY}, ok))),
                "'s'[1]", "infinite (-Infinity)");
        assertInvalid(Dataset.of("d", "d", null, List.of(m("a", t2, v2, Map.of("k", 1.0)))),
                "state 's' has data but no initial condition");
        assertInvalid(Dataset.of("d", "d", null, List.of(m("a", t2, v2, Map.of("s", Double.NaN)))),
                "initial condition 's' is NaN");
        assertInvalid(new Dataset("d", "d", null, List.of("t", "s"), List.of(m("a", t2, v2, ok))),
                "must be sorted");
        assertInvalid(new Dataset("d", "d", null, List.of("x"), List.of(m("a", t2, v2, ok))),
                "state 's' is not one of the dataset states");
    }

    @Test
    void hashesMatchKnownDigests() {
        assertEquals("d41d8cd98f00b204e9800998ecf8427e", Hashes.md5(new byte[0]));
        assertEquals("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad",
                Hashes.sha256("abc".getBytes(StandardCharsets.US_ASCII)));
    }
}
