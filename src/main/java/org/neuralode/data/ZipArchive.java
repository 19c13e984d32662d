package org.neuralode.data;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.CRC32;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;
import org.neuralode.InputException;

/**
 * A defensive, read-only view of a ZIP archive held in memory (PKWARE APPNOTE 6.3: end-of-central-directory
 * record, optional ZIP64 end record, central directory, local headers; methods STORED and DEFLATED).
 *
 * <p>Built for untrusted uploads: entry names that would escape an extraction folder ({@code ..} segments,
 * absolute paths, drive letters, backslashes) and duplicate names are rejected when the archive is opened;
 * more than {@value #MAX_ENTRIES} entries, an entry over {@link #MAX_ENTRY_BYTES} bytes uncompressed or a
 * compression ratio over {@value #MAX_RATIO} are rejected with a message naming the limit. Header sizes are
 * never trusted: bytes are counted while inflating, and inflation stops as soon as a limit or the declared
 * size is exceeded. CRC-32 is verified. Entries are only decompressed when {@link #read(String)} asks for
 * them.
 *
 * <p>Every failure is an {@link InputException} whose source is the archive's name.
 * Immutable after {@link #open}; {@link #read} is thread-safe.
 */
final class ZipArchive {

    /** Most entries an archive may list. */
    static final int MAX_ENTRIES = 100_000;
    /** Largest uncompressed entry, in bytes (512 MiB). */
    static final long MAX_ENTRY_BYTES = 512L << 20;
    /** Largest uncompressed / compressed size ratio of a deflated entry. */
    static final int MAX_RATIO = 200;

    private static final int LOCAL_SIG = 0x04034b50;
    private static final int CENTRAL_SIG = 0x02014b50;
    private static final int END_SIG = 0x06054b50;
    private static final int END64_LOCATOR_SIG = 0x07064b50;
    private static final int END64_SIG = 0x06064b50;
    private static final long U32_MAX = 0xFFFFFFFFL;

    /** One central-directory record; sizes and offset as declared (not trusted). */
    private record Entry(String name, int flags, int method, long crc, long compressedSize, long size,
                         long localOffset) {
    }

    private final byte[] bytes;
    private final String source;
    private final Map<String, Entry> entries;

    private ZipArchive(byte[] bytes, String source, Map<String, Entry> entries) {
        this.bytes = bytes;
        this.source = source;
        this.entries = entries;
    }

    /**
     * Parses the central directory and checks every entry name.
     *
     * @param bytes  the whole archive (not copied; do not modify it afterwards)
     * @param source the archive's name for messages
     * @throws InputException if the bytes are not a ZIP archive, are truncated or corrupt, list too many
     *                        entries, or hold an unsafe or duplicate entry name
     */
    static ZipArchive open(byte[] bytes, String source) {
        if (bytes.length < 4 || !(u32(bytes, 0) == LOCAL_SIG || u32(bytes, 0) == END_SIG)) {
            throw new InputException(source, "not a ZIP archive (starts with " + preview(bytes)
                    + "); expected a Croissant .zip");
        }
        int end = findEnd(bytes);
        if (end < 0) {
            throw corrupt(source, "no end-of-central-directory record (the file is truncated or corrupt)");
        }
        long count = u16(bytes, end + 10);
        long cdSize = u32(bytes, end + 12);
        long cdOffset = u32(bytes, end + 16);
        if (count == 0xFFFF || cdSize == U32_MAX || cdOffset == U32_MAX) {
            long[] z = readZip64End(bytes, end, source);
            count = z[0];
            cdSize = z[1];
            cdOffset = z[2];
        }
        if (count < 0 || cdSize < 0 || cdOffset < 0) {
            throw corrupt(source, "central directory has a negative size, offset or entry count (ZIP64 values "
                    + count + ", " + cdSize + ", " + cdOffset + ")");
        }
        if (count > MAX_ENTRIES) {
            throw new InputException(source, "archive lists " + count + " entries; at most " + MAX_ENTRIES
                    + " are allowed");
        }
        if (cdOffset + cdSize > end) {
            throw corrupt(source, "central directory (offset " + cdOffset + ", " + cdSize
                    + " bytes) lies outside the file (the file is truncated or corrupt)");
        }
        return new ZipArchive(bytes, source, readDirectory(bytes, source, (int) count, cdOffset, cdOffset + cdSize));
    }

