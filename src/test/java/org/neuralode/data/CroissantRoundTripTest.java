package org.neuralode.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.junit.jupiter.api.Test;
import org.neuralode.InputException;

/** Reading Catalax's reference archive and writing it back in exactly Catalax's layout. */
class CroissantRoundTripTest {

    @Test
    void referenceDatasetHasCatalaxShape() {
        CroissantFile file = ReferenceData.croissant();
        Dataset d = file.dataset();
        assertEquals(120, d.size());
        assertEquals(List.of("s1"), d.states());
        assertEquals("Simple menten model", d.name());
        for (Measurement m : d.measurements()) {
            assertEquals(20, m.length());
            assertEquals(0.0, m.time()[0]);
            assertEquals(100.0, m.time()[19]);
            assertEquals(List.of("s1"), List.copyOf(m.data().keySet()));
            assertTrue(m.initialConditions().containsKey("s1"));
            assertNull(m.name(), "a name equal to the id is Catalax's default, read as no name");
        }
        Measurement first = d.measurements().get(0);
        assertEquals("7a470e1a-1634-4d5e-951d-1fd859706a2f", first.id());
        assertEquals(299.6349182128906, first.initialConditions().get("s1"));
        assertEquals(272.3430480957031, first.data().get("s1")[1]);
        assertEquals(5.263157844543457, first.time()[1]);
        CroissantMetadata meta = file.metadata();
        assertEquals("cite me!", meta.citeAs());
        assertEquals("2025-08-09 02:23:35.770892", meta.datePublished());
        assertEquals("CC BY-SA 4.0", meta.license());
        assertEquals("1.0.0", meta.version());
        assertNull(meta.description());
    }

    @Test
    void writingTheReferenceWithItsMetadataReproducesEveryEntryByteForByte() throws IOException {
        byte[] original = ReferenceData.bytes("croissant_dataset.zip");
        CroissantFile file = CroissantReader.readFile(original, "croissant_dataset.zip");
        byte[] written = CroissantWriter.write(file.dataset(), file.metadata());
        Map<String, byte[]> before = entries(original);
        Map<String, byte[]> after = entries(written);
        assertEquals(new ArrayList<>(before.keySet()), new ArrayList<>(after.keySet()), "entry names and order");
        for (String name : before.keySet()) {
            assertEquals(new String(before.get(name), StandardCharsets.UTF_8),
                    new String(after.get(name), StandardCharsets.UTF_8), name);
        }
    }

    @Test
    void writtenArchiveReadsBackToTheSameDataAndIsStored() throws IOException {
        Dataset d = ReferenceData.croissant().dataset();
        byte[] zip = CroissantWriter.write(d);
        assertAllStored(zip);
        Dataset back = CroissantReader.read(zip, "written.zip");
        DatasetAssertions.assertSameData(d, back);
        CroissantMetadata defaults = CroissantReader.readFile(zip, "written.zip").metadata();
        assertEquals("Simple menten model", defaults.citeAs());
        assertEquals("CC BY-SA 4.0", defaults.license());
        assertEquals("1.0.0", defaults.version());
        assertTrue(defaults.datePublished().matches("\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d(\\.\\d{6})?"),
                defaults.datePublished());
    }

    @Test
    void writtenCroissantJsonIsStructurallyEqualToTheReference() throws IOException {
        byte[] original = ReferenceData.bytes("croissant_dataset.zip");
        CroissantFile file = CroissantReader.readFile(original, "ref.zip");
        CroissantMetadata other = new CroissantMetadata(file.metadata().name(), null, "x", "2020-01-01 00:00:00",
                CroissantMetadata.DEFAULT_LICENSE, CroissantMetadata.DEFAULT_VERSION);
        ObjectMapper json = new ObjectMapper();
        JsonNode ref = json.readTree(entries(original).get("croissant.json"));
        JsonNode out = json.readTree(entries(CroissantWriter.write(file.dataset(), other)).get("croissant.json"));
        assertEquals(ref.get("@context"), out.get("@context"));
        assertEquals(ref.get("distribution"), out.get("distribution"), "file objects and md5s");
        assertEquals(ref.get("recordSet"), out.get("recordSet"), "record sets, fields and initial conditions");
        assertEquals("x", out.get("citeAs").asText());
    }

    @Test
    void missingPointsAreOmittedKeysAndMeasurementsMayDifferInLength() {
        Map<String, double[]> a = new LinkedHashMap<>();
        a.put("a", new double[] {1.0, Double.NaN, 3.0});
        a.put("b", new double[] {Double.NaN, 0.5, 1e-5});
        Measurement m1 = new Measurement("m1", "first", "my description", Map.of("a", 1.0, "b", 2.0),
                new double[] {0.0, 0.1, 1e16}, a);
        Measurement m2 = new Measurement("m2", null, null, Map.of("a", 5.0, "b", 6.0, "k", 7.0),
                new double[] {0.0}, Map.of("a", new double[] {5.0}));
        Dataset d = Dataset.of("d", "tiny", "about it", List.of(m1, m2));
        assertEquals("{\"a\": 1.0, \"time\": 0.0}\n{\"b\": 0.5, \"time\": 0.1}\n"
                + "{\"a\": 3.0, \"b\": 1e-05, \"time\": 1e+16}", CroissantWriter.jsonl(m1));
        CroissantFile back = CroissantReader.readFile(CroissantWriter.write(d), "tiny.zip");
        DatasetAssertions.assertSameData(d, back.dataset());
        assertEquals("first", back.dataset().measurements().get(0).name());
        assertEquals("my description", back.dataset().measurements().get(0).description());
        assertEquals("about it", back.metadata().description());
        assertEquals(7.0, back.dataset().measurements().get(1).initialConditions().get("k"));
    }

    @Test
    void writerIsDeterministicAndRejectsWhatTheReaderWould() {
        Dataset d = TestArchives.tiny();
        assertArrayEquals(CroissantWriter.write(d, TestArchives.META), CroissantWriter.write(d, TestArchives.META));
        Measurement slash = new Measurement("a/b", null, null, Map.of("s1", 1.0), new double[] {0},
                Map.of("s1", new double[] {1}));
        InputException e = assertThrows(InputException.class,
                () -> CroissantWriter.write(Dataset.of("d", "d", null, List.of(slash))));
        assertTrue(e.getMessage().contains("'a/b'"), e.getMessage());
        Measurement inf = new Measurement("m", null, null, Map.of("s1", 1.0), new double[] {0},
                Map.of("s1", new double[] {Double.POSITIVE_INFINITY}));
        assertThrows(InputException.class, () -> CroissantWriter.write(Dataset.of("d", "d", null, List.of(inf))));
    }

    static Map<String, byte[]> entries(byte[] zip) throws IOException {
        Map<String, byte[]> out = new LinkedHashMap<>();
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip))) {
            for (ZipEntry e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
                out.put(e.getName(), in.readAllBytes());
            }
        }
        return out;
    }

    private static void assertAllStored(byte[] zip) throws IOException {
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip))) {
            int n = 0;
            for (ZipEntry e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
                assertEquals(ZipEntry.STORED, e.getMethod(), e.getName());
                n++;
            }
            assertEquals(121, n);
        }
    }
}
