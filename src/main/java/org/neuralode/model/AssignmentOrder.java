package org.neuralode.model;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.neuralode.InputException;

/**
 * The dependency order of a model's assignments: each after the assignments its expression uses (Kahn's
 * algorithm, ties in declaration order), so that evaluating them in turn sees every value it needs.
 * Stateless.
 */
final class AssignmentOrder {

    private AssignmentOrder() {
    }

    /**
     * Orders {@code texts}.
     *
     * @param source the model file, named in errors
     * @param texts  assignment symbol -&gt; expression text, in declaration order
     * @param slots  the other symbols an assignment may use (time, species, constants, parameters)
     * @return the assignment symbols in dependency order
     * @throws InputException naming the assignment whose expression does not parse or uses an undefined
     *                        symbol, or the assignments that form a cycle
     */
    static List<String> of(String source, Map<String, String> texts, List<String> slots) {
        Map<String, Set<String>> uses = uses(source, texts, slots);
        Map<String, Integer> pending = new HashMap<>();
        Map<String, List<String>> usedBy = new HashMap<>();
        Deque<String> ready = new ArrayDeque<>();
        uses.forEach((a, deps) -> {
            pending.put(a, deps.size());
            deps.forEach(d -> usedBy.computeIfAbsent(d, k -> new ArrayList<>()).add(a));
            if (deps.isEmpty()) {
                ready.add(a);
            }
        });
        List<String> order = new ArrayList<>(texts.size());
        while (!ready.isEmpty()) {
            String a = ready.poll();
            order.add(a);
            for (String user : usedBy.getOrDefault(a, List.of())) {
                if (pending.merge(user, -1, Integer::sum) == 0) {
                    ready.add(user);
                }
            }
        }
        if (order.size() < texts.size()) {
            throw new InputException(source + ": assignments", "assignments form a cycle: "
                    + String.join(" -> ", cycle(uses, pending)));
        }
        return order;
    }

    /** The assignments each assignment's expression uses. */
    private static Map<String, Set<String>> uses(String source, Map<String, String> texts, List<String> slots) {
        List<String> all = new ArrayList<>(slots);
        all.addAll(texts.keySet());
        Map<String, Set<String>> uses = new LinkedHashMap<>();
        texts.forEach((a, text) -> {
            Set<String> deps = new LinkedHashSet<>(Expression.parse(text, source + ": assignments." + a, all)
                    .symbols());
            deps.retainAll(texts.keySet());
            uses.put(a, deps);
        });
        return uses;
    }

    /**
     * A cycle among the assignments left unordered ({@code pending > 0}), its first symbol repeated at the
     * end: each of them uses another one left, so following those uses must come back to a symbol seen.
     */
    private static List<String> cycle(Map<String, Set<String>> uses, Map<String, Integer> pending) {
        String at = uses.keySet().stream().filter(a -> pending.get(a) > 0).findFirst().orElseThrow();
        List<String> path = new ArrayList<>();
        while (!path.contains(at)) {
            path.add(at);
            at = uses.get(at).stream().filter(d -> pending.get(d) > 0).findFirst().orElseThrow();
        }
        List<String> cycle = new ArrayList<>(path.subList(path.indexOf(at), path.size()));
        cycle.add(at);
        return cycle;
    }
}
