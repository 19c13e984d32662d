package org.neuralode.spark.cv;

import java.util.ArrayList;
import java.util.List;
import org.neuralode.InputException;
import org.neuralode.config.JobConfig;
import org.neuralode.data.Dataset;
import org.neuralode.data.Splits;

/**
 * The held-out sides of a {@code cv} run from {@code dataset.validation}: {@code leave_one_out: true}
 * (one fold per measurement, in dataset order), {@code folds: k} with {@code seed} (seeded k-fold,
 * {@link Splits#kFold}; seed 0 when absent), {@code ids: [[...], ...]} (explicit held-out lists), or
 * {@code fraction} with {@code seed} (one seeded train/test split). Stateless.
 */
public final class CvFolds {

    private CvFolds() {
    }

    /**
     * @param d      the dataset
     * @param v      {@code dataset.validation} (may be null)
     * @param source config file name, for messages
     * @return per fold the held-out measurement ids, in dataset order
     * @throws InputException when validation is missing, names a separate file, or makes invalid folds
     */
    public static List<List<String>> heldOut(Dataset d, JobConfig.ValidationConfig v, String source) {
        List<Splits.Split> splits;
        if (v == null || v.path() != null) {
            throw new InputException(source, "dataset.validation: cv needs leave_one_out: true, folds: k "
                    + "(with seed) or ids: [[...], ...] (or a fraction for one fold)"
                    + (v == null ? "; it is not set" : "; a separate validation path is for train"));
        } else if (Boolean.TRUE.equals(v.leaveOneOut())) {
            splits = Splits.leaveOneOut(d);
        } else if (v.folds() != null) {
            splits = Splits.kFold(d, v.folds(), v.seed() == null ? 0 : v.seed());
        } else if (v.ids() != null) {
            splits = new ArrayList<>();
            for (int i = 0; i < v.ids().size(); i++) {
                List<String> ids = v.ids().get(i);
                if (ids == null || ids.isEmpty()) {
                    throw new InputException(source, "dataset.validation.ids[" + i + "]: an empty fold");
                }
                splits.add(Splits.byIds(d, ids));
            }
            if (splits.isEmpty()) {
                throw new InputException(source, "dataset.validation.ids: needs at least one fold");
            }
        } else if (v.fraction() != null) {
            splits = List.of(Splits.trainTestSplit(d, v.fraction(), v.seed() == null ? 0 : v.seed()));
        } else {
            throw new InputException(source, "dataset.validation: leave_one_out is false and no folds, ids "
                    + "or fraction are given");
        }
        List<List<String>> out = new ArrayList<>(splits.size());
        for (Splits.Split s : splits) {
            out.add(s.test().ids());
        }
        return out;
    }
}
