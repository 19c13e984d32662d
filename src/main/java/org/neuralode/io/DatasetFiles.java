package org.neuralode.io;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import org.neuralode.InputException;
import org.neuralode.data.CroissantReader;
import org.neuralode.data.CroissantWriter;
import org.neuralode.data.CsvDatasetReader;
import org.neuralode.data.CsvDatasetWriter;
import org.neuralode.data.Dataset;
import org.neuralode.data.Hashes;

/**
 * Loads and saves datasets by location, choosing the format from the name: a {@code .zip} is a Croissant
 * archive (Catalax's layout); a directory, or a path to {@code measurements.csv}, is Catalax's CSV pair
 * ({@code measurements.csv} + {@code inits.csv}).
 */
public final class DatasetFiles {

    private DatasetFiles() {
    }

    /** A dataset with the md5 and sha256 of the bytes it was read from (both CSV files, in order, for a pair). */
    public record Fingerprinted(Dataset dataset, Map<String, String> fingerprint) { }

    /** The bytes of a dataset: a Croissant zip, or the two files of a CSV pair. */
    private record Source(String location, byte[] zip, String csvDir, byte[] measurements, byte[] inits) {

        Dataset parse() {
            return zip != null ? CroissantReader.read(zip, location)
                    : CsvDatasetReader.read(measurements, inits, csvDir);
        }

        Map<String, String> fingerprint() {
            byte[] bytes = zip;
            if (bytes == null) {
                bytes = Arrays.copyOf(measurements, measurements.length + inits.length);
                System.arraycopy(inits, 0, bytes, measurements.length, inits.length);
            }
            Map<String, String> m = new LinkedHashMap<>();
            m.put("path", location);
            m.put("md5", Hashes.md5(bytes));
            m.put("sha256", Hashes.sha256(bytes));
            return m;
        }
    }

    /** Reads a dataset; every problem is an {@link InputException} naming the file. */
    public static Dataset load(String location) {
        return read(location).parse();
    }

    /** Reads a dataset once and hashes the same bytes (for provenance). */
    public static Fingerprinted loadFingerprinted(String location) {
        Source source = read(location);
        return new Fingerprinted(source.parse(), source.fingerprint());
    }

    private static Source read(String location) {
        if (location.endsWith(".zip")) {
            return new Source(location, Storage.read(location), null, null, null);
        }
        String dir = csvDirectory(location);
        String measurements = Storage.resolve(dir, "measurements.csv");
        String inits = Storage.resolve(dir, "inits.csv");
        if (!Storage.exists(measurements) || !Storage.exists(inits)) {
            throw new InputException(location, "is neither a Croissant .zip nor a directory holding "
                    + "measurements.csv and inits.csv");
        }
        return new Source(location, null, dir, Storage.read(measurements), Storage.read(inits));
    }

    private static String csvDirectory(String location) {
        return location.endsWith("measurements.csv")
                ? location.substring(0, location.length() - "measurements.csv".length()) : location;
    }

    /** Writes a dataset atomically: Croissant for {@code .zip}, else the CSV pair into a directory. */
    public static void save(Dataset d, String location) {
        if (location.endsWith(".zip")) {
            Storage.writeAtomically(location, CroissantWriter.write(d));
            return;
        }
        Storage.writeAtomically(Storage.resolve(location, "measurements.csv"),
                CsvDatasetWriter.measurements(d));
        Storage.writeAtomically(Storage.resolve(location, "inits.csv"), CsvDatasetWriter.inits(d));
    }
}
