package org.neuralode.reliability;

import com.code_intelligence.jazzer.junit.DictionaryEntries;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import org.neuralode.model.MechanisticModel;
import org.neuralode.ode.VectorField;

/**
 * Fuzzes this project's YAML model reader ({@link MechanisticModel#load(byte[], String)}), then one evaluation
 * and one vector-Jacobian product of a model that reads (so its compiled equations and assignments run). Only
 * a one-line {@link org.neuralode.InputException} naming the file may escape (see {@link FuzzChecks}).
 *
 * <p>Each input is a whole file. Seeds (in {@code ModelYamlFuzzTestInputs/readModel/}) are the shipped model
 * file and one using every feature of the format.
 */
class ModelYamlFuzzTest {

    static final String SOURCE = "fuzz.model.yaml";

    /** YAML model keys, expression pieces and YAML tokens. */
    @FuzzTest(maxDuration = "20s")
    @DictionaryEntries({"name", "species", "symbol", "initial", "constants", "parameters", "value", "lower", "upper",
        "assignments", "odes", "simulation", "time", "groups", "replicates", "spread", "seed", "noise", "sigma",
        "multiplicative", "t", "exp(", "log(", "pow(", "max(", "^", "**", "(", ")", "-", "/", "1e999", ".nan", ".inf",
        "null", "~", "[]", "{}", "&a", "*a", ": "})
    void readModel(byte[] input) {
        check(input, SOURCE);
    }

    /**
     * The property of a model file target for one input ({@code source}'s extension picks the format); also
     * used by {@link CatalaxModelFuzzTest}.
     */
    static void check(byte[] input, String source) {
        FuzzChecks.onlyInputErrors(() -> exercise(MechanisticModel.load(input, source)), source);
    }

    /** One evaluation and one vjp at all-ones values (any number is fine, NaN included; throwing is not). */
    private static void exercise(MechanisticModel model) {
        Map<String, Double> constants = new HashMap<>();
        model.constants().forEach(c -> constants.put(c, 1.0));
        VectorField.Evaluator ev = model.field(constants).newEvaluator();
        int n = model.species().size();
        double[] ones = new double[n];
        Arrays.fill(ones, 1.0);
        double[] theta = new double[model.parameters().size()];
        Arrays.fill(theta, 1.0);
        ev.eval(0.5, ones, 0, theta, new double[n], 0);
        ev.vjp(0.5, ones, 0, theta, ones, 0, new double[n], 0, new double[theta.length]);
    }
}
