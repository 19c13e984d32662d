package org.neuralode.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.neuralode.reliability.BadArchives.CROISSANT;
import static org.neuralode.reliability.BadArchives.M1;
import static org.neuralode.data.TestArchives.centralRecord;
import static org.neuralode.data.TestArchives.dataStart;
import static org.neuralode.data.TestArchives.putU32;
import static org.neuralode.reliability.BadArchives.tinyEntries;
import static org.neuralode.reliability.BadArchives.withM1Line2;

import com.fasterxml.jackson.databind.node.ArrayNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.neuralode.data.Hashes;
import org.neuralode.io.ModelFiles;
import org.neuralode.nn.Activation;
import org.neuralode.nn.MlpSpec;
import org.neuralode.nn.NeuralOde;

/**
 * Issue 6 item 1, dataset side: every kind of bad upload, given to {@code inspect}, {@code train} and
 * {@code evaluate} as a real file, exits with code 2 and one stderr line naming the archive and the
 * culprit (entry, line, key, value), with no stack trace; {@code train} writes nothing to {@code --out}.
 */
class BadDatasetCliTest {

    @TempDir
    static Path shared;
    private static Path model;

    @TempDir
    Path dir;

    /** A model of state s1 (the tiny dataset's), so {@code evaluate} gets as far as reading the dataset. */
    @BeforeAll
    static void saveModel() {
        model = shared.resolve("model-s1");
        MlpSpec spec = new MlpSpec(1, 4, 1, Activation.byName("tanh"), false);
        ModelFiles.save(NeuralOde.initialise(List.of("s1"), spec, 2.0, 1e-3, 0), model.toString(), Map.of());
    }

    /**
     * Writes {@code bytes} as {@code bad.zip} and checks that all three commands refuse it with a message
     * naming the file and containing every fragment.
     */
    private void assertEveryCommandRefuses(byte[] bytes, String... fragments) throws IOException {
        Path zip = dir.resolve("bad.zip");
        Files.write(zip, bytes);
        assertEveryCommandRefuses(zip.toString(), fragments);
    }

    private void assertEveryCommandRefuses(String dataset, String... fragments) throws IOException {
        String[] withFile = concat(dataset, fragments);
        Cli.run("inspect", dataset).assertRefused(withFile);
        Cli.run("evaluate", "--model", model.toString(), "--dataset", dataset).assertRefused(withFile);

        Path config = dir.resolve("job.yaml");
        Files.writeString(config, "dataset: {path: '" + dataset + "'}\n"
                + "strategy: [{lr: 1.0e-3, steps: 2, batch_size: 1}]\n");
        Path out = dir.resolve("out");
        Cli.run("train", "--config", config.toString(), "--out", out.toString(), "--no-progress")
                .assertRefused(withFile);
        assertFalse(Files.exists(out), "train wrote to --out although the dataset was refused");
    }

    private static String[] concat(String first, String... rest) {
        String[] all = new String[rest.length + 1];
        all[0] = first;
        System.arraycopy(rest, 0, all, 1, rest.length);
        return all;
    }

    @Test
    void theValidBaseArchiveIsAccepted() throws IOException {
        Path zip = dir.resolve("good.zip");
        Files.write(zip, BadArchives.valid());
        Cli ok = Cli.run("inspect", zip.toString());
        assertEquals(0, ok.code(), ok.err());
    }

    @Test
    void notAZip() throws IOException {
        assertEveryCommandRefuses("hello, world".getBytes(StandardCharsets.US_ASCII), "not a ZIP archive",
                "68 65 6c 6c");
    }

    @Test
    void emptyFile() throws IOException {
        assertEveryCommandRefuses(new byte[0], "not a ZIP archive", "empty file");
    }

    @Test
    void truncatedZip() throws IOException {
        byte[] good = tinyEntries().zip(true);
        assertEveryCommandRefuses(Arrays.copyOf(good, good.length / 2), "truncated",
                "end-of-central-directory");
    }

    @Test
    void damagedCentralDirectory() throws IOException {
        byte[] z = tinyEntries().zip(false);
        putU32(z, centralRecord(z, M1), 0);
        assertEveryCommandRefuses(z, "corrupt", "central directory record 1 of 3");
    }

    @Test
    void corruptDeflatedData() throws IOException {
        byte[] z = tinyEntries().zip(true);
        int data = dataStart(z, M1);
        for (int i = 0; i < 6; i++) {
            z[data + i] = (byte) 0xff;
        }
        assertEveryCommandRefuses(z, "corrupt", "entry 'm1.jsonl'");
    }

