package org.neuralode.data;

/**
 * What a Croissant archive holds: the dataset and its dataset-level metadata.
 *
 * @param dataset  the measurements, validated
 * @param metadata name, description, citeAs, datePublished, license and version as found in
 *                 {@code croissant.json} (absent ones are null)
 */
public record CroissantFile(Dataset dataset, CroissantMetadata metadata) {
}
