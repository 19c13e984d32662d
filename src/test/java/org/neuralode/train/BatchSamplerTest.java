package org.neuralode.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class BatchSamplerTest {

    @Test
    void eachEpochIsAPermutationCutIntoFullBatches() {
        BatchSampler s = new BatchSampler(10, 3, 7);
        int[] seen = new int[10];
        for (int b = 0; b < 3; b++) {
            for (int i : s.next()) {
                seen[i]++;
            }
        }
        // 3 full batches of 3 from one permutation of 10: nine distinct indices, one left out
        assertEquals(9, Arrays.stream(seen).filter(c -> c == 1).count());
        assertEquals(1, Arrays.stream(seen).filter(c -> c == 0).count());
    }

    @Test
    void reproducibleFromSeed() {
        BatchSampler a = new BatchSampler(50, 7, 42);
        BatchSampler b = new BatchSampler(50, 7, 42);
        for (int i = 0; i < 20; i++) {
            assertArrayEquals(a.next().clone(), b.next().clone());
        }
    }

    @Test
    void batchLargerThanDataIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> new BatchSampler(5, 6, 1));
    }

    @Test
    void prefixLengthFollowsCatalax() {
        assertEquals(3, Phase.keep(20, 0.1), "floor(20*0.1)+1");
        assertEquals(2, Phase.keep(20, 0.01), "at least 2");
        assertEquals(20, Phase.keep(20, 1.0), "capped at T");
        assertEquals(4, Phase.keep(20, 0.15), "floor(3.0)+1");
    }
}
