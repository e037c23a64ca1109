package io.gcgateway.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * CPU time of a process's threads, summed by thread group (Linux {@code /proc}; empty elsewhere), so that the
 * benchmark can say where a request's CPU goes: event loops, workers, JIT compilers, GC.
 */
final class ThreadCpu {
    /** Clock ticks per second as reported by USER_HZ; 100 on every Linux this runs on. */
    private static final double TICKS_PER_MS = 0.1;

    private ThreadCpu() {
    }

    /** Group name to CPU ticks (user + system) for each live thread of {@code pid}. */
    static Map<String, Long> byGroup(long pid) {
        Map<String, Long> groups = new TreeMap<>();
        Path tasks = Path.of("/proc", Long.toString(pid), "task");
        if (!Files.isDirectory(tasks)) {
            return groups;
        }
        try (Stream<Path> threads = Files.list(tasks)) {
            threads.forEach(thread -> {
                try {
                    String stat = Files.readString(thread.resolve("stat"));
                    int open = stat.indexOf('(');
                    int close = stat.lastIndexOf(')');
                    String[] fields = stat.substring(close + 2).split(" ");
                    // Fields after the name: state is index 0, utime index 11, stime index 12.
                    long ticks = Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
                    groups.merge(group(stat.substring(open + 1, close)), ticks, Long::sum);
                } catch (IOException | RuntimeException gone) {
                    // The thread ended between listing and reading.
                }
            });
        } catch (IOException e) {
            return groups;
        }
        return groups;
    }

    /** "event-loop 0.21, worker 0.05, ..." per request, largest first. */
    static String perRequest(Map<String, Long> before, Map<String, Long> after, int requests) {
        return after.entrySet().stream()
                .map(e -> Map.entry(e.getKey(), e.getValue() - before.getOrDefault(e.getKey(), 0L)))
                .filter(e -> e.getValue() > 0)
                .sorted(Map.Entry.<String, Long> comparingByValue().reversed())
                .map(e -> String.format("%s %.3f", e.getKey(), e.getValue() / TICKS_PER_MS / requests))
                .collect(Collectors.joining(", "));
    }

    /** Thread names without their numbers: "vert.x-eventloop-thread-1" and "-0" are one group. */
    private static String group(String name) {
        return name.replaceAll("[-_ #]?\\d+$", "").replaceAll("\\d+", "N");
    }
}
