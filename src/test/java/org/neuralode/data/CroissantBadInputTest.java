package org.neuralode.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.neuralode.data.TestArchives.assertRejected;
import static org.neuralode.data.TestArchives.centralRecord;
import static org.neuralode.data.TestArchives.dataStart;
import static org.neuralode.data.TestArchives.putU32;
import static org.neuralode.data.TestArchives.editJson;
import static org.neuralode.data.TestArchives.putText;
import static org.neuralode.data.TestArchives.replaceJsonl;
import static org.neuralode.data.TestArchives.tinyEntries;
import static org.neuralode.data.TestArchives.zip;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/** One test per kind of bad upload: each must be an InputException naming the archive and the culprit. */
class CroissantBadInputTest {

    private static final String M1 = "m1.jsonl";
    private static final String LINE1 = "{\"s1\": 1.0, \"time\": 0.0}\n";
    private static final String LINE3 = "\n{\"s1\": 3.0, \"time\": 2.0}";

    /** m1.jsonl with line 2 replaced (md5 updated, so only the line is at fault). */
    private static byte[] withLine2(String line2) {
        Map<String, byte[]> e = tinyEntries();
        replaceJsonl(e, M1, LINE1 + line2 + LINE3);
        return zip(e, false);
    }

    private static byte[] withTree(Consumer<ObjectNode> edit) throws IOException {
        Map<String, byte[]> e = tinyEntries();
        ObjectMapper mapper = new ObjectMapper();
        ObjectNode root = (ObjectNode) mapper.readTree(e.get("croissant.json"));
        edit.accept(root);
        e.put("croissant.json", mapper.writeValueAsBytes(root));
        return zip(e, true);
    }

    @Test
    void notAZip() {
        assertRejected("hello, world".getBytes(StandardCharsets.US_ASCII), "not a ZIP archive", "68 65 6c 6c");
        assertRejected(new byte[0], "not a ZIP archive", "empty file");
    }

    @Test
    void truncatedZip() {
        byte[] good = zip(tinyEntries(), true);
        assertRejected(Arrays.copyOf(good, good.length / 2), "truncated", "end-of-central-directory");
    }

    @Test
    void corruptDeflatedData() {
        byte[] z = zip(tinyEntries(), true);
        int data = dataStart(z, M1);
        for (int i = 0; i < 6; i++) {
            z[data + i] = (byte) 0xff;
        }
        assertRejected(z, "corrupt", "entry 'm1.jsonl'");
    }

    @Test
    void crcMismatch() {
        byte[] z = zip(tinyEntries(), false);
        z[dataStart(z, M1) + 8] ^= 0x02; // "1.0" -> "3.0": still valid JSON, wrong CRC
        assertRejected(z, "CRC-32 mismatch", "entry 'm1.jsonl'");
    }

    @Test
    void noCroissantJson() {
        Map<String, byte[]> e = tinyEntries();
        e.remove("croissant.json");
        assertRejected(zip(e, true), "no croissant.json", "m1.jsonl");
        Map<String, byte[]> nested = new LinkedHashMap<>();
        tinyEntries().forEach((k, v) -> nested.put("tiny/" + k, v));
        assertRejected(zip(nested, true), "no croissant.json", "found 'tiny/croissant.json'");
    }

    @Test
    void invalidJson() {
        Map<String, byte[]> e = tinyEntries();
        putText(e, "croissant.json", "{\n  \"name\": \"x\",,\n}");
        assertRejected(zip(e, true), "entry 'croissant.json'", "invalid JSON at line 2");
    }

    @Test
    void jsonlLineThatIsNotJson() {
        assertRejected(withLine2("{\"s1\": 2.0, \"time\": 1.0"), "entry 'm1.jsonl' line 2", "not valid JSON",
                "{\"s1\": 2.0, \"time\": 1.0");
        assertRejected(withLine2("[2.0, 1.0]"), "entry 'm1.jsonl' line 2", "not a JSON object", "[2.0, 1.0]");
        assertRejected(withLine2("{\"s1\": 1.0, \"s1\": 2.0, \"time\": 1.0}"), "line 2", "Duplicate field 's1'");
    }

