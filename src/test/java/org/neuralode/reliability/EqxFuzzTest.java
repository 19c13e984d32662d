package org.neuralode.reliability;

import com.code_intelligence.jazzer.junit.DictionaryEntries;
import com.code_intelligence.jazzer.junit.FuzzTest;
import org.neuralode.io.model.EqxCodec;

/**
 * Fuzzes the reader of Catalax's {@code .eqx} files ({@link EqxCodec#read}: the JSON line, the NumPy records
 * and their headers) and the mapping of what it read to a neural ODE. Only a one-line
 * {@link org.neuralode.InputException} naming the file may escape (see {@link FuzzChecks}).
 *
 * <p>Each input is a whole file. The seeds (in {@code EqxFuzzTestInputs/readEqx/}) are Catalax's
 * {@code menten_trained.eqx} and an RBF network in Catalax's layout (RBF centres and gamma records).
 */
class EqxFuzzTest {

    static final String SOURCE = "fuzz.eqx";

    /** Hyperparameter keys and npy header pieces. */
    @FuzzTest(maxDuration = "20s")
    @DictionaryEntries({"\"hyperparameters\"", "\"data_size\"", "\"width_size\"", "\"depth\"", "\"activation\"",
        "\"observable_indices\"", "\"use_final_bias\"", "\"rbf\"", "\u0093NUMPY", "'descr'", "'<f8'", "'<i8'",
        "'|b1'", "'fortran_order'", "False", "True", "'shape'", "(1, 2)", "()"})
    void readEqx(byte[] input) {
        check(input);
    }

    /** The property for one input. */
    static void check(byte[] input) {
        FuzzChecks.onlyInputErrors(() -> EqxCodec.read(input, SOURCE).toNeuralOde(SOURCE), SOURCE);
    }
}
