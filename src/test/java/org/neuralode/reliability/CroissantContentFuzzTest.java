package org.neuralode.reliability;

import com.code_intelligence.jazzer.junit.DictionaryEntries;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.util.Arrays;
import java.util.List;
import org.neuralode.data.CroissantReader;
import org.neuralode.data.Hashes;

/**
 * Fuzzes the content layer of {@link CroissantReader#read} (croissant.json, the JSONL files, validation):
 * the fuzzer rewrites one entry of the valid tiny archive ({@link BadArchives#tiny()}), which is then packed
 * into a well-formed ZIP, so mutations reach the JSON parsers instead of failing the CRC check.
 *
 * <p>Input layout: byte 0 picks the entry ({@code % 3}: croissant.json, m1.jsonl, m2.jsonl); byte 1 holds
 * flags (bit 0: DEFLATE instead of STORED; bit 1: update the entry's md5 in croissant.json so the content,
 * not the checksum, is tested); the remaining bytes are the entry's new content. Seeds (in
 * {@code CroissantContentFuzzTestInputs/readContent/}) are the three original entries with flags 2.
 */
class CroissantContentFuzzTest {

    static final List<String> ENTRIES = List.of(BadArchives.CROISSANT, "m1.jsonl", "m2.jsonl");

    /** Croissant keys and JSON tokens, so mutations recombine meaningful pieces. */
    @FuzzTest(maxDuration = "20s")
    @DictionaryEntries({"\"@id\"", "\"contentUrl\"", "\"distribution\"", "\"recordSet\"", "\"field\"",
        "\"source\"", "\"fileObject\"", "\"extract\"", "\"column\"", "\"data\"", "\"md5\"", "\"sha256\"",
        "/inits", "/inits/", "\"time\"", "\"s1\"", "null", "NaN", "Infinity", "-Infinity", "1e999", "true", "[]",
        "{}", "../", "/", "\\", "C:", "://", "\"m1.jsonl\"", "\"m1_data\""})
    void readContent(byte[] input) {
        check(input);
    }

    /** The property for one input; also called by the regression tests of fixed findings. */
    static void check(byte[] input) {
        if (input.length < 2) {
            return;
        }
        String entry = ENTRIES.get(Math.floorMod(input[0], ENTRIES.size()));
        boolean deflate = (input[1] & 1) != 0;
        boolean fixMd5 = (input[1] & 2) != 0;
        byte[] content = Arrays.copyOfRange(input, 2, input.length);
        BadArchives archive = BadArchives.tinyEntries();
        String oldMd5 = Hashes.md5(archive.entries().get(entry));
        archive.put(entry, content);
        if (fixMd5 && !entry.equals(BadArchives.CROISSANT)) {
            archive.editJson(json -> json.replace(oldMd5, Hashes.md5(content)));
        }
        byte[] zip = archive.zip(deflate);
        FuzzChecks.onlyInputErrors(() -> CroissantReader.read(zip, CroissantArchiveFuzzTest.SOURCE),
                CroissantArchiveFuzzTest.SOURCE);
    }
}
