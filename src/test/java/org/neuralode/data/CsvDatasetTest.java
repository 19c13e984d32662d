package org.neuralode.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.neuralode.InputException;

/** Catalax's CSV pair: the reference files, round trips and bad input. */
class CsvDatasetTest {

    private static final String HEADER = "s1,time,measurementId\n";
    private static final String INITS = "measurementId,s1\na,1.0\nb,2.0\n";

    private static Dataset reference() {
        return CsvDatasetReader.read(ReferenceData.bytes("measurements.csv"), ReferenceData.bytes("inits.csv"),
                "reference");
    }

    @Test
    void referencePairReadsAs120By20() {
        Dataset d = reference();
        assertEquals(120, d.size());
        assertEquals(List.of("s1"), d.states());
        Measurement first = d.measurements().get(0);
        assertEquals("b1321b77-6010-4613-a57c-f891f9a258c4", first.id());
        assertEquals(299.3998718261719, first.initialConditions().get("s1"));
        assertEquals(299.39987, first.data().get("s1")[0]);
        for (Measurement m : d.measurements()) {
            assertEquals(20, m.length());
            assertEquals(0.0, m.time()[0]);
            assertEquals(100.0, m.time()[19]);
        }
    }

    /**
     * The reference CSV pair and the reference Croissant archive are different simulations (their ids are
     * disjoint), so they are compared where they must agree: the pandas file holds float32 values printed
     * with float32 repr, so CSV times and initial values rounded to float32 must equal the Croissant ones
     * (float64 renderings of float32 values) exactly, and every CSV initial value must equal its first data
     * point within float32 rounding.
     */
    @Test
    void referencePairAgreesWithTheCroissantArchiveWithinFloat32Rounding() {
        Dataset csv = reference();
        Dataset croissant = ReferenceData.croissant().dataset();
        double[] gridCsv = csv.measurements().get(0).time();
        double[] gridCroissant = croissant.measurements().get(0).time();
        for (int t = 0; t < gridCsv.length; t++) {
            assertEquals((float) gridCroissant[t], (float) gridCsv[t], "time point " + t);
            assertEquals(gridCroissant[t], (double) (float) gridCsv[t], "time point " + t);
        }
        for (Measurement m : csv.measurements()) {
            assertEquals((float) (double) m.initialConditions().get("s1"), (float) m.data().get("s1")[0], m.id());
        }
    }

    @Test
    void croissantToCsvAndBackIsExact() {
        Dataset croissant = ReferenceData.croissant().dataset();
        CsvFiles files = CsvDatasetWriter.write(croissant);
        DatasetAssertions.assertSameData(croissant, CsvDatasetReader.read(files.measurementsCsv(),
                files.initsCsv(), "x"));
        String m = new String(files.measurementsCsv(), StandardCharsets.UTF_8);
        assertTrue(m.startsWith("s1,time,measurementId\n299.6349182128906,0.0,7a470e1a-"), m.substring(0, 80));
        assertTrue(m.endsWith("\n"));
        String i = new String(files.initsCsv(), StandardCharsets.UTF_8);
        assertTrue(i.startsWith("measurementId,s1\n7a470e1a-1634-4d5e-951d-1fd859706a2f,299.6349182128906\n"));
    }

    @Test
    void writerKeepsMissingPointsStatesPerMeasurementAndQuotedIds() {
        Map<String, double[]> d1 = new LinkedHashMap<>();
        d1.put("a", new double[] {1.0, Double.NaN});
        d1.put("b", new double[] {Double.NaN, 2.0});
        Measurement m1 = new Measurement("x,1", null, null, Map.of("a", 1.0, "b", 0.5), new double[] {0, 1}, d1);
        Measurement m2 = new Measurement("y\"2", null, null, Map.of("a", 3.0, "k", 9.0), new double[] {0, 2, 3},
                Map.of("a", new double[] {3.0, 4.0, 5.0}));
        Dataset d = Dataset.of("d", "d", null, List.of(m1, m2));
        CsvFiles f = CsvDatasetWriter.write(d);
        Dataset back = CsvDatasetReader.read(f.measurementsCsv(), f.initsCsv(), "d");
        DatasetAssertions.assertSameData(d, back);
        assertFalse(back.measurements().get(1).data().containsKey("b"));
    }

    @Test
    void badCellsNameFileLineColumnAndValue() {
        assertBad(HEADER + "1.0,0.0,a\nabc,1.0,a\n3.0,0.0,b\n", INITS,
                "x/measurements.csv", "line 3", "'s1' is not a number ('abc')");
        assertBad(HEADER + "1.0,0.0,a\ninf,1.0,a\n3.0,0.0,b\n", INITS, "line 3", "'s1' is infinite (inf)");
        assertBad(HEADER + "1.0,0.0,a\n2.0,,a\n3.0,0.0,b\n", INITS, "line 3", "'time' is missing");
        assertBad(HEADER + "1.0,0.0,a\n2.0,0.0,a\n3.0,0.0,b\n", INITS, "line 3", "'time' 0.0 duplicates 0.0 on line 2");
        assertBad(HEADER + "1.0,1.0,a\n2.0,0.5,a\n3.0,0.0,b\n", INITS, "line 3", "'time' 0.5 is less than 1.0");
        assertBad(HEADER + "1.0,0.0,a\n2.0,1.0\n", INITS, "line 3", "has 2 fields but the header has 3");
        assertBad("s1,measurementId\n1.0,a\n", INITS, "missing column 'time'");
        assertBad(HEADER + "1.0,0.0,a\n2.0,1.0,\"a\n", INITS, "unterminated quoted field");
        assertBad(HEADER, INITS, "x/measurements.csv", "no data rows (empty dataset)");
    }

    @Test
    void idsAndInitialConditionsMustMatch() {
        String data = HEADER + "1.0,0.0,a\n2.0,0.0,b\n3.0,0.0,c\n";
        assertBad(data, INITS, "x/measurements.csv", "line 4", "measurement 'c' has no row in inits.csv");
        assertBad(HEADER + "1.0,0.0,a\n", INITS, "x/inits.csv", "line 3", "'b' has no rows in measurements.csv");
        assertBad(HEADER + "1.0,0.0,a\n", "measurementId,s1\na,1.0\na,2.0\n", "x/inits.csv", "line 3",
                "already has initial conditions on line 2");
        assertBad(HEADER + "1.0,0.0,a\n", "measurementId,s1\na,\n", "x/measurements.csv", "line 2",
                "data for state 's1' but inits.csv has no initial condition");
        assertBad(HEADER + "1.0,0.0,a\n", "measurementId,s1\na,x\n", "x/inits.csv", "line 2",
                "'s1' is not a number ('x')");
        assertBad("s1,s1,time,measurementId\n", INITS, "column 's1' appears twice");
    }

    private static void assertBad(String measurements, String inits, String... fragments) {
        InputException e = assertThrows(InputException.class, () -> CsvDatasetReader.read(
                measurements.getBytes(StandardCharsets.UTF_8), inits.getBytes(StandardCharsets.UTF_8), "x"));
        for (String f : fragments) {
            assertTrue(e.getMessage().contains(f), "message lacks '" + f + "': " + e.getMessage());
        }
    }
}
