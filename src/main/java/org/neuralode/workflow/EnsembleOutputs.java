package org.neuralode.workflow;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.neuralode.data.Dataset;
import org.neuralode.io.EnsembleManifest;
import org.neuralode.io.JsonText;
import org.neuralode.io.ModelFiles;
import org.neuralode.io.RunDirectory;
import org.neuralode.io.Storage;
import org.neuralode.ode.SolverOptions;
import org.neuralode.ode.TrainableField;

/**
 * Writes a trained ensemble's outputs once its members' runs are in {@code members/member-j/}: the ensemble
 * model ({@code model/member-j/} copies of the member models, then {@code model/ensemble.json}),
 * {@code metrics.json} ({@code train} and {@code validation}: the members' mean prediction's metrics with the
 * members' own and their spread, {@link EnsembleMetrics}; {@code members}: each member's directory, status and
 * seeds; {@code timing}) and {@code plots/fit-<side>-N.png} (observed against the mean).
 */
final class EnsembleOutputs {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final RunDirectory out;
    private final EnsembleManifest manifest;
    private final SolverOptions solver;

    EnsembleOutputs(RunDirectory out, EnsembleManifest manifest, SolverOptions solver) {
        this.out = out;
        this.manifest = manifest;
        this.solver = solver;
    }

    /**
     * Writes the ensemble, its metrics and figures.
     *
     * @param seconds wall seconds the members' training took
     * @return each member's final status ({@code completed} or {@code diverged}), by member
     */
    List<String> finish(TrainJob.Data data, double seconds) {
        List<TrainableField> models = new ArrayList<>();
        List<String> statuses = new ArrayList<>();
        List<Map<String, Object>> members = new ArrayList<>();
        for (int j = 0; j < manifest.members().size(); j++) {
            EnsembleManifest.Member m = manifest.members().get(j);
            String run = out.path(EnsembleTrainJob.MEMBERS + "/" + m.path());
            statuses.add(status(run));
            TrainableField model = ModelFiles.load(Storage.resolve(run, "model"));
            ModelFiles.save(model, out.path("model/" + m.path()), Map.of("ensemble_member", j));
            models.add(model);
            members.add(memberEntry(j, m, statuses.get(j)));
        }
        manifest.write(out.path("model"));
        Ensemble ensemble = new Ensemble(models);
        Map<String, Object> errors = new LinkedHashMap<>();
        Map<String, Object> metrics = new LinkedHashMap<>();
        metrics.put("train", RunOutputs.metricsOrNull("train", () -> ensemble.metrics(data.train(), solver).toMap(),
                errors));
        metrics.put("validation", data.validation() == null ? null : RunOutputs.metricsOrNull("validation",
                () -> ensemble.metrics(data.validation(), solver).toMap(), errors));
        metrics.put("members", members);
        metrics.put("timing", Map.of("train_seconds", seconds));
        if (!errors.isEmpty()) {
            metrics.put("errors", errors);
        }
        out.write("metrics.json", JsonText.pretty(metrics));
        if (errors.isEmpty()) {
            writePlots(ensemble, data);
        }
        return statuses;
    }

    private static Map<String, Object> memberEntry(int j, EnsembleManifest.Member m, String status) {
        Map<String, Object> seeds = new LinkedHashMap<>();
        seeds.put("model", m.modelSeed());
        seeds.put("training", m.trainingSeed());
        Map<String, Object> e = new LinkedHashMap<>();
        e.put("member", j);
        e.put("dir", EnsembleTrainJob.MEMBERS + "/" + m.path());
        e.put("status", status);
        e.put("seeds", seeds);
        return e;
    }

    /** The status a member's {@code run.json} ends with. */
    private static String status(String run) {
        String file = Storage.resolve(run, RunDirectory.MARKER);
        try {
            JsonNode r = JSON.readTree(Storage.read(file));
            String status = r.path("status").asText("");
            if (!List.of("completed", "diverged").contains(status)) {
                throw new IllegalStateException(file + " says '" + status + "' after its training finished");
            }
            return status;
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + file, e);
        }
    }

    /** Observed against the ensemble's mean, on the validation side (or the data without one). */
    private void writePlots(Ensemble ensemble, TrainJob.Data data) {
        Dataset fitted = data.validation() != null ? data.validation() : data.original();
        String name = data.validation() != null ? "validation" : "train";
        Dataset mean = ensemble.predict(fitted, solver, RunOutputs.DENSE_POINTS, Ensemble.Band.MIN_MAX).mean();
        List<byte[]> pages = Figures.fits(fitted, mean, ensemble.states(), "Ensemble mean fits (" + name + ", "
                + ensemble.members().size() + " members)");
        for (int i = 0; i < pages.size(); i++) {
            out.write(String.format(Locale.ROOT, "plots/fit-%s-%d.png", name, i + 1), pages.get(i));
        }
    }
}
