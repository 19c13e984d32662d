package org.neuralode.data;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;
import org.neuralode.InputException;

/** Small archives built in tests, and ways to break them. */
public final class TestArchives {

    static final CroissantMetadata META =
            new CroissantMetadata("tiny", null, "me", "2024-01-02 03:04:05", "CC BY-SA 4.0", "1.0.0");

    private TestArchives() {
    }

    /** Two measurements m1, m2 of state s1, three points each. */
    static Dataset tiny() {
        Measurement m1 = new Measurement("m1", null, null, Map.of("s1", 1.0), new double[] {0.0, 1.0, 2.0},
                Map.of("s1", new double[] {1.0, 2.0, 3.0}));
        Measurement m2 = new Measurement("m2", null, null, Map.of("s1", 4.0), new double[] {0.0, 1.0, 2.0},
                Map.of("s1", new double[] {4.0, 5.0, 6.0}));
        return Dataset.of("tiny", "tiny", null, List.of(m1, m2));
    }

    /** Entries of the tiny dataset's archive, name -> bytes, in archive order (mutable). */
    static Map<String, byte[]> tinyEntries() {
        return entries(CroissantWriter.write(tiny(), META));
    }

    /** Entry name -> bytes of an archive, in archive order. */
    public static Map<String, byte[]> entries(byte[] zip) {
        Map<String, byte[]> out = new LinkedHashMap<>();
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip))) {
            for (ZipEntry e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
                out.put(e.getName(), in.readAllBytes());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }

    /** A ZIP of the entries, DEFLATED or STORED. */
    public static byte[] zip(Map<String, byte[]> entries, boolean deflate) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            for (Map.Entry<String, byte[]> e : entries.entrySet()) {
                ZipEntry entry = new ZipEntry(e.getKey());
                if (!deflate) {
                    CRC32 crc = new CRC32();
                    crc.update(e.getValue());
                    entry.setMethod(ZipEntry.STORED);
                    entry.setSize(e.getValue().length);
                    entry.setCompressedSize(e.getValue().length);
                    entry.setCrc(crc.getValue());
                }
                zip.putNextEntry(entry);
                zip.write(e.getValue());
                zip.closeEntry();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    static String text(Map<String, byte[]> entries, String name) {
        return new String(entries.get(name), StandardCharsets.UTF_8);
    }

    static void putText(Map<String, byte[]> entries, String name, String text) {
        entries.put(name, text.getBytes(StandardCharsets.UTF_8));
    }

    /** Replaces {@code from} by {@code to} in croissant.json (which must contain it). */
    static void editJson(Map<String, byte[]> entries, String from, String to) {
        String json = text(entries, "croissant.json");
        assertTrue(json.contains(from), "test setup: croissant.json lacks " + from);
        putText(entries, "croissant.json", json.replace(from, to));
    }

    /** Replaces a JSONL file and updates its md5 in croissant.json, so only the content is at fault. */
    static void replaceJsonl(Map<String, byte[]> entries, String name, String content) {
        String oldMd5 = Hashes.md5(entries.get(name));
        putText(entries, name, content);
        editJson(entries, oldMd5, Hashes.md5(entries.get(name)));
    }

    /** Reading fails with an InputException naming the archive first and containing every fragment. */
    static InputException assertRejected(byte[] zip, String... fragments) {
        InputException e = assertThrows(InputException.class, () -> CroissantReader.read(zip, "bad.zip"));
        assertTrue(e.getMessage().startsWith("bad.zip"), e.getMessage());
        for (String f : fragments) {
            assertTrue(e.getMessage().contains(f), "message lacks '" + f + "': " + e.getMessage());
        }
        return e;
    }

    /** Offset of an entry's data in a packed archive, found through its local header (first occurrence). */
    public static int dataStart(byte[] zip, String name) {
        int at = indexOf(zip, name.getBytes(StandardCharsets.UTF_8), 0);
        assertTrue(at >= 30, "test setup: no local header for " + name);
        int extra = (zip[at - 30 + 28] & 0xff) | (zip[at - 30 + 29] & 0xff) << 8;
        return at + name.length() + extra;
    }

    /** Offset of an entry's central-directory record (the last occurrence of its name, minus 46). */
    public static int centralRecord(byte[] zip, String name) {
        byte[] n = name.getBytes(StandardCharsets.UTF_8);
        int last = -1;
        for (int i = indexOf(zip, n, 0); i >= 0; i = indexOf(zip, n, i + 1)) {
            last = i;
        }
        assertTrue(last >= 46, "test setup: no central record for " + name);
        return last - 46;
    }

    /** Writes a little-endian unsigned 32-bit value. */
    public static void putU32(byte[] b, int at, long v) {
        for (int k = 0; k < 4; k++) {
            b[at + k] = (byte) (v >>> (8 * k));
        }
    }

    private static int indexOf(byte[] hay, byte[] needle, int from) {
        outer:
        for (int i = from; i <= hay.length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (hay[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
