package org.neuralode.reliability;

import com.code_intelligence.jazzer.junit.DictionaryEntries;
import com.code_intelligence.jazzer.junit.FuzzTest;
import org.neuralode.model.MechanisticModel;

/**
 * Fuzzes the reader of Catalax's model JSON ({@link MechanisticModel#load(byte[], String)} of a {@code .json}
 * file) with the property of {@link ModelYamlFuzzTest#check}: only a one-line
 * {@link org.neuralode.InputException} naming the file may escape, also from evaluating a model that reads.
 *
 * <p>Each input is a whole file. Seeds (in {@code CatalaxModelFuzzTestInputs/readModel/}) are Catalax's
 * model with priors and this project's fixture with assignments and initial values.
 */
class CatalaxModelFuzzTest {

    static final String SOURCE = "fuzz.model.json";

    /** Catalax model JSON keys, expression pieces and JSON tokens. */
    @FuzzTest(maxDuration = "20s")
    @DictionaryEntries({"\"name\"", "\"species\"", "\"states\"", "\"symbol\"", "\"initial_value\"", "\"constants\"",
        "\"assignments\"", "\"equation\"", "\"odes\"", "\"observable\"", "\"parameters\"", "\"value\"", "\"prior\"",
        "\"Uniform\"", "\"low\"", "\"high\"", "\"lower_bound\"", "\"upper_bound\"", "\"reactions\"", "t", "exp(",
        "(", ")", "^", "null", "NaN", "1e999", "[]", "{}", "true"})
    void readModel(byte[] input) {
        ModelYamlFuzzTest.check(input, SOURCE);
    }
}
