package io.gcgateway.records;

import java.util.function.Function;

import io.gcgateway.cache.RedisLocks;
import io.gcgateway.cache.RedisLocks.Lease;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Serializes writes to one record across gateway replicas: a leased Redis lock per (table, key), taken before reading
 * the row's version and released after writing. Together with the fence the write itself carries {@code version + 1}
 * of the row read under the lock. Fails closed without Redis (record writes answer UPSTREAM_UNAVAILABLE).
 */
@ApplicationScoped
class RecordLocks {
    private final RedisLocks locks;
    private final RedisLocks.Settings settings;

    RecordLocks(RedisLocks locks, RecordsConfig config) {
        this.locks = locks;
        this.settings = config.lock().settings("records", "record",
                "Record writes need the lock store (Redis), which is unavailable; nothing was written");
    }

    <T> Uni<T> withLock(String tableId, String key, Function<Lease, Uni<T>> write) {
        return locks.withLock(settings, tableId + "|" + key, write);
    }

    Uni<Void> fence(Lease lease) {
        return locks.fence(lease);
    }
}
