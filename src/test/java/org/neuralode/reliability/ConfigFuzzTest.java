package org.neuralode.reliability;

import com.code_intelligence.jazzer.junit.DictionaryEntries;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.neuralode.config.ConfigLoader;

/**
 * Fuzzes {@link ConfigLoader#load}: YAML text plus up to three {@code --set} overrides. Only
 * {@link org.neuralode.InputException} may escape (see {@link FuzzChecks}).
 *
 * <p>Input layout: the bytes up to the first NUL are the YAML file; each further NUL-separated segment (at
 * most three) is one {@code KEY=VALUE} override. Seeds (in {@code ConfigFuzzTestInputs/loadConfig/}) are
 * the shipped configs with a few overrides, so they read as plain text.
 */
class ConfigFuzzTest {

    static final String SOURCE = "fuzz.yaml";

    /** Config keys and YAML tokens, so mutations recombine meaningful pieces. */
    @FuzzTest(maxDuration = "20s")
    @DictionaryEntries({"dataset", "path", "augment", "validation", "fraction", "leave_one_out", "folds", "ids",
        "model", "width", "depth", "activation", "weight_scale", "use_final_bias", "scale_final_layer", "seed",
        "solver", "method", "rtol", "atol", "max_steps", "saveat", "dense", "land", "strategy", "lr", "steps", "batch_size", "length", "alpha", "l1", "training",
        "print_every", "save_milestones", "progress", "max_failures", "sweep", "ensemble", "members", "parallel",
        "partitions", "averaging_frequency", "engine", "null", "~", "[]", "{}", ".inf", "-.inf", ".nan", "&a", "*a",
        "!!str", "!!binary", "true", "[0]", "[99999999999]", "strategy[0].", "=", ": "})
    void loadConfig(byte[] input) {
        check(input);
    }

    /** The property for one input; also called by the regression tests of fixed findings. */
    static void check(byte[] input) {
        List<byte[]> parts = split(input);
        byte[] yaml = parts.get(0);
        List<String> overrides = new ArrayList<>();
        for (int i = 1; i < parts.size() && i <= 3; i++) {
            overrides.add(new String(parts.get(i), StandardCharsets.UTF_8));
        }
        FuzzChecks.onlyInputErrors(() -> ConfigLoader.load(yaml, SOURCE, overrides), null);
    }

    private static List<byte[]> split(byte[] input) {
        List<byte[]> parts = new ArrayList<>();
        int from = 0;
        for (int i = 0; i <= input.length; i++) {
            if (i == input.length || input[i] == 0) {
                parts.add(Arrays.copyOfRange(input, from, i));
                from = i + 1;
            }
        }
        return parts;
    }
}
