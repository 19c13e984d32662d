package org.neuralode.data;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.LocalDateTime;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.neuralode.InputException;

/**
 * Writes a dataset as a Catalax Croissant archive, in exactly Catalax's layout (Catalax's Croissant layout):
 * a ZIP with STORED entries, one {@code <measurementId>.jsonl} per measurement in dataset order, then
 * {@code croissant.json}.
 *
 * <p>JSONL: one line per time point, {@code {"s1": 299.6349182128906, "time": 0.0}}, data states in the
 * measurement's map order then {@code time}, Python {@code json.dumps} spacing and Python float repr;
 * lines joined by {@code \n} without a trailing newline. A missing point ({@code NaN}) omits that key on
 * that line (Catalax would write the non-JSON token {@code NaN}).
 *
 * <p>{@code croissant.json}: {@code json.dumps(..., indent=2) + "\n"} of the document {@code mlcroissant}
 * produces (see {@link CroissantJsonLayout}), with the MD5 of every JSONL file. Given the metadata read from
 * a Catalax archive, the {@code croissant.json} written is byte-identical to the original.
 *
 * <p>Entry timestamps are taken from {@code datePublished} (1980-01-01 when it does not parse), so equal
 * inputs give equal bytes. Stateless and thread-safe.
 */
public final class CroissantWriter {

    private static final LocalDateTime DOS_EPOCH = LocalDateTime.of(1980, 1, 1, 0, 0);

    private CroissantWriter() {
    }

    /**
     * Writes with {@link CroissantMetadata#defaults(Dataset) Catalax's defaults} (citeAs = name,
     * datePublished = now, licence {@code CC BY-SA 4.0}, version {@code 1.0.0}).
     *
     * @see #write(Dataset, CroissantMetadata)
     */
    public static byte[] write(Dataset dataset) {
        return write(dataset, CroissantMetadata.defaults(dataset));
    }

    /**
     * @param dataset  a valid dataset; measurement ids become file names, so they must not contain
     *                 {@code /} or {@code \}
     * @param metadata dataset-level Croissant properties; null or empty ones are omitted
     * @return the archive's bytes
     * @throws InputException if the dataset breaks a {@link DatasetValidator} rule or an id is not a safe
     *                        file name
     */
    public static byte[] write(Dataset dataset, CroissantMetadata metadata) {
        String source = "dataset '" + (dataset.name() != null ? dataset.name() : dataset.id()) + "'";
        DatasetValidator.validate(dataset, source);
        Map<String, byte[]> entries = new LinkedHashMap<>();
        Map<String, String> md5 = new LinkedHashMap<>();
        for (Measurement m : dataset.measurements()) {
            checkFileName(m.id(), source);
            byte[] jsonl = jsonl(m).getBytes(StandardCharsets.UTF_8);
            entries.put(m.id() + ".jsonl", jsonl);
            md5.put(m.id(), Hashes.md5(jsonl));
        }
        String json = PythonJsonWriter.indented(CroissantJsonLayout.document(dataset, metadata, md5)) + "\n";
        entries.put(CroissantDocument.ENTRY, json.getBytes(StandardCharsets.UTF_8));
        return storedZip(entries, entryTime(metadata.datePublished()));
    }

    /**
     * One measurement as Catalax JSONL (no trailing newline).
     *
     * @return e.g. {@code {"s1": 299.6349182128906, "time": 0.0}\n{"s1": ...}}
     */
    public static String jsonl(Measurement m) {
        StringBuilder sb = new StringBuilder(m.length() * (24 + 24 * m.data().size()));
        for (int t = 0; t < m.length(); t++) {
            if (t > 0) {
                sb.append('\n');
            }
            sb.append('{');
            for (Map.Entry<String, double[]> e : m.data().entrySet()) {
                double v = e.getValue()[t];
                if (!Double.isNaN(v)) {
                    PythonJsonWriter.quote(sb, e.getKey());
                    sb.append(": ").append(PythonFloatFormat.repr(v)).append(", ");
                }
            }
            sb.append("\"time\": ").append(PythonFloatFormat.repr(m.time()[t])).append('}');
        }
        return sb.toString();
    }

    /** The id names a top-level entry that {@link CroissantReader} accepts (no folders, no escapes). */
    private static void checkFileName(String id, String source) {
        if (id.indexOf('/') >= 0) {
            throw new InputException(source, "measurement id '" + id + "' cannot be a file name in the archive "
                    + "(contains '/')");
        }
        EntryNames.checkSafe(id + ".jsonl", source, "file name of measurement '" + id + "'");
    }

    private static byte[] storedZip(Map<String, byte[]> entries, LocalDateTime time) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes, StandardCharsets.UTF_8)) {
            for (Map.Entry<String, byte[]> e : entries.entrySet()) {
                ZipEntry entry = new ZipEntry(e.getKey());
                byte[] content = e.getValue();
                CRC32 crc = new CRC32();
                crc.update(content);
                entry.setMethod(ZipEntry.STORED);
                entry.setSize(content.length);
                entry.setCompressedSize(content.length);
                entry.setCrc(crc.getValue());
                entry.setTimeLocal(time);
                zip.putNextEntry(entry);
                zip.write(content);
                zip.closeEntry();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e); // in-memory streams do not fail
        }
        return bytes.toByteArray();
    }

    private static LocalDateTime entryTime(String datePublished) {
        if (datePublished == null) {
            return DOS_EPOCH;
        }
        try {
            LocalDateTime t = LocalDateTime.parse(datePublished.strip().replace(' ', 'T'));
            return t.getYear() < 1980 || t.getYear() > 2107 ? DOS_EPOCH : t;
        } catch (DateTimeParseException e) {
            return DOS_EPOCH;
        }
    }
}
