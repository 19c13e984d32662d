package org.neuralode.data;

import java.time.LocalDateTime;
import java.time.ZoneId;

/**
 * The dataset-level Croissant properties Catalax reads and writes. Null (or empty) values are omitted from
 * a written {@code croissant.json}, as {@code mlcroissant} does.
 *
 * @param name          Croissant {@code name} (required by Croissant; Catalax uses the dataset name)
 * @param description   {@code description}, may be null
 * @param citeAs        {@code citeAs}, may be null
 * @param datePublished {@code datePublished} as written, e.g. Python's {@code str(datetime)}
 *                      {@code "2025-08-09 02:23:35.770892"}; may be null
 * @param license       {@code license}, default {@value #DEFAULT_LICENSE}
 * @param version       {@code version}, default {@value #DEFAULT_VERSION}
 */
public record CroissantMetadata(String name, String description, String citeAs, String datePublished,
                                String license, String version) {

    /** Catalax's default licence. */
    public static final String DEFAULT_LICENSE = "CC BY-SA 4.0";
    /** Catalax's default dataset version. */
    public static final String DEFAULT_VERSION = "1.0.0";

    /**
     * Catalax-style defaults for a dataset: name = dataset name (or id when it has none), its description,
     * {@code citeAs} = name, {@code datePublished} = now (system time zone) in Python's {@code str(datetime)}
     * form, licence {@value #DEFAULT_LICENSE}, version {@value #DEFAULT_VERSION}.
     */
    public static CroissantMetadata defaults(Dataset dataset) {
        String name = dataset.name() != null ? dataset.name() : dataset.id();
        return new CroissantMetadata(name, dataset.description(), name,
                pythonDateTime(LocalDateTime.now(ZoneId.systemDefault())), DEFAULT_LICENSE, DEFAULT_VERSION);
    }

    /**
     * Python's {@code str(datetime)}: {@code YYYY-MM-DD HH:MM:SS} plus {@code .ffffff} (microseconds) when
     * they are not zero.
     */
    public static String pythonDateTime(LocalDateTime t) {
        String base = String.format("%04d-%02d-%02d %02d:%02d:%02d", t.getYear(), t.getMonthValue(),
                t.getDayOfMonth(), t.getHour(), t.getMinute(), t.getSecond());
        int micros = t.getNano() / 1000;
        return micros == 0 ? base : base + String.format(".%06d", micros);
    }
}
