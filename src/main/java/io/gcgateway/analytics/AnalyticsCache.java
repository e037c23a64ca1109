package io.gcgateway.analytics;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import java.util.stream.Collectors;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;

import io.gcgateway.analytics.AnalyticsTypes.CacheInfo;
import io.gcgateway.cache.CacheStatus;
import io.gcgateway.cache.CanonicalJson;
import io.gcgateway.cache.RedisKeys;
import io.gcgateway.cache.RedisLocks;
import io.gcgateway.cache.RedisRoles;
import io.gcgateway.errors.UpstreamUnavailableException;
import io.gcgateway.genesys.GenesysEndpoints;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.redis.client.RedisClientName;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.quarkus.redis.datasource.keys.KeyScanArgs;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.redis.client.Response;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * Redis cache of upstream analytics results.
 * <ul>
 * <li>Key: versioned prefix + sha256 of the upstream org and the normalized upstream request.</li>
 * <li>Single-flight: identical concurrent queries in this instance share one upstream call; across instances, the
 * first takes a short Redis lock (with a lease) and the others wait for its entry, or fetch themselves as soon as
 * the lock is released without one (that fetch failed).</li>
 * <li>Fail open: a Redis error or timeout means "no cache", never a failed query.</li>
 * <li>Stale-if-error: entries outlive their freshness by {@code stale-for}, and are served, marked stale, when
 * Genesys fails.</li>
 * </ul>
 */
@ApplicationScoped
public class AnalyticsCache {
    static final String PREFIX = "gateway:analytics:v1:";
    private static final String LOCK_SUFFIX = ":lock";
    /**
     * One round trip for the lookup and, when the entry is missing or no longer fresh, the fetch lock. KEYS: entry,
     * lock; ARGV: now (epoch ms, the gateway's clock, as {@link Entry#fresh()} uses), lock token, lease (ms). Returns
     * {entry or nil, state}: 2 the entry is fresh, 1 the lock was taken, 0 another caller holds it. The freshness test
     * reads "storedAt:freshUntil:json" as {@link #parse} does, and its verdict is final: an entry that expires
     * between this script and the reply is still a hit, not a reason to wait for a lock nobody holds.
     */
    private static final String LOOKUP_OR_LOCK = """
            local entry = redis.call('get', KEYS[1])
            if entry then
              local first = string.find(entry, ':', 1, true)
              local second = first and string.find(entry, ':', first + 1, true)
              local freshUntil = second and tonumber(string.sub(entry, first + 1, second - 1))
              if freshUntil and freshUntil > tonumber(ARGV[1]) then
                return {entry, 2}
              end
            end
            local locked = redis.call('set', KEYS[2], ARGV[2], 'NX', 'PX', ARGV[3])
            return {entry, locked and 1 or 0}
            """;
    /** Stores the entry and releases the fetch lock if it is still ours: KEYS entry, lock; ARGV entry, ttl ms, token. */
    private static final String STORE_AND_RELEASE = RedisLocks.script("""
            redis.call('set', KEYS[1], ARGV[1], 'PX', ARGV[2])
            return release(KEYS[2], ARGV[3])
            """);
    private static final Logger LOG = Logger.getLogger(AnalyticsCache.class);

    private final ReactiveRedisDataSource redis;
    private final AnalyticsConfig.Cache config;
    private final ObjectMapper mapper;
    private final CacheStatus status;
    private final RedisLocks locks;
    private final ObjectWriter keyWriter;
    /** {@code quarkus.redis.cache.client-type}: a cluster needs its own way to find every entry. */
    @Inject
    @ConfigProperty(name = "quarkus.redis.cache.client-type", defaultValue = "standalone")
    String clientType;
    private final String upstreamIdentity;
    private final Map<String, Uni<Result<?>>> inFlight = new ConcurrentHashMap<>();
    private final Counter hits;
    private final Counter misses;
    private final Counter stale;
    private final Counter shared;
    private final Counter errors;
    private final Counter saved;

