package org.neuralode.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.neuralode.bench.KernelBench.Cell;
import org.neuralode.bench.KernelBench.Engine;
import org.neuralode.bench.KernelBench.Op;
import org.neuralode.nn.Activation;

/** Structure and bookkeeping of the measurement helpers; nothing here asserts on a duration. */
class BenchToolsTest {

    private static final Timing.Budget TINY = new Timing.Budget(1_000_000L, 100_000L, 2_000_000L, 3, 5, 1_000_000_000L);

    @Test
    void timingResultsAreConsistent() {
        double[] sink = new double[1];
        Timing.Result r = Timing.measure(() -> sink[0] += Math.sqrt(sink[0] + 1), TINY);
        assertTrue(r.samples() >= 3 && r.samples() <= 5, "samples " + r.samples());
        assertTrue(r.callsPerSample() >= 1);
        assertTrue(r.minMicros() <= r.medianMicros() && r.medianMicros() <= r.maxMicros(), r.toString());
        Timing.Result[] two = Timing.measureInterleaved(new Runnable[] {() -> sink[0]++, () -> sink[0]--}, TINY);
        assertEquals(2, two.length);
        assertEquals(two[0].samples(), two[1].samples());
        assertThrows(IllegalArgumentException.class, () -> new Timing.Budget(0, 0, 0, 0, 1, 1));
    }

    @Test
    void allocationCountsHeapBytes() {
        if (!Allocation.supported()) {
            return; // not HotSpot: nothing to check
        }
        Object[] keep = new Object[1];
        double big = Allocation.bytesPerCall(() -> keep[0] = new double[1000], 50);
        // a double[1000] is 8000 bytes of payload plus a 16-byte header; the counter's own reads and
        // TLAB bookkeeping move a 50-call mean by a few tens of bytes
        assertTrue(big >= 7900 && big < 9000, "bytes per call " + big);
        int[] counter = new int[1];
        Allocation.bytesPerCall(() -> counter[0]++, 10); // warm the lambda
        assertEquals(0.0, Allocation.bytesPerCall(() -> counter[0]++, 1000), 1.0);
    }

    private static Cell cell(Engine e, int rows, int width, double micros) {
        Timing.Result t = micros < 0 ? null : new Timing.Result(micros, micros, micros, 1, 1);
        return new Cell(e, Op.FORWARD_VJP, rows, width, t, 0.0);
    }

    @Test
    void crossoverIsTheRowCountFromWhichTheChallengerStaysFaster() {
        List<Cell> cells = new ArrayList<>();
        // width 16: nd4j loses at 20, wins at 200, loses at 2000, wins at 20000 -> from 20000
        double[][] w16 = {{20, 10, 50}, {200, 100, 90}, {2000, 1000, 1100}, {20000, 10000, 9000}};
        // width 64: wins from 200; the jvm cell at 20000 was skipped (a win), both at 40000 (ignored)
        double[][] w64 = {{20, 10, 50}, {200, 100, 90}, {2000, 1000, 900}, {20000, -1, 9000}, {40000, -1, -1}};
        for (double[] r : w16) {
            cells.add(cell(Engine.JVM, (int) r[0], 16, r[1]));
            cells.add(cell(Engine.ND4J, (int) r[0], 16, r[2]));
        }
        for (double[] r : w64) {
            cells.add(cell(Engine.JVM, (int) r[0], 64, r[1]));
            cells.add(cell(Engine.ND4J, (int) r[0], 64, r[2]));
        }
        List<KernelReport.Crossover> x = KernelReport.crossovers(cells, Engine.JVM, Engine.ND4J).stream()
                .filter(c -> c.op() == Op.FORWARD_VJP).toList();
        assertEquals(2, x.size());
        assertEquals(20000, x.get(0).rows());
        assertEquals(200, x.get(1).rows());
        String table = KernelReport.table(cells, Op.FORWARD_VJP);
        assertTrue(table.contains("fastest"), table);
        assertTrue(table.lines().anyMatch(l -> l.startsWith("64") && l.contains("20000") && l.contains(" - ")), table);
    }

    @Test
    void tinySurveyFillsEveryCell() {
        KernelBench.Config config = new KernelBench.Config(new int[] {5, 3}, new int[] {2}, 1, 1, Activation.TANH,
                List.of(Engine.MLP_FIELD, Engine.JVM), TINY, 7);
        List<Cell> seen = new ArrayList<>();
        List<Cell> cells = KernelBench.run(config, seen::add);
        assertEquals(2 * 2 * 2, cells.size());
        assertEquals(cells, seen);
        for (Cell c : cells) {
            assertFalse(c.skipped());
        }
        assertEquals(3, cells.get(0).rows(), "row counts run in ascending order");
        Map<String, Object> tree = KernelReport.tree(config, cells, List.of());
        assertEquals(8, ((List<?>) tree.get("cells")).size());
        assertNull(KernelReport.maxBytesPerCall(List.of()).get(Engine.JVM));
    }
}
