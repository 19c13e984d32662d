package org.neuralode.spark.cv;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;

/** Tiny cv configurations on the shipped 12-measurement Michaelis-Menten dataset, and a test Spark context. */
final class CvTestConfigs {

    /** The shipped dataset, relative to the project root (the tests' working directory). */
    static final String DATASET = "datasets/michaelis-menten.zip";

    private CvTestConfigs() {
    }

    /**
     * A config with one short phase (so a task trains in about 0.1 s), a given validation and sweep.
     *
     * @param validation YAML flow map for dataset.validation
     * @param sweep      YAML flow map for sweep
     * @param members    ensemble members
     * @param steps      optimiser steps
     */
    static byte[] yaml(String validation, String sweep, int members, int steps) {
        return yaml(DATASET, validation, sweep, members, steps);
    }

    /** {@link #yaml(String, String, int, int)} on the dataset at {@code dataset} (a copy of the shipped one). */
    static byte[] yaml(String dataset, String validation, String sweep, int members, int steps) {
        String text = "dataset:\n"
                + "  path: " + dataset + "\n"
                + "  augment: {n: 1, sigma: 0.01, seed: 42}\n"
                + "  validation: " + validation + "\n"
                + "model: {width: 4, depth: 1, activation: selu, weight_scale: 1.0e-3, seed: 3}\n"
                + "strategy:\n"
                + "  - {lr: 3.0e-3, steps: " + steps + ", batch_size: 6, length: 1.0}\n"
                + "training: {seed: 11}\n"
                + "sweep: " + sweep + "\n"
                + "ensemble: {members: " + members + "}\n";
        return text.getBytes(StandardCharsets.UTF_8);
    }

    /** Leave-one-out over a 2-point grid of widths: 24 tasks. */
    static CvPlan leaveOneOutTwoPoints() {
        return CvPlan.load(yaml("{leave_one_out: true}", "{model.width: [3, 4]}", 1, 20), "loo.yaml", List.of());
    }

    /** A local[2] context without UI, for tests (the caller stops it). */
    static JavaSparkContext localContext(int threads) {
        SparkConf conf = new SparkConf().setMaster("local[" + threads + "]").setAppName("cv-test")
                .set("spark.ui.enabled", "false").set("spark.ui.showConsoleProgress", "false")
                .set("spark.driver.host", "127.0.0.1");
        return new JavaSparkContext(conf);
    }
}