    AnalyticsCache(@RedisClientName(RedisRoles.CACHE) ReactiveRedisDataSource redis, AnalyticsConfig config, ObjectMapper mapper, CacheStatus status,
            GenesysEndpoints endpoints, RedisLocks locks, MeterRegistry registry) {
        this.locks = locks;
        this.keyWriter = CanonicalJson.writer(mapper);
        this.redis = redis;
        this.config = config.cache();
        this.mapper = mapper;
        this.status = status;
        this.upstreamIdentity = endpoints.upstreamIdentity();
        this.hits = result(registry, "hit", "served from Redis");
        this.misses = result(registry, "miss", "fetched from Genesys");
        this.stale = result(registry, "stale", "stale entry served because Genesys failed");
        this.shared = result(registry, "shared", "served by another caller's upstream call (single-flight)");
        this.errors = Counter.builder("gateway.analytics.cache.errors")
                .description("Redis operations that failed, timed out, or were skipped while Redis is down (answered uncached)")
                .register(registry);
        this.saved = Counter.builder("gateway.analytics.upstream.calls.saved")
                .description("Analytics queries answered without their own Genesys call (cache hits and shared flights)")
                .register(registry);
    }

    /** A result and where it came from. */
    public record Result<T>(T value, CacheInfo info) {
    }

    /**
     * The cached result of {@code request}, or the upstream's (then stored). {@code freshFor} is how long the
     * result may be served without asking Genesys again.
     */
    @SuppressWarnings("unchecked")
    public <T> Uni<Result<T>> get(String kind, Object request, Class<T> type, Duration freshFor, Supplier<Uni<T>> upstream) {
        String key = key(kind, request);
        return Uni.createFrom().deferred(() -> {
            Uni<Result<?>> flight = (Uni<Result<?>>) (Uni<?>) lookupOrFetch(key, type, freshFor, upstream)
                    // A block, not an expression: remove() returns the flight itself, and the Supplier<Uni> overload
                    // of eventually() would make the flight wait for itself.
                    .eventually(() -> {
                        inFlight.remove(key);
                    })
                    .memoize().indefinitely();
            Uni<Result<?>> running = inFlight.putIfAbsent(key, flight);
            if (running != null) {
                shared.increment();
                saved.increment();
                return (Uni<Result<T>>) (Uni<?>) running;
            }
            return (Uni<Result<T>>) (Uni<?>) flight;
        });
    }

    /** Counts a result served again from the gateway's response cache, without reading Redis. */
    void countReused() {
        hits.increment();
        saved.increment();
    }

    /** Deletes every analytics entry; returns how many. */
    public Uni<Integer> invalidateAll() {
        // SCAN walks one node; on a cluster the client sends KEYS to every master and DEL to each key's own.
        Multi<String> keys = "cluster".equals(clientType)
                ? redis.key().keys(PREFIX + "*").onItem().transformToMulti(found -> Multi.createFrom().iterable(found))
                : redis.key().scan(new KeyScanArgs().match(PREFIX + "*").count(1000)).toMulti();
        return keys.group().intoLists().of(500)
                .onItem().transformToUniAndConcatenate(batch -> "cluster".equals(clientType)
                        ? redis.key().del(batch.toArray(String[]::new))
                        : redis.key().unlink(batch.toArray(String[]::new)))
                .collect().with(Collectors.summingInt(Integer::intValue))
                .onFailure().transform(e -> {
                    redisFailed(e);
                    return new UpstreamUnavailableException("The Redis cache is unavailable");
                });
    }

    String key(String kind, Object request) {
        try {
            String canonical = keyWriter.writeValueAsString(request);
            // The hash tag puts the entry and its fetch lock (key + ":lock") in one Redis Cluster slot.
            return PREFIX + kind + ":{" + RedisKeys.sha256(upstreamIdentity + "|" + kind + "|" + canonical) + "}";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Cannot derive a cache key", e);
        }
    }

    private <T> Uni<Result<T>> lookupOrFetch(String key, Class<T> type, Duration freshFor, Supplier<Uni<T>> upstream) {
        Attempt<T> attempt = new Attempt<>(key, type, freshFor, upstream, UUID.randomUUID().toString(),
                System.nanoTime() + config.lockLease().toNanos());
        return attempt(attempt, false);
    }

