package org.neuralode.spark.cv;

import org.apache.spark.api.java.JavaSparkContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * Base of the test classes that share one local[2] Spark context per class, stopped after the class (public
 * for the Spark tests of other packages).
 */
public abstract class LocalSparkTest {

    /** The class's context. */
    protected static JavaSparkContext sc;

    @BeforeAll
    static void startSpark() {
        sc = CvTestConfigs.localContext(2);
    }

    @AfterAll
    static void stopSpark() {
        if (sc != null) {
            sc.stop();
            sc = null;
        }
    }
}