    /** Entry names in central-directory order. */
    List<String> names() {
        return Collections.unmodifiableList(new ArrayList<>(entries.keySet()));
    }

    /** Whether an entry of exactly this name exists. */
    boolean contains(String name) {
        return entries.containsKey(name);
    }

    /**
     * Decompresses one entry, enforcing the size and ratio limits while inflating and verifying its CRC-32.
     *
     * @param name exact entry name
     * @return the entry's uncompressed bytes
     * @throws InputException if the entry is missing, encrypted, uses another method, is corrupt or
     *                        truncated, or exceeds a limit
     */
    byte[] read(String name) {
        Entry e = entries.get(name);
        if (e == null) {
            throw new InputException(source, "entry '" + name + "' not found");
        }
        String where = "entry '" + name + "'";
        checkDeclared(e, where);
        int dataStart = dataStart(e, where);
        byte[] out = e.method() == 0 ? stored(e, dataStart, where) : inflate(e, dataStart, where);
        CRC32 crc = new CRC32();
        crc.update(out);
        if (crc.getValue() != e.crc()) {
            throw corrupt(source, where + ": CRC-32 mismatch (header " + Long.toHexString(e.crc()) + ", data "
                    + Long.toHexString(crc.getValue()) + ")");
        }
        return out;
    }

    private void checkDeclared(Entry e, String where) {
        if ((e.flags() & 1) != 0) {
            throw new InputException(source, where + ": encrypted entries are not supported");
        }
        if (e.method() != 0 && e.method() != 8) {
            throw new InputException(source, where + ": compression method " + e.method()
                    + " is not supported (only STORED and DEFLATED)");
        }
        if (e.size() > MAX_ENTRY_BYTES || e.compressedSize() > MAX_ENTRY_BYTES) {
            throw tooLarge(where, Math.max(e.size(), e.compressedSize()));
        }
        if (e.method() == 8 && e.size() > (long) MAX_RATIO * Math.max(1, e.compressedSize())) {
            throw tooCompressed(where, e.size(), e.compressedSize());
        }
    }

    private int dataStart(Entry e, String where) {
        long off = e.localOffset();
        if (off + 30 > bytes.length || u32(bytes, (int) off) != LOCAL_SIG) {
            throw corrupt(source, where + ": no local header at offset " + off);
        }
        long start = off + 30 + u16(bytes, (int) off + 26) + u16(bytes, (int) off + 28);
        if (start + e.compressedSize() > bytes.length) {
            throw corrupt(source, where + ": data runs past the end of the file (the file is truncated)");
        }
        return (int) start;
    }

    private byte[] stored(Entry e, int start, String where) {
        if (e.compressedSize() != e.size()) {
            throw corrupt(source, where + ": STORED entry declares " + e.compressedSize() + " stored but "
                    + e.size() + " uncompressed bytes");
        }
        byte[] out = new byte[(int) e.size()];
        System.arraycopy(bytes, start, out, 0, out.length);
        return out;
    }

    private byte[] inflate(Entry e, int start, String where) {
        Inflater inflater = new Inflater(true);
        try {
            inflater.setInput(bytes, start, (int) e.compressedSize());
            ByteArrayOutputStream out = new ByteArrayOutputStream((int) Math.min(e.size(), 1 << 20));
            byte[] chunk = new byte[1 << 16];
            while (!inflater.finished()) {
                int n = inflater.inflate(chunk);
                if (n == 0 && !inflater.finished()) {
                    throw corrupt(source, where + ": compressed data ends early (the entry is truncated)");
                }
                long produced = (long) out.size() + n;
                checkInflated(e, where, produced);
                out.write(chunk, 0, n);
            }
            if (out.size() != e.size()) {
                throw corrupt(source, where + ": inflates to " + out.size() + " bytes but its header declares "
                        + e.size());
            }
            return out.toByteArray();
        } catch (DataFormatException ex) {
            throw new InputException(source, where + ": corrupt compressed data (" + ex.getMessage() + ")", ex);
        } finally {
            inflater.end();
        }
    }

