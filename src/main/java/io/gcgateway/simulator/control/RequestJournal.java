package io.gcgateway.simulator.control;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import jakarta.inject.Singleton;

/** Counts the requests the simulator received per {@code "METHOD /path"}, so tests can assert upstream calls. */
@Singleton
public class RequestJournal {

    private final Map<String, AtomicLong> counts = new ConcurrentHashMap<>();

    public void record(String method, String path) {
        counts.computeIfAbsent(key(method, path), k -> new AtomicLong()).incrementAndGet();
    }

    /** Requests received for exactly this method and path since the last reset. */
    public long count(String method, String path) {
        AtomicLong count = counts.get(key(method, path));
        return count == null ? 0 : count.get();
    }

    /** Every {@code "METHOD /path"} seen, with its count. */
    public Map<String, Long> snapshot() {
        Map<String, Long> copy = new TreeMap<>();
        counts.forEach((k, v) -> copy.put(k, v.get()));
        return copy;
    }

    public void clear() {
        counts.clear();
    }

    private static String key(String method, String path) {
        return method.toUpperCase() + " " + path;
    }
}
