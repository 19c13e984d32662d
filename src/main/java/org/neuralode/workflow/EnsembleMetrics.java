package org.neuralode.workflow;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.neuralode.eval.MetricSet;
import org.neuralode.report.CvSummary;

/**
 * An ensemble's metrics on one dataset: those of its mean prediction and those of each member, with the
 * members' spread (mean, sample standard deviation, minimum and maximum of each metric, as {@code cv}'s
 * report summarises a grid point). Immutable.
 *
 * @param mean    metrics of the mean prediction (parameters: the members' total)
 * @param members metrics of each member, in order
 */
public record EnsembleMetrics(MetricSet mean, List<MetricSet> members) {

    /** Copies the list. */
    public EnsembleMetrics {
        members = List.copyOf(members);
    }

    /** The members' spread of every metric. */
    public CvSummary.Stats spread() {
        return CvSummary.Stats.of(memberMaps());
    }

    /**
     * The mean's metrics ({@link MetricSet#toMap}'s keys) followed by {@code "ensemble": {"members": m,
     * "spread": {"mean", "std", "min", "max"}, "member_metrics": [...]}}.
     */
    public Map<String, Object> toMap() {
        Map<String, Object> e = new LinkedHashMap<>();
        e.put("members", members.size());
        e.put("spread", spread().toMap());
        e.put("member_metrics", memberMaps());
        Map<String, Object> m = mean.toMap();
        m.put("ensemble", e);
        return m;
    }

    /**
     * Text lines: the mean's metrics as {@code evaluate} prints a model's, then the member count and each
     * metric's spread over the members as {@code min / mean / max / std} (counts left out).
     */
    public List<String> lines() {
        List<String> lines = new ArrayList<>();
        mean.toMap().forEach((k, v) -> lines.add(String.format("%-20s %s", k, v)));
        lines.add(String.format("%-20s %d (spread over the members: min / mean / max / std)", "members", members.size()));
        CvSummary.Stats s = spread();
        for (String k : s.mean().keySet()) {
            if (k.startsWith("n_")) { // the point and parameter counts are the same for every member
                continue;
            }
            lines.add(String.format("%-20s %s / %s / %s / %s", "  " + k, s.min().get(k), s.mean().get(k),
                    s.max().get(k), s.std().get(k)));
        }
        return lines;
    }

    private List<Map<String, Object>> memberMaps() {
        List<Map<String, Object>> maps = new ArrayList<>(members.size());
        for (MetricSet m : members) {
            maps.add(m.toMap());
        }
        return maps;
    }
}