    private void checkInflated(Entry e, String where, long produced) {
        if (produced > MAX_ENTRY_BYTES) {
            throw tooLarge(where, produced);
        }
        if (produced > (long) MAX_RATIO * Math.max(1, e.compressedSize())) {
            throw tooCompressed(where, produced, e.compressedSize());
        }
        if (produced > e.size()) {
            throw corrupt(source, where + ": inflates to more than the " + e.size()
                    + " bytes its header declares");
        }
    }

    private InputException tooLarge(String where, long size) {
        return new InputException(source, where + ": " + size + " bytes uncompressed exceeds the limit of "
                + MAX_ENTRY_BYTES + " bytes (512 MiB) per entry");
    }

    private InputException tooCompressed(String where, long size, long compressed) {
        return new InputException(source, where + ": compression ratio " + size + "/" + compressed
                + " exceeds the limit of " + MAX_RATIO + " (possible zip bomb)");
    }

    private static Map<String, Entry> readDirectory(byte[] b, String source, int count, long from, long to) {
        Map<String, Entry> out = new LinkedHashMap<>();
        long p = from;
        for (int i = 0; i < count; i++) {
            if (p + 46 > to || u32(b, (int) p) != CENTRAL_SIG) {
                throw corrupt(source, "central directory record " + (i + 1) + " of " + count
                        + " is missing or damaged at offset " + p);
            }
            int at = (int) p;
            int nameLen = u16(b, at + 28);
            long next = p + 46 + nameLen + u16(b, at + 30) + u16(b, at + 32);
            if (next > to) {
                throw corrupt(source, "central directory record " + (i + 1) + " runs past the directory's end");
            }
            String name = new String(b, at + 46, nameLen, StandardCharsets.UTF_8);
            EntryNames.checkSafe(name, source, "entry");
            if (out.containsKey(name)) {
                throw new InputException(source, "entry '" + name + "' appears twice in the archive");
            }
            out.put(name, new Entry(name, u16(b, at + 8), u16(b, at + 10), u32(b, at + 16), u32(b, at + 20),
                    u32(b, at + 24), u32(b, at + 42)));
            p = next;
        }
        return out;
    }

    private static long[] readZip64End(byte[] b, int end, String source) {
        int loc = end - 20;
        if (loc < 0 || u32(b, loc) != END64_LOCATOR_SIG) {
            throw corrupt(source, "ZIP64 fields without a ZIP64 end-of-central-directory locator");
        }
        long at = u64(b, loc + 8);
        if (at < 0 || at + 56 > loc || u32(b, (int) at) != END64_SIG) {
            throw corrupt(source, "ZIP64 end-of-central-directory record missing at offset " + at);
        }
        return new long[] {u64(b, (int) at + 32), u64(b, (int) at + 40), u64(b, (int) at + 48)};
    }

    private static int findEnd(byte[] b) {
        int lowest = Math.max(0, b.length - 22 - 0xFFFF);
        for (int i = b.length - 22; i >= lowest; i--) {
            if (u32(b, i) == END_SIG && i + 22 + u16(b, i + 20) <= b.length) {
                return i;
            }
        }
        return -1;
    }

    private static InputException corrupt(String source, String what) {
        return new InputException(source, "truncated or corrupt ZIP archive: " + what);
    }

    private static String preview(byte[] b) {
        StringBuilder hex = new StringBuilder();
        for (int i = 0; i < Math.min(4, b.length); i++) {
            hex.append(String.format("%02x ", b[i] & 0xff));
        }
        return b.length == 0 ? "an empty file" : "bytes " + hex.toString().trim();
    }

    private static int u16(byte[] b, int i) {
        return (b[i] & 0xff) | (b[i + 1] & 0xff) << 8;
    }

    private static long u32(byte[] b, int i) {
        return (u16(b, i) | (long) u16(b, i + 2) << 16) & U32_MAX;
    }

    private static long u64(byte[] b, int i) {
        return u32(b, i) | u32(b, i + 4) << 32;
    }
}
