package org.neuralode.data;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.neuralode.InputException;

/**
 * Reads a Catalax Croissant archive: a ZIP holding {@code croissant.json} and one JSONL file per measurement
 * (see Catalax's Croissant layout and {@link CroissantWriter} for the layout).
 *
 * <p>Record sets whose {@code @id} contains {@code /inits} hold a measurement's initial conditions inline
 * ({@code data}: an object, or a one-element list of one; keys {@code <mid>/inits/<state>}); every other
 * record set is a measurement whose fields name the JSONL columns, found through
 * {@code source.fileObject.@id} -> {@code distribution[].contentUrl}. Each file's {@code md5} (and
 * {@code sha256}) is verified when declared. Measurements keep the record-set order; dataset states are the
 * sorted union of all data columns; missing points ({@code null}, {@code NaN}, absent key) are {@code NaN};
 * measurements may differ in length.
 *
 * <p>Everything that can be wrong with an upload is an {@link InputException} (exit code 2) whose message
 * names the archive, the entry, line or JSON path, the key and the value; see {@link ZipArchive} for the
 * archive limits. Stateless and thread-safe.
 */
public final class CroissantReader {

    /** The file-object and record-set description Catalax writes when a measurement has none. */
    static final String DEFAULT_DESCRIPTION = "JSON Lines file containing measurement data and initial conditions.";

    private CroissantReader() {
    }

    /**
     * Reads the dataset of a Croissant archive.
     *
     * @param zipBytes the archive's bytes
     * @param source   the archive's file name, used in messages
     * @return the validated dataset
     * @throws InputException if the archive or its content is invalid
     */
    public static Dataset read(byte[] zipBytes, String source) {
        return readFile(zipBytes, source).dataset();
    }

    /**
     * Reads the dataset and its Croissant metadata (name, description, citeAs, datePublished, license,
     * version).
     *
     * @param zipBytes the archive's bytes
     * @param source   the archive's file name, used in messages
     * @return dataset and metadata
     * @throws InputException if the archive or its content is invalid
     */
    public static CroissantFile readFile(byte[] zipBytes, String source) {
        ZipArchive zip = ZipArchive.open(zipBytes, source);
        if (!zip.contains(CroissantDocument.ENTRY)) {
            throw new InputException(source, "no croissant.json at the top of the archive" + nestedHint(zip));
        }
        CroissantDocument doc = CroissantDocument.parse(zip.read(CroissantDocument.ENTRY), source);
        if (doc.measurements.isEmpty()) {
            throw new InputException(source, "croissant.json declares no measurement record sets (empty dataset)");
        }
        checkInitsHaveMeasurements(doc, source);
        List<Measurement> measurements = new ArrayList<>(doc.measurements.size());
        for (CroissantDocument.MeasurementSet set : doc.measurements) {
            measurements.add(readMeasurement(zip, doc, set, source));
        }
        String name = doc.metadata.name() != null ? doc.metadata.name() : source;
        String id = doc.datasetId != null ? doc.datasetId : source;
        Dataset dataset = Dataset.of(id, name, doc.metadata.description(), measurements);
        DatasetValidator.validate(dataset, source);
        return new CroissantFile(dataset, doc.metadata);
    }

    private static Measurement readMeasurement(ZipArchive zip, CroissantDocument doc,
                                               CroissantDocument.MeasurementSet set, String source) {
        String mid = set.id();
        Map<String, Double> inits = doc.inits.get(mid);
        if (inits == null) {
            throw new InputException(source, "measurement '" + mid + "' has no initial conditions (no record set '"
                    + mid + "/inits' in croissant.json)");
        }
        String entry = dataEntry(zip, doc, set, source);
        JsonLinesReader.Series series = JsonLinesReader.read(zip.read(entry), set.states(), source, entry);
        for (String state : set.states()) {
            if (!inits.containsKey(state)) {
                throw new InputException(source, "measurement '" + mid + "': state '" + state + "' has data in entry '"
                        + entry + "' but no initial condition in record set '" + mid + "/inits' (has "
                        + inits.keySet() + ")");
            }
        }
        String name = mid.equals(set.name()) ? null : set.name();
        String description = DEFAULT_DESCRIPTION.equals(set.description()) ? null : set.description();
        return new Measurement(mid, name, description, inits, series.time(), series.data());
    }

    /** Resolves the record set's file object to a safe, present, checksum-verified entry name. */
    private static String dataEntry(ZipArchive zip, CroissantDocument doc, CroissantDocument.MeasurementSet set,
                                    String source) {
        CroissantDocument.FileRef file = doc.files.get(set.fileObjectId());
        if (file == null) {
            throw new InputException(source, "record set '" + set.id() + "' reads file object '"
                    + set.fileObjectId() + "', which is not declared in 'distribution'");
        }
        String url = file.contentUrl();
        if (url == null) {
            throw new InputException(source, "file object '" + file.id() + "' has no contentUrl");
        }
        EntryNames.checkSafe(url, source, "contentUrl of file object '" + file.id() + "'");
        String entry = url.startsWith("./") ? url.substring(2) : url;
        if (!zip.contains(entry)) {
            throw new InputException(source, "data file '" + entry + "' (contentUrl of file object '" + file.id()
                    + "') is missing from the archive");
        }
        byte[] bytes = zip.read(entry);
        verify("md5", file.md5(), Hashes.md5(bytes), entry, source);
        if (file.sha256() != null) {
            verify("sha256", file.sha256(), Hashes.sha256(bytes), entry, source);
        }
        return entry;
    }

    private static void verify(String algorithm, String declared, String actual, String entry, String source) {
        if (declared != null && !declared.equalsIgnoreCase(actual)) {
            throw new InputException(source, "entry '" + entry + "': " + algorithm + " is " + actual
                    + " but croissant.json declares " + declared + " (the file was modified or corrupted)");
        }
    }

    private static void checkInitsHaveMeasurements(CroissantDocument doc, String source) {
        Set<String> ids = new HashSet<>();
        doc.measurements.forEach(m -> ids.add(m.id()));
        for (String mid : doc.inits.keySet()) {
            if (!ids.contains(mid)) {
                throw new InputException(source, "record set '" + mid + "/inits' holds initial conditions but there "
                        + "is no measurement record set '" + mid + "'");
            }
        }
    }

    private static String nestedHint(ZipArchive zip) {
        for (String name : zip.names()) {
            if (name.endsWith("/" + CroissantDocument.ENTRY)) {
                return " (found '" + name + "'; zip the folder's contents, not the folder)";
            }
        }
        return " (entries: " + zip.names().stream().limit(5).toList() + (zip.names().size() > 5 ? "..." : "") + ")";
    }
}
