package org.neuralode.nn.batch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import org.junit.jupiter.api.Test;
import org.neuralode.nn.Activation;
import org.neuralode.nn.MlpSpec;
import org.neuralode.ode.batch.BatchField;

class EngineChoiceTest {

    @Test
    void narrowOrShallowNetworksStayOnTheJvm() {
        for (int rows : new int[] {0, 1, 20, 20_000, 1_000_000}) {
            for (int width : new int[] {1, 4, 16, 32, 63}) {
                assertEquals(EngineChoice.JVM, EngineChoice.choose(rows, width, 3), rows + " x " + width);
            }
            for (int width : new int[] {64, 256, 1024}) {
                assertEquals(EngineChoice.JVM, EngineChoice.choose(rows, width, 1), "one hidden layer, " + width);
            }
        }
    }

    @Test
    void wideDeepNetworksGoNativeWhereMeasured() {
        // with either product back-end: 256 wide from 20 rows, 64 wide from 200 rows (see the Javadoc tables)
        assertEquals(EngineChoice.ND4J, EngineChoice.choose(20, 256, 2));
        assertEquals(EngineChoice.ND4J, EngineChoice.choose(200, 64, 2));
        boolean blas = Nd4jBatchField.Gemm.best() == Nd4jBatchField.Gemm.OPENBLAS;
        assertEquals(blas ? EngineChoice.ND4J : EngineChoice.JVM, EngineChoice.choose(20, 64, 2));
    }

    @Test
    void newFieldBuildsTheEngine() {
        MlpSpec spec = new MlpSpec(1, 4, 1, Activation.TANH);
        assertInstanceOf(JvmBatchField.class, EngineChoice.JVM.newField(spec, 1.0, 10));
        BatchField f = EngineChoice.ND4J.newField(spec, 1.0, 10);
        assertInstanceOf(Nd4jBatchField.class, f);
        assertEquals(10, f.maxRows());
    }
}