    /** One caller's way to a result: what it looks up, how it fetches, its lock token, and how long it may wait. */
    private record Attempt<T>(String key, Class<T> type, Duration freshFor, Supplier<Uni<T>> upstream, String token,
            long waitDeadlineNanos) {
    }

    /**
     * Looks up (taking the fetch lock when the entry is missing or stale) and acts on the answer. While another
     * replica holds the lock, the lookup is repeated until that replica's entry arrives, or the lock is free again
     * (its fetch failed: this caller takes the lock and fetches), or the lease has passed (fetch without the lock).
     */
    private <T> Uni<Result<T>> attempt(Attempt<T> attempt, boolean waited) {
        String key = attempt.key();
        // Watched before looking: the holder's release between this lookup and the wait is not missed.
        RedisLocks.Watch lockReleased = locks.watch(key + LOCK_SUFFIX);
        return lookupOrLock(key, attempt.type(), attempt.token()).onTermination().invoke((lookup, failure, cancelled) -> {
            if (lookup == null || lookup.lock() != LockState.HELD_ELSEWHERE) {
                lockReleased.close();
            }
        }).flatMap(lookup -> {
            Entry<T> found = lookup.entry();
            return switch (lookup.lock()) {
                case FRESH -> {
                    Result<T> result = found.asResult(false);
                    yield Uni.createFrom().item(waited ? countShared(result) : countHit(result));
                }
                case ACQUIRED -> fetch(attempt.upstream(), attempt.freshFor(), found)
                        .call(result -> store(key, result, attempt.freshFor(), attempt.token()))
                        .onFailure().call(() -> releaseLock(key, attempt.token()))
                        .onCancellation().call(() -> releaseLock(key, attempt.token()));
                case HELD_ELSEWHERE -> {
                    long left = attempt.waitDeadlineNanos() - System.nanoTime();
                    if (left <= 0) {
                        lockReleased.close();
                        yield fetch(attempt.upstream(), attempt.freshFor(), found)
                                .call(result -> store(key, result, attempt.freshFor(), null));
                    }
                    yield lockReleased.await(Duration.ofNanos(left)).flatMap(ignored -> attempt(attempt, true));
                }
                case UNAVAILABLE -> fetch(attempt.upstream(), attempt.freshFor(), found);
            };
        });
    }

    private <T> Uni<Result<T>> fetch(Supplier<Uni<T>> upstream, Duration freshFor, Entry<T> staleEntry) {
        misses.increment();
        Instant now = Instant.now();
        return Uni.createFrom().<T> deferred(upstream::get)
                .map(value -> new Result<>(value, new CacheInfo(false, false, now, freshFor.toSeconds())))
                .onFailure().recoverWithUni(failure -> {
                    if (staleEntry == null) {
                        return Uni.createFrom().failure(failure);
                    }
                    stale.increment();
                    LOG.infof("Serving a stale analytics result stored at %s: Genesys failed", staleEntry.storedAt());
                    return Uni.createFrom().item(staleEntry.asResult(true));
                });
    }

    /**
     * Stores a fetched result (a stale one served after a failure is already stored); with {@code lockToken},
     * releases that fetch lock, in the same round trip when there is something to store.
     */
    private <T> Uni<Void> store(String key, Result<T> result, Duration freshFor, String lockToken) {
        if (result.info().stale()) {
            return lockToken == null ? Uni.createFrom().voidItem() : releaseLock(key, lockToken);
        }
        String entry;
        try {
            long now = result.info().storedAt().toEpochMilli();
            // "storedAt:freshUntil:json", so that a hit parses the payload straight into its type.
            entry = now + ":" + (now + freshFor.toMillis()) + ":" + mapper.writeValueAsString(result.value());
        } catch (JsonProcessingException e) {
            LOG.warnf("Could not serialize an analytics result for the cache: %s", e.getOriginalMessage());
            return lockToken == null ? Uni.createFrom().voidItem() : releaseLock(key, lockToken);
        }
        String keepMillis = String.valueOf(freshFor.toMillis() + config.staleFor().toMillis());
        Uni<?> call = lockToken == null
                ? redis.execute("SET", key, entry, "PX", keepMillis)
                : redis.execute("EVAL", STORE_AND_RELEASE, "2", key, key + LOCK_SUFFIX, entry, keepMillis, lockToken);
        return redisCall(call).replaceWithVoid();
    }

