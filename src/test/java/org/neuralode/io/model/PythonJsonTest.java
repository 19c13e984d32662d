package org.neuralode.io.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class PythonJsonTest {

    private static final ObjectMapper JSON = JsonMapper.builder()
            .enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS).build();

    /** Every line of python_float_repr.txt (made by python_float_repr.py beside it, CPython 3.11). */
    @Test
    void floatReprMatchesCPython() throws Exception {
        int n = 0;
        try (InputStream in = getClass().getResourceAsStream("python_float_repr.txt")) {
            assertNotNull(in, "golden file on the test classpath");
            BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            for (String line = r.readLine(); line != null; line = r.readLine()) {
                String[] parts = line.split(" ");
                double x = Double.longBitsToDouble(Long.parseUnsignedLong(parts[0], 16));
                assertEquals(parts[1], PythonJson.floatRepr(x), "bits " + parts[0]);
                n++;
            }
        }
        assertTrue(n > 700, "read " + n + " golden values");
    }

    @Test
    void dumpsMatchesCPythonJsonDumps() throws Exception {
        // python3 -c "import json; print(json.dumps({'hyperparameters': {'a': [1, 2.5, None, True,
        //   'x\ny\t\"q\"\\\\'], 'b': {}, 'c': [], 'd': -7, 'e': 1e-08, 'f': 12345678901234567890},
        //   'strategy': {'lr': 0.001, 'name': 'caf\u00e9 \U0001F600 \x7f\x01'}}))"
        String python = "{\"hyperparameters\": {\"a\": [1, 2.5, null, true, \"x\\ny\\t\\\"q\\\"\\\\\"], \"b\": {}, "
                + "\"c\": [], \"d\": -7, \"e\": 1e-08, \"f\": 12345678901234567890}, \"strategy\": {\"lr\": 0.001, "
                + "\"name\": \"caf\\u00e9 \\ud83d\\ude00 \\u007f\\u0001\"}}";
        assertEquals(python, PythonJson.dumps(JSON.readTree(python)));
        assertEquals("[NaN, Infinity, -Infinity]", PythonJson.dumps(JSON.readTree("[NaN, Infinity, -Infinity]")));
    }
}
