package org.neuralode.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;

/** Equality of datasets by value (records compare arrays by reference). */
final class DatasetAssertions {

    private DatasetAssertions() {
    }

    /** Same states, ids, order, times, series (NaN = NaN) and initial conditions, exactly. */
    static void assertSameData(Dataset expected, Dataset actual) {
        assertEquals(expected.states(), actual.states(), "states");
        assertEquals(expected.ids(), actual.ids(), "measurement ids");
        for (int i = 0; i < expected.size(); i++) {
            Measurement e = expected.measurements().get(i);
            Measurement a = actual.measurements().get(i);
            assertArrayEquals(e.time(), a.time(), e.id() + " time");
            assertEquals(new ArrayList<>(e.data().keySet()), new ArrayList<>(a.data().keySet()), e.id() + " states");
            for (String s : e.data().keySet()) {
                assertArrayEquals(e.data().get(s), a.data().get(s), e.id() + " " + s);
            }
            assertEquals(e.initialConditions(), a.initialConditions(), e.id() + " initial conditions");
        }
    }
}