    /** What a lookup means for its caller: serve the entry, fetch holding the lock, wait for another, or go uncached. */
    private enum LockState {
        FRESH, ACQUIRED, HELD_ELSEWHERE, UNAVAILABLE
    }

    /** What the lookup found (null: nothing usable) and what its caller does next. */
    private record Lookup<T>(Entry<T> entry, LockState lock) {
    }

    private <T> Uni<Lookup<T>> lookupOrLock(String key, Class<T> type, String token) {
        return status.guarded(config.redisTimeout(), () -> redis.execute("EVAL", LOOKUP_OR_LOCK, "2", key,
                key + LOCK_SUFFIX, String.valueOf(System.currentTimeMillis()), token,
                String.valueOf(config.lockLease().toMillis())))
                .map(reply -> {
                    Response stored = reply.get(0);
                    Entry<T> entry = stored == null ? null : parse(stored.toString(), type);
                    if (stored != null && entry == null) {
                        // An entry this version cannot read counts as none: this caller fetches at once and
                        // overwrites it, rather than waiting for another replica. Releasing a lock that is not ours
                        // does nothing.
                        return new Lookup<T>(null, LockState.ACQUIRED);
                    }
                    LockState state = switch (reply.get(1).toInteger()) {
                        case 2 -> LockState.FRESH;
                        case 1 -> LockState.ACQUIRED;
                        default -> LockState.HELD_ELSEWHERE;
                    };
                    return new Lookup<>(entry, state);
                })
                .onFailure().recoverWithItem(failure -> {
                    redisFailed(failure);
                    return new Lookup<>(null, LockState.UNAVAILABLE);
                });
    }

    private Uni<Void> releaseLock(String key, String token) {
        // The lock lives with the entry, in the cache Redis.
        return redisCall(RedisLocks.release(redis, key + LOCK_SUFFIX, token)).replaceWithVoid().onFailure().recoverWithNull();
    }

    private <T> Result<T> countHit(Result<T> result) {
        hits.increment();
        saved.increment();
        return result;
    }

    private <T> Result<T> countShared(Result<T> result) {
        shared.increment();
        saved.increment();
        return result;
    }

    /** A Redis call within the cache's time budget; a failure becomes "nothing" (null) and is recorded once. */
    private <T> Uni<T> redisCall(Uni<T> call) {
        return status.guarded(config.redisTimeout(), () -> call)
                .onFailure().recoverWithItem(failure -> {
                    redisFailed(failure);
                    return null;
                });
    }

    private void redisFailed(Throwable failure) {
        errors.increment();
        LOG.debugf("Redis cache call failed: %s", failure.getClass().getSimpleName());
    }

    private <T> Entry<T> parse(String entry, Class<T> type) {
        try {
            int first = entry.indexOf(':');
            int second = entry.indexOf(':', first + 1);
            long storedAt = Long.parseLong(entry, 0, first, 10);
            long freshUntil = Long.parseLong(entry, first + 1, second, 10);
            return new Entry<>(mapper.readValue(entry.substring(second + 1), type), storedAt, freshUntil);
        } catch (JsonProcessingException | RuntimeException e) {
            // An entry from an incompatible version: treat as a miss; it will be overwritten.
            return null;
        }
    }

    private static Counter result(MeterRegistry registry, String result, String description) {
        return Counter.builder("gateway.analytics.cache.requests").tag("result", result).description(description)
                .register(registry);
    }

    private record Entry<T>(T value, long storedAt, long freshUntil) {
        boolean fresh() {
            return System.currentTimeMillis() < freshUntil;
        }

        Result<T> asResult(boolean staleServed) {
            long ttl = Math.max(0, (freshUntil - System.currentTimeMillis()) / 1000);
            return new Result<>(value, new CacheInfo(!staleServed, staleServed, Instant.ofEpochMilli(storedAt),
                    staleServed ? 0L : ttl));
        }
    }
}
