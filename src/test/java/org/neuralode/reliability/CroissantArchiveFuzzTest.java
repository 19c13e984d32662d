package org.neuralode.reliability;

import com.code_intelligence.jazzer.junit.FuzzTest;
import org.neuralode.data.CroissantReader;

/**
 * Fuzzes the ZIP layer of {@link CroissantReader#read}: arbitrary bytes, starting from the seed corpus in
 * {@code src/test/resources/org/neuralode/reliability/CroissantArchiveFuzzTestInputs/readArchive/} (the tiny
 * archive STORED and DEFLATED). Only {@link org.neuralode.InputException} may escape (see {@link FuzzChecks}).
 *
 * <p>In {@code mvn test} this replays the corpus (and any committed crash inputs); with {@code JAZZER_FUZZ=1}
 * it fuzzes for {@code maxDuration} (see the README's "Fuzzing" section).
 */
class CroissantArchiveFuzzTest {

    static final String SOURCE = "fuzz.zip";

    @FuzzTest(maxDuration = "20s")
    void readArchive(byte[] bytes) {
        check(bytes);
    }

    /** The property for one input; also called by the regression tests of fixed findings. */
    static void check(byte[] bytes) {
        FuzzChecks.onlyInputErrors(() -> CroissantReader.read(bytes, SOURCE), SOURCE);
    }
}
