package io.gcgateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

/**
 * The feature packages of {@code src/main} (the first package below {@code io.gcgateway}) form no cycle, and only
 * the simulator imports the simulator: the import graph read from the sources, as a reviewer would draw it.
 */
class PackageDependenciesTest {
    private static final Path SOURCES = Path.of("src/main/java/io/gcgateway");
    private static final Pattern IMPORT = Pattern.compile("^import (?:static )?io\\.gcgateway\\.(\\w+)\\.", Pattern.MULTILINE);
    private static final Pattern SAME_PACKAGE_TYPE = Pattern.compile("\\bio\\.gcgateway\\.(\\w+)\\.[A-Z]");

    @Test
    void featurePackagesFormNoCycle() throws IOException {
        Map<String, Set<String>> graph = importGraph();
        assertThat(graph).as("the import graph was read").containsKeys("genesys", "gateway", "simulator");
        List<String> cycles = new ArrayList<>();
        for (String start : graph.keySet()) {
            findCycle(graph, start, start, new ArrayList<>(List.of(start)), new HashSet<>(), cycles);
        }
        assertThat(cycles).as("package cycles in src/main").isEmpty();
    }

    @Test
    void onlyTheSimulatorImportsTheSimulator() throws IOException {
        Map<String, Set<String>> graph = importGraph();
        Set<String> importers = new TreeSet<>();
        graph.forEach((from, to) -> {
            if (!from.equals("simulator") && to.contains("simulator")) {
                importers.add(from);
            }
        });
        assertThat(importers).as("production packages importing the simulator").isEmpty();
    }

    @Test
    void theScanSeesACycleWhenThereIsOne() {
        Map<String, Set<String>> graph = Map.of("a", Set.of("b"), "b", Set.of("c"), "c", Set.of("a"));
        List<String> cycles = new ArrayList<>();
        findCycle(graph, "a", "a", new ArrayList<>(List.of("a")), new HashSet<>(), cycles);
        assertThat(cycles).containsExactly("a -> b -> c -> a");
    }

    private static void findCycle(Map<String, Set<String>> graph, String start, String at, List<String> path,
            Set<String> visited, List<String> cycles) {
        for (String next : graph.getOrDefault(at, Set.of())) {
            if (next.equals(start)) {
                cycles.add(String.join(" -> ", path) + " -> " + start);
            } else if (next.compareTo(start) > 0 && visited.add(next)) {
                // Each cycle is reported once, from its smallest package name.
                path.add(next);
                findCycle(graph, start, next, path, visited, cycles);
                path.remove(path.size() - 1);
            }
        }
    }

    private static Map<String, Set<String>> importGraph() throws IOException {
        Map<String, Set<String>> graph = new TreeMap<>();
        try (Stream<Path> files = Files.walk(SOURCES)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                String feature = SOURCES.relativize(file).getName(0).toString();
                if (feature.endsWith(".java")) {
                    continue;
                }
                String source = Files.readString(file);
                Set<String> targets = graph.computeIfAbsent(feature, f -> new TreeSet<>());
                for (Pattern pattern : List.of(IMPORT, SAME_PACKAGE_TYPE)) {
                    Matcher imports = pattern.matcher(source);
                    while (imports.find()) {
                        if (!imports.group(1).equals(feature)) {
                            targets.add(imports.group(1));
                        }
                    }
                }
            }
        }
        return graph;
    }
}
