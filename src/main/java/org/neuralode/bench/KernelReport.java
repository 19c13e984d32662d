package org.neuralode.bench;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import org.neuralode.bench.KernelBench.Cell;
import org.neuralode.bench.KernelBench.Engine;
import org.neuralode.bench.KernelBench.Op;

/**
 * Turns a {@link KernelBench} survey into text tables, crossover points and a JSON-ready tree.
 * Pure functions of the cells; no printing.
 */
public final class KernelReport {

    private KernelReport() {
    }

    /**
     * Where {@code challenger} starts beating {@code baseline}: the smallest measured row count from
     * which its median is lower at that and every larger row count of the grid (a skipped baseline cell
     * counts as a win, a skipped challenger cell as a loss, a row count where both were skipped is
     * ignored).
     *
     * @param rows that row count, or -1 when the challenger never wins for good in the grid
     */
    public record Crossover(Op op, int width, Engine baseline, Engine challenger, int rows) {
    }

    /** Crossovers of {@code challenger} over {@code baseline} for every operation and width surveyed. */
    public static List<Crossover> crossovers(List<Cell> cells, Engine baseline, Engine challenger) {
        List<Crossover> result = new ArrayList<>();
        for (Op op : Op.values()) {
            for (int width : widths(cells)) {
                int from = -1;
                for (int rows : rows(cells).descendingSet()) {
                    Cell b = find(cells, baseline, op, rows, width);
                    Cell c = find(cells, challenger, op, rows, width);
                    if (b == null || c == null || (b.skipped() && c.skipped())) {
                        continue;
                    }
                    boolean wins = !c.skipped() && (b.skipped() || c.medianMicros() < b.medianMicros());
                    if (!wins) {
                        break;
                    }
                    from = rows;
                }
                if (find(cells, baseline, op, rows(cells).first(), width) != null) {
                    result.add(new Crossover(op, width, baseline, challenger, from));
                }
            }
        }
        return result;
    }

    /**
     * A table of median microseconds per call for one operation: a line per (width, rows), a column per
     * engine, then the fastest engine; "-" marks a skipped cell.
     */
    public static String table(List<Cell> cells, Op op) {
        List<Engine> engines = engines(cells);
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, "%-6s %7s", "width", "rows"));
        for (Engine e : engines) {
            sb.append(String.format(Locale.ROOT, " %12s", e.label()));
        }
        sb.append(String.format(Locale.ROOT, "  %s%n", "fastest"));
        for (int width : widths(cells)) {
            for (int rows : rows(cells)) {
                sb.append(String.format(Locale.ROOT, "%-6d %7d", width, rows));
                Engine best = null;
                double bestTime = Double.POSITIVE_INFINITY;
                for (Engine e : engines) {
                    Cell c = find(cells, e, op, rows, width);
                    String v = c == null || c.skipped() ? "-" : format(c.medianMicros());
                    sb.append(String.format(Locale.ROOT, " %12s", v));
                    if (c != null && !c.skipped() && c.medianMicros() < bestTime) {
                        bestTime = c.medianMicros();
                        best = e;
                    }
                }
                sb.append(String.format(Locale.ROOT, "  %s%n", best == null ? "-" : best.label()));
            }
        }
        return sb.toString();
    }

    /** Per engine, the largest Java-heap bytes allocated per call over all its measured cells. */
    public static Map<Engine, Double> maxBytesPerCall(List<Cell> cells) {
        Map<Engine, Double> max = new LinkedHashMap<>();
        for (Cell c : cells) {
            if (!c.skipped() && !Double.isNaN(c.bytesPerCall())) {
                max.merge(c.engine(), c.bytesPerCall(), Math::max);
            }
        }
        return max;
    }

    /** The survey as nested maps and lists (for a JSON writer). */
    public static Map<String, Object> tree(KernelBench.Config config, List<Cell> cells, List<Crossover> crossovers) {
        Map<String, Object> root = new LinkedHashMap<>();
        Map<String, Object> cfg = new LinkedHashMap<>();
        cfg.put("rows", config.rows());
        cfg.put("widths", config.widths());
        cfg.put("depth", config.depth());
        cfg.put("state_dim", config.stateDim());
        cfg.put("activation", config.activation().catalaxName());
        cfg.put("engines", config.engines().stream().map(Engine::label).toList());
        cfg.put("seed", config.seed());
        root.put("config", cfg);
        List<Map<String, Object>> list = new ArrayList<>();
        for (Cell c : cells) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("engine", c.engine().label());
            m.put("op", c.op().label());
            m.put("rows", c.rows());
            m.put("width", c.width());
            m.put("skipped", c.skipped());
            if (!c.skipped()) {
                m.put("median_us", c.time().medianMicros());
                m.put("min_us", c.time().minMicros());
                m.put("max_us", c.time().maxMicros());
                m.put("samples", c.time().samples());
                m.put("calls_per_sample", c.time().callsPerSample());
                m.put("bytes_per_call", Double.isNaN(c.bytesPerCall()) ? null : c.bytesPerCall());
            }
            list.add(m);
        }
        root.put("cells", list);
        List<Map<String, Object>> cross = new ArrayList<>();
        for (Crossover x : crossovers) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("op", x.op().label());
            m.put("width", x.width());
            m.put("baseline", x.baseline().label());
            m.put("challenger", x.challenger().label());
            m.put("from_rows", x.rows() < 0 ? null : x.rows());
            cross.add(m);
        }
        root.put("crossovers", cross);
        return root;
    }

    static String format(double micros) {
        return micros >= 100 ? String.format(Locale.ROOT, "%.0f", micros) : String.format(Locale.ROOT, "%.1f", micros);
    }

    private static Cell find(List<Cell> cells, Engine e, Op op, int rows, int width) {
        for (Cell c : cells) {
            if (c.engine() == e && c.op() == op && c.rows() == rows && c.width() == width) {
                return c;
            }
        }
        return null;
    }

    private static TreeSet<Integer> widths(List<Cell> cells) {
        TreeSet<Integer> s = new TreeSet<>();
        cells.forEach(c -> s.add(c.width()));
        return s;
    }

    private static TreeSet<Integer> rows(List<Cell> cells) {
        TreeSet<Integer> s = new TreeSet<>();
        cells.forEach(c -> s.add(c.rows()));
        return s;
    }

    private static List<Engine> engines(List<Cell> cells) {
        List<Engine> list = new ArrayList<>();
        for (Cell c : cells) {
            if (!list.contains(c.engine())) {
                list.add(c.engine());
            }
        }
        return list;
    }
}