    @Test
    void unknownKeyOnALine() {
        assertRejected(withLine2("{\"S1\": 2.0, \"time\": 1.0}"), "line 2", "key 'S1' is not a declared field");
    }

    @Test
    void listedDataFileMissing() {
        Map<String, byte[]> e = tinyEntries();
        e.remove("m2.jsonl");
        assertRejected(zip(e, true), "data file 'm2.jsonl'", "m2_data", "missing from the archive");
    }

    @Test
    void md5Mismatch() {
        Map<String, byte[]> e = tinyEntries();
        String declared = Hashes.md5(e.get(M1));
        putText(e, M1, LINE1 + "{\"s1\": 2.5, \"time\": 1.0}" + LINE3);
        assertRejected(zip(e, true), "entry 'm1.jsonl'", "md5", declared);
    }

    @Test
    void measurementWithoutInitialConditions() throws IOException {
        byte[] z = withTree(root -> ((ArrayNode) root.get("recordSet")).remove(1)); // [m1, m1/inits, m2, ...]
        assertRejected(z, "measurement 'm1'", "no initial conditions", "m1/inits");
    }

    @Test
    void initialConditionsWithoutMeasurement() throws IOException {
        byte[] z = withTree(root -> ((ArrayNode) root.get("recordSet")).remove(0));
        assertRejected(z, "'m1/inits'", "no measurement record set 'm1'");
    }

    @Test
    void stateWithDataButNoInitialCondition() {
        Map<String, byte[]> e = tinyEntries();
        editJson(e, "\"m1/inits/s1\": 1.0", "\"m1/inits/k\": 1.0");
        assertRejected(zip(e, true), "measurement 'm1'", "state 's1'", "no initial condition", "m1.jsonl");
    }

    @Test
    void nonNumericInitialCondition() {
        Map<String, byte[]> e = tinyEntries();
        editJson(e, "\"m1/inits/s1\": 1.0", "\"m1/inits/s1\": \"one\"");
        assertRejected(zip(e, true), "recordSet[1] ('m1/inits')", "'m1/inits/s1' is not a number", "\"one\"");
    }

    @Test
    void timeMissing() {
        assertRejected(withLine2("{\"s1\": 2.0}"), "entry 'm1.jsonl' line 2", "'time' is missing");
        assertRejected(withLine2("{\"s1\": 2.0, \"time\": null}"), "line 2", "'time' is null or NaN");
    }

    @Test
    void timeNotFinite() {
        assertRejected(withLine2("{\"s1\": 2.0, \"time\": Infinity}"), "line 2", "'time' is infinite (Infinity)");
        assertRejected(withLine2("{\"s1\": 2.0, \"time\": NaN}"), "line 2", "'time' is null or NaN");
    }

    @Test
    void timeNotStrictlyIncreasing() {
        assertRejected(withLine2("{\"s1\": 2.0, \"time\": -0.5}"), "entry 'm1.jsonl' line 2",
                "'time' -0.5 is less than 0.0 on line 1");
    }

    @Test
    void timeDuplicated() {
        assertRejected(withLine2("{\"s1\": 2.0, \"time\": 0.0}"), "entry 'm1.jsonl' line 2",
                "'time' 0.0 duplicates line 1");
    }

    @Test
    void nonNumericValues() {
        assertRejected(withLine2("{\"s1\": \"abc\", \"time\": 1.0}"), "line 2", "'s1' is not a number (\"abc\")");
        assertRejected(withLine2("{\"s1\": true, \"time\": 1.0}"), "line 2", "'s1' is not a number (true)");
        assertRejected(withLine2("{\"s1\": [2.0], \"time\": 1.0}"), "line 2", "'s1' is not a number (an array)");
    }

