package org.neuralode.report;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What one cross-validation task (grid point, fold, ensemble member) produced, as the report reads it.
 *
 * @param id          task id, e.g. {@code g001-f011-m000}
 * @param gridIndex   0-based grid point
 * @param grid        the grid point's swept keys and values, in sweep order (empty without a sweep)
 * @param fold        0-based fold
 * @param member      0-based ensemble member
 * @param status      {@link #COMPLETED}, {@link #DIVERGED} or {@link #FAILED}
 * @param message     why a task did not complete (null when it did)
 * @param heldOut     ids of the held-out measurements, in dataset order
 * @param train       metrics on the (augmented) training side as {@code MetricSet.toMap()}, null if none
 * @param validation  metrics on the held-out side as {@code MetricSet.toMap()}, null if none
 * @param predictions predictions of the held-out measurements (empty if the task failed)
 */
public record CvTaskResult(String id, int gridIndex, Map<String, Object> grid, int fold, int member,
                           String status, String message, List<String> heldOut, Map<String, Object> train,
                           Map<String, Object> validation, List<CvPrediction> predictions) {

    /** Trained through every phase; metrics and predictions present. */
    public static final String COMPLETED = "completed";
    /** Training stopped after too many failed updates; metrics are those of the last good model. */
    public static final String DIVERGED = "diverged";
    /** The trained model could not predict the data (a solve failed); no metrics. */
    public static final String FAILED = "failed";

    /** Copies the collections (the maps keep their order; null metric values mean "undefined"). */
    public CvTaskResult {
        grid = Collections.unmodifiableMap(new LinkedHashMap<>(grid));
        heldOut = List.copyOf(heldOut);
        train = train == null ? null : Collections.unmodifiableMap(new LinkedHashMap<>(train));
        validation = validation == null ? null : Collections.unmodifiableMap(new LinkedHashMap<>(validation));
        predictions = List.copyOf(predictions);
    }

    /** True for {@link #COMPLETED} tasks, the only ones that enter the summary statistics. */
    public boolean completed() {
        return COMPLETED.equals(status);
    }
}
