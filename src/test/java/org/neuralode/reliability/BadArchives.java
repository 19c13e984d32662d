package org.neuralode.reliability;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.neuralode.data.TestArchives;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;
import org.neuralode.data.CroissantMetadata;
import org.neuralode.data.CroissantWriter;
import org.neuralode.data.Dataset;
import org.neuralode.data.Hashes;
import org.neuralode.data.Measurement;

/**
 * Builds small Croissant archives and breaks them in one place each, for the bad-input and fuzz tests.
 *
 * <p>The base is {@link #tiny()}: measurements {@code m1}, {@code m2} of state {@code s1}, three points each,
 * written by {@link CroissantWriter} as entries {@code m1.jsonl}, {@code m2.jsonl}, {@code croissant.json}.
 * An instance is a mutable, ordered map of entry name to bytes; {@link #zip(boolean)} packs it again.
 * Byte-level helpers ({@code TestArchives.centralRecord}, {@code putU32}) patch a packed archive in place.
 * Not thread-safe (each test builds its own).
 */
final class BadArchives {

    static final String M1 = "m1.jsonl";
    static final String CROISSANT = "croissant.json";
    /** Line 1 and line 3 of m1.jsonl; {@link #withM1Line2} puts a line between them. */
    static final String LINE1 = "{\"s1\": 1.0, \"time\": 0.0}\n";
    static final String LINE3 = "\n{\"s1\": 3.0, \"time\": 2.0}";

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final CroissantMetadata META =
            new CroissantMetadata("tiny", null, "me", "2024-01-02 03:04:05", "CC BY-SA 4.0", "1.0.0");

    private final Map<String, byte[]> entries;

    private BadArchives(Map<String, byte[]> entries) {
        this.entries = entries;
    }

    /** Two measurements m1, m2 of state s1 at t = 0, 1, 2. */
    static Dataset tiny() {
        Measurement m1 = new Measurement("m1", null, null, Map.of("s1", 1.0), new double[] {0.0, 1.0, 2.0},
                Map.of("s1", new double[] {1.0, 2.0, 3.0}));
        Measurement m2 = new Measurement("m2", null, null, Map.of("s1", 4.0), new double[] {0.0, 1.0, 2.0},
                Map.of("s1", new double[] {4.0, 5.0, 6.0}));
        return Dataset.of("tiny", "tiny", null, List.of(m1, m2));
    }

    /** The valid tiny archive's bytes (STORED entries, as Catalax writes them). */
    static byte[] valid() {
        return CroissantWriter.write(tiny(), META);
    }

    /** The tiny archive's entries, ready to be broken. */
    static BadArchives tinyEntries() {
        return new BadArchives(unzip(valid()));
    }

    /** Entry name -> bytes of an archive, in archive order. */
    static Map<String, byte[]> unzip(byte[] zip) {
        return TestArchives.entries(zip);
    }

    /** A ZIP of the entries, DEFLATED or STORED (with correct sizes and CRC-32). */
    static byte[] zip(Map<String, byte[]> entries, boolean deflate) {
        return TestArchives.zip(entries, deflate);
    }

    /** This archive packed again. */
    byte[] zip(boolean deflate) {
        return zip(entries, deflate);
    }

    /** The live entry map (edit it freely). */
    Map<String, byte[]> entries() {
        return entries;
    }

    String text(String name) {
        return new String(entries.get(name), StandardCharsets.UTF_8);
    }

    BadArchives put(String name, String text) {
        entries.put(name, text.getBytes(StandardCharsets.UTF_8));
        return this;
    }

    BadArchives put(String name, byte[] bytes) {
        entries.put(name, bytes);
        return this;
    }

    BadArchives remove(String name) {
        entries.remove(name);
        return this;
    }

    /** Replaces {@code from} by {@code to} in croissant.json, which must contain it. */
    BadArchives editJson(String from, String to) {
        String json = text(CROISSANT);
        assertTrue(json.contains(from), "test setup: croissant.json lacks " + from + ":\n" + json);
        return put(CROISSANT, json.replace(from, to));
    }

    /** Rewrites croissant.json as a whole. */
    BadArchives editJson(UnaryOperator<String> edit) {
        return put(CROISSANT, edit.apply(text(CROISSANT)));
    }

    /** Replaces a JSONL entry and updates its md5 in croissant.json, so only the content is at fault. */
    BadArchives replaceJsonl(String name, String content) {
        String oldMd5 = Hashes.md5(entries.get(name));
        put(name, content);
        return editJson(oldMd5, Hashes.md5(entries.get(name)));
    }

    /** The tiny archive with line 2 of m1.jsonl replaced (md5 updated), packed STORED. */
    static byte[] withM1Line2(String line2) {
        return tinyEntries().replaceJsonl(M1, LINE1 + line2 + LINE3).zip(false);
    }

    /** Rewrites croissant.json through its JSON tree (e.g. to drop a record set). */
    BadArchives editTree(Consumer<ObjectNode> edit) {
        try {
            ObjectNode root = (ObjectNode) JSON.readTree(entries.get(CROISSANT));
            edit.accept(root);
            return put(CROISSANT, JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(root));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

}
