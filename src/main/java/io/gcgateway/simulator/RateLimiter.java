package io.gcgateway.simulator;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.inject.Singleton;

/** Fixed one-minute windows per access token, like Genesys's per-token request limit. */
@Singleton
public class RateLimiter {
    private static final long WINDOW_MILLIS = 60_000;

    private final Map<String, Window> windows = new ConcurrentHashMap<>();

    /** What the {@code inin-ratelimit-*} headers report, and whether the request may proceed. */
    record Decision(boolean allowed, int count, int allowedPerWindow, long resetSeconds) {
    }

    Decision acquire(String token, int limit) {
        long now = System.currentTimeMillis();
        if (windows.size() > 10_000) {
            windows.values().removeIf(w -> now >= w.start() + WINDOW_MILLIS);
        }
        Window window = windows.compute(token,
                (key, current) -> current == null || now >= current.start() + WINDOW_MILLIS ? new Window(now) : current);
        int count = window.count().incrementAndGet();
        long resetSeconds = Math.max(1, (window.start() + WINDOW_MILLIS - now + 999) / 1000);
        return new Decision(count <= limit, count, limit, resetSeconds);
    }

    public void clear() {
        windows.clear();
    }

    private record Window(long start, AtomicInteger count) {
        Window(long start) {
            this(start, new AtomicInteger());
        }
    }
}