    @Test
    void infiniteValues() {
        assertRejected(withLine2("{\"s1\": -Infinity, \"time\": 1.0}"), "line 2", "'s1' is infinite (-Infinity)");
        assertRejected(withLine2("{\"s1\": 1e999, \"time\": 1.0}"), "line 2", "'s1' is infinite (1e999)");
    }

    @Test
    void missingValuesAreNaN() {
        Map<String, byte[]> e = tinyEntries();
        replaceJsonl(e, M1, "{\"s1\": null, \"time\": 0.0}\n{\"time\": 1.0}\n\n{\"s1\": NaN, \"time\": 2.0}\n");
        Measurement m1 = CroissantReader.read(zip(e, true), "ok.zip").measurements().get(0);
        for (double v : m1.data().get("s1")) {
            assertTrue(Double.isNaN(v));
        }
        assertEquals(3, m1.length());
    }

    @Test
    void initialConditionsAsOneElementList() {
        Map<String, byte[]> e = tinyEntries();
        editJson(e, "\"data\": {\n        \"m1/inits/s1\": 1.0\n      }",
                "\"data\": [{\"m1/inits/s1\": 1.5}]");
        assertEquals(1.5, CroissantReader.read(zip(e, true), "ok.zip").measurements().get(0)
                .initialConditions().get("s1"));
    }

    @Test
    void emptyDataset() throws IOException {
        byte[] z = withTree(root -> {
            root.remove("recordSet");
            root.remove("distribution");
        });
        assertRejected(z, "no measurement record sets", "empty dataset");
    }

    @Test
    void entryNamesEscapingTheArchive() {
        for (String[] bad : new String[][] {{"../evil.txt", "escapes the archive"},
                {"/etc/evil.txt", "absolute path"}, {"C:/evil.txt", "absolute path"},
                {"dir\\evil.txt", "backslash"}}) {
            Map<String, byte[]> e = tinyEntries();
            e.put(bad[0], new byte[] {1});
            assertRejected(zip(e, true), "entry '" + bad[0] + "'", bad[1]);
        }
    }

    @Test
    void contentUrlEscapingTheArchive() {
        for (String[] bad : new String[][] {{"../m1.jsonl", "escapes the archive"},
                {"/m1.jsonl", "absolute path"}, {"sub\\m1.jsonl", "backslash"}}) {
            Map<String, byte[]> e = tinyEntries();
            editJson(e, "\"contentUrl\": \"m1.jsonl\"", "\"contentUrl\": \"" + bad[0].replace("\\", "\\\\") + "\"");
            assertRejected(zip(e, true), "contentUrl of file object 'm1_data'", bad[0], bad[1]);
        }
    }

    @Test
    void tooManyEntries() {
        Map<String, byte[]> e = new LinkedHashMap<>();
        for (int i = 0; i <= ZipArchive.MAX_ENTRIES; i++) {
            e.put("e" + i, new byte[0]);
        }
        assertRejected(zip(e, false), "100001 entries", "at most 100000");
    }

    @Test
    void entryOverTheSizeLimit() {
        byte[] z = zip(tinyEntries(), false);
        int cd = centralRecord(z, "croissant.json");
        putU32(z, cd + 20, 600L << 20);
        putU32(z, cd + 24, 600L << 20);
        assertRejected(z, "entry 'croissant.json'", "exceeds the limit", "512 MiB");
    }

    @Test
    void compressionRatioOverTheLimit() {
        Map<String, byte[]> e = tinyEntries();
        putText(e, "croissant.json", TestArchives.text(e, "croissant.json") + " ".repeat(1 << 20));
        assertRejected(zip(e, true), "entry 'croissant.json'", "compression ratio", "limit of 200");
    }

    @Test
    void headerSizesAreNotTrusted() {
        byte[] z = zip(tinyEntries(), true);
        putU32(z, centralRecord(z, "croissant.json") + 24, 100); // declares 100 bytes, inflates to ~4 kB
        assertRejected(z, "entry 'croissant.json'", "more than the 100 bytes");
    }

}
