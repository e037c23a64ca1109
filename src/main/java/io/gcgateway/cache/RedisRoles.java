package io.gcgateway.cache;

/**
 * The two Redis roles, each a named Quarkus Redis client ({@code quarkus.redis.<role>.hosts}); both default to
 * {@code quarkus.redis.hosts}, so one Redis still serves a small install.
 * <ul>
 * <li>{@link #STATE}: what must not be lost (webhook registry and outbox, idempotency keys, the audit stream,
 * persisted queries, locks, the Genesys budget, client rate limits). Run it with persistence and no eviction; the
 * changes that need it fail closed while it is down.</li>
 * <li>{@link #CACHE}: what may be lost at any time (analytics results, response-cache generations). It may evict
 * and restart empty; the gateway fails open without it.</li>
 * </ul>
 */
public final class RedisRoles {
    public static final String STATE = "state";
    public static final String CACHE = "cache";

    private RedisRoles() {
    }
}