    @Test
    void crcMismatch() throws IOException {
        byte[] z = tinyEntries().zip(false);
        z[dataStart(z, M1) + 8] ^= 0x02; // "1.0" -> "3.0": still valid JSON, wrong CRC
        assertEveryCommandRefuses(z, "CRC-32 mismatch", "entry 'm1.jsonl'");
    }

    @Test
    void noCroissantJson() throws IOException {
        assertEveryCommandRefuses(tinyEntries().remove(CROISSANT).zip(true), "no croissant.json", "m1.jsonl");
    }

    @Test
    void invalidJson() throws IOException {
        byte[] z = tinyEntries().put(CROISSANT, "{\n  \"name\": \"x\",,\n}").zip(true);
        assertEveryCommandRefuses(z, "entry 'croissant.json'", "invalid JSON at line 2");
    }

    /** Jackson quotes the document in "[Source: ...]" with its line breaks. */
    @Test
    void invalidJsonWithASourceExcerptIsOneLine() throws IOException {
        byte[] z = tinyEntries().put(CROISSANT, "{\n  \"name\": [\n").zip(true);
        assertEveryCommandRefuses(z, "entry 'croissant.json'", "invalid JSON at line");
    }

    @Test
    void jsonlLineThatIsNotJson() throws IOException {
        assertEveryCommandRefuses(withM1Line2("{\"s1\": 2.0, \"time\": 1.0"), "entry 'm1.jsonl' line 2",
                "not valid JSON", "{\"s1\": 2.0, \"time\": 1.0");
    }

    @Test
    void listedDataFileMissing() throws IOException {
        assertEveryCommandRefuses(tinyEntries().remove("m2.jsonl").zip(true), "data file 'm2.jsonl'",
                "missing from the archive");
    }

    @Test
    void md5Mismatch() throws IOException {
        BadArchives a = tinyEntries();
        String declared = Hashes.md5(a.entries().get(M1));
        a.put(M1, BadArchives.LINE1 + "{\"s1\": 2.5, \"time\": 1.0}" + BadArchives.LINE3);
        assertEveryCommandRefuses(a.zip(true), "entry 'm1.jsonl'", "md5", declared);
    }

    @Test
    void measurementWithoutInitialConditions() throws IOException {
        // record sets are [m1, m1/inits, m2, m2/inits]
        byte[] z = tinyEntries().editTree(root -> ((ArrayNode) root.get("recordSet")).remove(1)).zip(true);
        assertEveryCommandRefuses(z, "measurement 'm1'", "no initial conditions", "m1/inits");
    }

    @Test
    void stateWithDataButNoInitialCondition() throws IOException {
        byte[] z = tinyEntries().editJson("\"m1/inits/s1\": 1.0", "\"m1/inits/k\": 1.0").zip(true);
        assertEveryCommandRefuses(z, "measurement 'm1'", "state 's1'", "no initial condition");
    }

    @Test
    void timeMissing() throws IOException {
        assertEveryCommandRefuses(withM1Line2("{\"s1\": 2.0}"), "entry 'm1.jsonl' line 2", "'time' is missing");
    }

    @Test
    void timeNull() throws IOException {
        assertEveryCommandRefuses(withM1Line2("{\"s1\": 2.0, \"time\": null}"), "entry 'm1.jsonl' line 2",
                "'time' is null or NaN");
    }

    @Test
    void timeNotFinite() throws IOException {
        assertEveryCommandRefuses(withM1Line2("{\"s1\": 2.0, \"time\": Infinity}"), "entry 'm1.jsonl' line 2",
                "'time' is infinite (Infinity)");
    }

    @Test
    void timeNotIncreasing() throws IOException {
        assertEveryCommandRefuses(withM1Line2("{\"s1\": 2.0, \"time\": -0.5}"), "entry 'm1.jsonl' line 2",
                "'time' -0.5 is less than 0.0 on line 1");
    }

    @Test
    void timeDuplicated() throws IOException {
        assertEveryCommandRefuses(withM1Line2("{\"s1\": 2.0, \"time\": 0.0}"), "entry 'm1.jsonl' line 2",
                "'time' 0.0 duplicates line 1");
    }

