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

    /** Reads a dataset; every problem is an {@link InputException} naming the file. */
    public static Dataset load(String location) {
        if (location.endsWith(".zip")) {
            return CroissantReader.read(Storage.read(location), location);
        }
        String dir = csvDirectory(location);
        String measurements = Storage.resolve(dir, "measurements.csv");
        String inits = Storage.resolve(dir, "inits.csv");
        if (!Storage.exists(measurements) || !Storage.exists(inits)) {
            throw new InputException(location, "is neither a Croissant .zip nor a directory holding "
                    + "measurements.csv and inits.csv");
        }
        return CsvDatasetReader.read(Storage.read(measurements), Storage.read(inits), dir);
    }

    /** The md5 and sha256 of a dataset's bytes (of both CSV files, concatenated, for a CSV pair). */
    public static Map<String, String> fingerprint(String location) {
        byte[] bytes;
        if (location.endsWith(".zip")) {
            bytes = Storage.read(location);
        } else {
            String dir = csvDirectory(location);
            byte[] a = Storage.read(Storage.resolve(dir, "measurements.csv"));
            byte[] b = Storage.read(Storage.resolve(dir, "inits.csv"));
            bytes = Arrays.copyOf(a, a.length + b.length);
            System.arraycopy(b, 0, bytes, a.length, b.length);
        }
        Map<String, String> m = new LinkedHashMap<>();
        m.put("path", location);
        m.put("md5", Hashes.md5(bytes));
        m.put("sha256", Hashes.sha256(bytes));
        return m;
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
