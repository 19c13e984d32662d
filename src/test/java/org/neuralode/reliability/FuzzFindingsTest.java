package org.neuralode.reliability;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Disabled;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Regression tests for what fuzzing (and review) found: each input in
 * {@code src/test/resources/org/neuralode/reliability/findings/} is replayed through the fuzz target its
 * name names ({@code -config-}: {@link ConfigFuzzTest}, {@code -content-}: {@link CroissantContentFuzzTest},
 * {@code -archive-}: {@link CroissantArchiveFuzzTest}) and must pass its property (only a one-line
 * {@link org.neuralode.InputException} may escape). A test would stay @Disabled while its finding is open;
 * once fixed, remove the annotation (and, optionally, move the inputs into the target's {@code *Inputs}
 * directory, which Jazzer replays by itself).
 */
class FuzzFindingsTest {

    private static final Path FINDINGS = FuzzSeedsTest.RESOURCES.resolve("findings");

    static void replay(String name) throws IOException {
        byte[] input = Files.readAllBytes(FINDINGS.resolve(name));
        if (name.contains("-config-")) {
            ConfigFuzzTest.check(input);
        } else if (name.contains("-content-")) {
            CroissantContentFuzzTest.check(input);
        } else if (name.contains("-archive-")) {
            CroissantArchiveFuzzTest.check(input);
        } else {
            throw new IllegalArgumentException("finding " + name + " names no fuzz target");
        }
    }

    /**
     * F1: messages embed raw text with line breaks (SnakeYAML's problem marks, Jackson's "[Source: ...]"
     * excerpts, user keys, --set values, JSONL lines and entry names), so the CLI's one stderr line becomes
     * several.
     */
    @ParameterizedTest
    @ValueSource(strings = {"F1-config-yaml-syntax-error", "F1-config-unknown-key-with-newlines",
        "F1-config-set-without-equals-with-newline", "F1-content-croissant-json-source-excerpt",
        "F1-content-jsonl-carriage-return", "F1-archive-entry-name-control-characters"})
    void f1MessagesAreOneLine(String name) throws IOException {
        replay(name);
    }

    /** F3: a config section or value set to null reaches JobConfig.validate: NullPointerException, exit 1. */
    @ParameterizedTest
    @ValueSource(strings = {"F3-config-model-null", "F3-config-engine-null", "F3-config-solver-method-null"})
    void f3NullSectionsAreInputErrors(String name) throws IOException {
        replay(name);
    }

    /**
     * F4: {@code --set strategy[99999999999].lr=1}: NumberFormatException from ConfigOverrides, exit 1
     * (the {@code -fuzzed} input is the one Jazzer found: override {@code dIAavup.n[99999999999]=1}).
     */
    @ParameterizedTest
    @ValueSource(strings = {"F4-config-set-index-overflow", "F4-config-set-index-overflow-fuzzed"})
    void f4OverrideIndexOverflowIsAnInputError(String name) throws IOException {
        replay(name);
    }

    /**
     * F5: a ZIP64 end record whose central-directory offset is negative (as a signed 64-bit value) passes
     * the bounds check in ZipArchive.open: ArrayIndexOutOfBoundsException, exit 1. Input crafted by review
     * (202 bytes: local-header magic, zero padding, ZIP64 end record with offset -100 and size 200, ZIP64
     * locator, end record with 0xFFFF entries).
     */
    @ParameterizedTest
    @ValueSource(strings = {"F5-archive-zip64-negative-directory-offset"})
    void f5Zip64OffsetsAreBoundsChecked(String name) throws IOException {
        replay(name);
    }

    /** F6: YAML nested 5000 deep overflows the stack in ConfigLoader's merge (JsonNode.deepCopy), exit 1. */
    @ParameterizedTest
    @ValueSource(strings = {"F6-config-deeply-nested-yaml"})
    void f6DeepNestingIsAnInputError(String name) throws IOException {
        replay(name);
    }
}
