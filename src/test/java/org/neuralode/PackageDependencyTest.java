package org.neuralode;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The direction of dependencies between the top-level packages under {@code org.neuralode}, read from the
 * {@code import} lines of the main sources: no cycles, only {@code spark} imports Spark or Scala, and nothing
 * but {@code cli} imports {@code cli}.
 */
class PackageDependencyTest {

    private static final Pattern IMPORT = Pattern.compile("^import (?:static )?([\\w.]+);", Pattern.MULTILINE);
    private static final Path MAIN = Paths.get(System.getProperty("basedir", ""), "src/main/java/org/neuralode");

    /** Top-level package of each main source file ("" for the root package) -> its imports. */
    private static final Map<String, Set<String>> IMPORTS = new TreeMap<>();

    @BeforeAll
    static void readSources() throws IOException {
        try (Stream<Path> files = Files.walk(MAIN)) {
            for (Path f : (Iterable<Path>) files.filter(p -> p.toString().endsWith(".java"))::iterator) {
                Path rel = MAIN.relativize(f);
                String pkg = rel.getNameCount() == 1 ? "" : rel.getName(0).toString();
                Matcher m = IMPORT.matcher(read(f));
                while (m.find()) {
                    IMPORTS.computeIfAbsent(pkg, k -> new TreeSet<>()).add(m.group(1));
                }
            }
        }
    }

    private static String read(Path f) {
        try {
            return Files.readString(f);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Package -> the other top-level project packages it imports. */
    private static Map<String, Set<String>> graph() {
        Map<String, Set<String>> g = new TreeMap<>();
        IMPORTS.forEach((pkg, imports) -> {
            Set<String> deps = g.computeIfAbsent(pkg, k -> new TreeSet<>());
            for (String imp : imports) {
                String[] parts = imp.split("\\.");
                if (imp.startsWith("org.neuralode.") && parts.length > 3 && !parts[2].equals(pkg)) {
                    deps.add(parts[2]);
                }
            }
        });
        return g;
    }

    @Test
    void thePackageGraphHasNoCycle() {
        Map<String, Set<String>> g = graph();
        List<String> cycles = new ArrayList<>();
        for (String a : g.keySet()) {
            for (String b : g.get(a)) {
                if (reaches(g, b, a)) {
                    cycles.add(a + " -> " + b + " -> ... -> " + a);
                }
            }
        }
        assertEquals(List.of(), cycles);
    }

    private static boolean reaches(Map<String, Set<String>> g, String from, String to) {
        Set<String> seen = new TreeSet<>();
        List<String> stack = new ArrayList<>(List.of(from));
        while (!stack.isEmpty()) {
            String x = stack.remove(stack.size() - 1);
            if (x.equals(to)) {
                return true;
            }
            if (seen.add(x)) {
                stack.addAll(g.getOrDefault(x, Set.of()));
            }
        }
        return false;
    }

    @Test
    void onlySparkImportsSparkOrScala() {
        assertEquals(Set.of("spark"), importers(i -> i.startsWith("org.apache.spark.") || i.startsWith("scala.")));
    }

    @Test
    void nothingImportsCli() { // cli's own classes share its package, so they never import it either
        assertEquals(Set.of(), importers(i -> i.startsWith("org.neuralode.cli.")));
    }

    private static Set<String> importers(Predicate<String> test) {
        Set<String> out = new TreeSet<>();
        IMPORTS.forEach((pkg, imports) -> {
            if (imports.stream().anyMatch(test)) {
                out.add(pkg);
            }
        });
        return out;
    }
}
