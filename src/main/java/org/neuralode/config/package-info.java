/**
 * The job configuration: one validated tree of Jackson-bound records.
 *
 * <p>Defaults live once, in {@code defaults.yaml} beside these classes. {@link org.neuralode.config.ConfigLoader}
 * merges the user's YAML and {@code --set} overrides over them, refuses unknown keys and wrong types, and
 * {@link org.neuralode.config.JobConfig#validate(String)} checks ranges; every message names the key path
 * and the value.
 */
package org.neuralode.config;