    /**
     * In Croissant JSONL every line carries its own time, so a series cannot be shorter than {@code time};
     * the CSV pair can: a row with a field too few.
     */
    @Test
    void seriesOfOtherLengthThanTime() throws IOException {
        Path csv = dir.resolve("csvpair");
        Files.createDirectories(csv);
        Files.writeString(csv.resolve("measurements.csv"),
                "s1,time,measurementId\n1.0,0.0,m1\n2.0,1.0,m1\n3.0,m1\n");
        Files.writeString(csv.resolve("inits.csv"), "measurementId,s1\nm1,1.0\n");
        assertEveryCommandRefuses(csv.toString(), "measurements.csv", "line 4");
    }

    @Test
    void nonNumericValue() throws IOException {
        assertEveryCommandRefuses(withM1Line2("{\"s1\": \"abc\", \"time\": 1.0}"), "entry 'm1.jsonl' line 2",
                "'s1' is not a number (\"abc\")");
    }

    @Test
    void infiniteValue() throws IOException {
        assertEveryCommandRefuses(withM1Line2("{\"s1\": -Infinity, \"time\": 1.0}"), "entry 'm1.jsonl' line 2",
                "'s1' is infinite (-Infinity)");
    }

    @Test
    void overflowingValue() throws IOException {
        assertEveryCommandRefuses(withM1Line2("{\"s1\": 1e999, \"time\": 1.0}"), "entry 'm1.jsonl' line 2",
                "'s1' is infinite (1e999)");
    }

    @Test
    void emptyDataset() throws IOException {
        byte[] z = tinyEntries().editTree(root -> {
            root.remove("recordSet");
            root.remove("distribution");
        }).remove(M1).remove("m2.jsonl").zip(true);
        assertEveryCommandRefuses(z, "empty dataset");
    }

    @Test
    void entryNameWithDotDot() throws IOException {
        assertEveryCommandRefuses(tinyEntries().put("../evil.txt", "x").zip(true), "entry '../evil.txt'",
                "escapes the archive");
    }

    @Test
    void absoluteEntryName() throws IOException {
        assertEveryCommandRefuses(tinyEntries().put("/etc/evil.txt", "x").zip(true), "entry '/etc/evil.txt'",
                "absolute path");
    }

    @Test
    void contentUrlWithDotDot() throws IOException {
        byte[] z = tinyEntries().editJson("\"contentUrl\": \"m1.jsonl\"", "\"contentUrl\": \"../m1.jsonl\"")
                .zip(true);
        assertEveryCommandRefuses(z, "contentUrl of file object 'm1_data'", "'../m1.jsonl'", "escapes the archive");
    }

    @Test
    void absoluteContentUrl() throws IOException {
        byte[] z = tinyEntries().editJson("\"contentUrl\": \"m1.jsonl\"", "\"contentUrl\": \"/tmp/m1.jsonl\"")
                .zip(true);
        assertEveryCommandRefuses(z, "contentUrl of file object 'm1_data'", "'/tmp/m1.jsonl'", "absolute path");
    }

    /** A 2 kB archive whose central directory declares a 600 MiB entry: refused before inflating. */
    @Test
    void oversizedEntry() throws IOException {
        byte[] z = tinyEntries().zip(false);
        int cd = centralRecord(z, CROISSANT);
        putU32(z, cd + 20, 600L << 20);
        putU32(z, cd + 24, 600L << 20);
        assertEveryCommandRefuses(z, "entry 'croissant.json'", "exceeds the limit", "512 MiB");
    }

    /** Real ratio: 1 MiB of spaces deflates about 1000:1, over the reader's limit of 200. */
    @Test
    void extremeCompressionRatio() throws IOException {
        BadArchives a = tinyEntries();
        byte[] z = a.put(CROISSANT, a.text(CROISSANT) + " ".repeat(1 << 20)).zip(true);
        assertEveryCommandRefuses(z, "entry 'croissant.json'", "compression ratio", "limit of 200");
    }

    /** Declared ratio: a header claiming 300 times the compressed size is refused before inflating. */
    @Test
    void extremeDeclaredCompressionRatio() throws IOException {
        byte[] z = tinyEntries().zip(true);
        int cd = centralRecord(z, CROISSANT);
        long compressed = (z[cd + 20] & 0xffL) | (z[cd + 21] & 0xffL) << 8 | (z[cd + 22] & 0xffL) << 16;
        putU32(z, cd + 24, compressed * 300);
        assertEveryCommandRefuses(z, "entry 'croissant.json'", "compression ratio", "possible zip bomb");
    }
}
