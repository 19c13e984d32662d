package org.neuralode.spark.avg;

import java.util.HashMap;
import java.util.Map;
import org.neuralode.train.BatchSampler;
import org.neuralode.train.LossFunction;
import org.neuralode.train.Trainer;

/**
 * What an executor keeps of one partition of a training run between rounds: the loss function with its solver
 * workspaces and row buffers (built once per run, grown once), and the batch sampler where the partition's
 * last round left it (so a round neither rebuilds buffers nor fast-forwards its sampler). The shard itself is a
 * cached RDD partition; a round ships only parameters, optimiser state and counters.
 *
 * <p>Results never depend on whether a task finds its state here: a loss function's results do not depend on
 * what it computed before (local training reuses one for a whole run), and a sampler is reused only when it
 * stands exactly where the round starts; otherwise (a first round, a task retried on another executor, a new
 * phase) a fresh one is built and positioned. A task takes its partition's state out while it works and puts it
 * back when done, so two attempts of one partition never share it. An executor keeps the states of one run
 * only: putting back a state of a new run drops the others. Thread-safe.
 */
final class ResidentState {

    private record Key(String run, int partition) { }

    private static final Map<Key, ResidentState> STATES = new HashMap<>();

    private final LossFunction loss;
    private BatchSampler sampler;
    private int phaseIndex = -1;
    private int batch;

    private ResidentState(LossFunction loss) {
        this.loss = loss;
    }

    /** Takes partition {@code partition}'s state of the run out of this executor's store, or builds it. */
    static ResidentState take(TrainingSetup setup, int partition) {
        synchronized (STATES) {
            ResidentState s = STATES.remove(new Key(setup.run(), partition));
            if (s != null) {
                return s;
            }
        }
        return new ResidentState(setup.loss());
    }

    /** Puts this state back for the partition's next round, dropping any other run's states. */
    void putBack(TrainingSetup setup, int partition) {
        synchronized (STATES) {
            STATES.keySet().removeIf(k -> !k.run().equals(setup.run()));
            STATES.put(new Key(setup.run(), partition), this);
        }
    }

    /** States held by this executor (for tests). */
    static int held() {
        synchronized (STATES) {
            return STATES.size();
        }
    }

    /** The partition's loss function (not thread-safe: one task at a time holds this state). */
    LossFunction loss() {
        return loss;
    }

    /**
     * The batch sampler of phase {@code phaseIndex} with batch {@code b} over {@code n} trajectories, seeded by
     * (seed, phase, partition) as local training's is for partition 0, positioned after the phase's first
     * {@code drawn} batches: the one the previous round left when it stands there, else a new one
     * fast-forwarded.
     */
    BatchSampler sampler(long seed, int partition, int phaseIndex, int n, int b, int drawn) {
        if (sampler == null || this.phaseIndex != phaseIndex || batch != b || sampler.drawn() != drawn) {
            sampler = new BatchSampler(n, b, Trainer.samplerSeed(seed, phaseIndex, partition));
            for (int i = 0; i < drawn; i++) {
                sampler.next();
            }
            this.phaseIndex = phaseIndex;
            this.batch = b;
        }
        return sampler;
    }
}
