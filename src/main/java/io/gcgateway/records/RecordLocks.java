package io.gcgateway.records;

import java.time.Duration;
import java.util.UUID;
import java.util.function.Supplier;

import org.jboss.logging.Logger;

import io.gcgateway.cache.CacheStatus;
import io.gcgateway.cache.RedisKeys;
import io.gcgateway.errors.GatewayException;
import io.gcgateway.errors.RequestInProgressException;
import io.gcgateway.errors.UpstreamUnavailableException;
import io.gcgateway.genesys.GenesysEndpoints;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Serializes writes to one record across gateway replicas: a Redis lock per (table, key) with a lease, taken
 * before reading the row's version and released after writing.
 * <p>
 * Genesys cannot check a fencing token, so the fence is twofold: just before the write the holder proves it still
 * holds the lease (and renews it) in one atomic step, and the write itself carries {@code version + 1} of the row
 * it read under the lock. A writer whose lease expired (a stalled process) therefore never writes.
 * <p>
 * Unlike the analytics cache this fails closed: without Redis the gateway cannot promise that two writers do not
 * both win, so record writes answer UPSTREAM_UNAVAILABLE while reads keep working.
 */
@ApplicationScoped
class RecordLocks {
    static final String PREFIX = "gateway:records:lock:v1:";
    private static final Duration POLL = Duration.ofMillis(20);
    private static final String RENEW_IF_HELD = "if redis.call('get', KEYS[1]) == ARGV[1] then "
            + "return redis.call('pexpire', KEYS[1], ARGV[2]) else return 0 end";
    private static final String RELEASE_IF_HELD = "if redis.call('get', KEYS[1]) == ARGV[1] then "
            + "return redis.call('del', KEYS[1]) else return 0 end";
    private static final Logger LOG = Logger.getLogger(RecordLocks.class);

    /** A held lock; {@code token} proves ownership. */
    record Lease(String key, String token) {
    }

    private final ReactiveRedisDataSource redis;
    private final RecordsConfig.Lock config;
    private final CacheStatus status;
    private final String upstreamIdentity;
    private final Counter waits;

    RecordLocks(ReactiveRedisDataSource redis, RecordsConfig config, CacheStatus status, GenesysEndpoints endpoints,
            MeterRegistry registry) {
        this.redis = redis;
        this.config = config.lock();
        this.status = status;
        this.upstreamIdentity = endpoints.apiUrl() + "|" + endpoints.region();
        this.waits = Counter.builder("gateway.records.lock.contended")
                .description("Record writes that had to wait for another writer of the same record")
                .register(registry);
    }

    /** Runs {@code write} holding the lock of (table, key); {@code write} calls {@link #fence} just before writing. */
    <T> Uni<T> withLock(String tableId, String key, java.util.function.Function<Lease, Uni<T>> write) {
        String lockKey = PREFIX + RedisKeys.sha256(upstreamIdentity + "|" + tableId + "|" + key);
        Lease lease = new Lease(lockKey, UUID.randomUUID().toString());
        long deadline = System.nanoTime() + config.maxWait().toNanos();
        return acquire(lease, deadline, false)
                .flatMap(held -> write.apply(lease).eventually(() -> release(lease)));
    }

    /** Proves the lease is still held and renews it; fails (nothing is written) when it was lost. */
    Uni<Void> fence(Lease lease) {
        return redisCall(() -> redis.execute("EVAL", RENEW_IF_HELD, "1", lease.key(), lease.token(),
                String.valueOf(config.lease().toMillis())))
                .flatMap(reply -> reply != null && reply.toLong() == 1 ? Uni.createFrom().voidItem()
                        : Uni.createFrom().failure(new RequestInProgressException(
                                "The write lock of this record expired before the write; nothing was written. Retry.", 1)));
    }

    private Uni<Boolean> acquire(Lease lease, long deadlineNanos, boolean waited) {
        return redisCall(() -> redis.execute("SET", lease.key(), lease.token(), "NX", "PX",
                String.valueOf(config.lease().toMillis())))
                .flatMap(reply -> {
                    if (reply != null) {
                        if (waited) {
                            waits.increment();
                        }
                        return Uni.createFrom().item(true);
                    }
                    if (System.nanoTime() - deadlineNanos > 0) {
                        return Uni.createFrom().failure(new RequestInProgressException(
                                "Another write to this record is in progress", 1));
                    }
                    return Uni.createFrom().voidItem().onItem().delayIt().by(POLL)
                            .flatMap(ignored -> acquire(lease, deadlineNanos, true));
                });
    }

    private Uni<Void> release(Lease lease) {
        return redisCall(() -> redis.execute("EVAL", RELEASE_IF_HELD, "1", lease.key(), lease.token()))
                .replaceWithVoid()
                .onFailure().recoverWithItem(failure -> {
                    LOG.debugf("Could not release a record lock (it expires with its lease): %s", failure.toString());
                    return null;
                });
    }

    private Uni<io.vertx.mutiny.redis.client.Response> redisCall(Supplier<Uni<io.vertx.mutiny.redis.client.Response>> call) {
        if (!status.shouldTry()) {
            return Uni.createFrom().failure(unavailable());
        }
        return Uni.createFrom().deferred(() -> call.get())
                .ifNoItem().after(config.redisTimeout()).fail()
                .invoke(ignored -> status.record(true))
                .onFailure(failure -> !(failure instanceof GatewayException)).transform(failure -> {
                    status.record(false);
                    return unavailable();
                });
    }

    private static UpstreamUnavailableException unavailable() {
        return new UpstreamUnavailableException(
                "Record writes need the lock store (Redis), which is unavailable; nothing was written");
    }
}
