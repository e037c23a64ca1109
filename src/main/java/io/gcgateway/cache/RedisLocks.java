package io.gcgateway.cache;

import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import java.util.function.Supplier;

import org.jboss.logging.Logger;

import io.gcgateway.errors.RequestInProgressException;
import io.gcgateway.errors.UpstreamUnavailableException;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.redis.client.RedisClientName;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.smallrye.common.annotation.Identifier;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.redis.client.Response;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Leased Redis locks that serialize a change to one thing (a record, a conversation) across gateway replicas, and
 * the primitives every Redis-held claim of the gateway is built on (the analytics fetch lock, idempotency keys): one
 * owner-checked release, and a wait for a release that a notice wakes rather than a poll loop.
 * <p>
 * Genesys checks no fencing token, so the fence is a step of the holder: just before the upstream write it proves it
 * still holds the lease (and renews it) in one atomic step. A holder whose lease expired (a stalled process) therefore
 * never writes.
 * <p>
 * Unlike the analytics cache these fail closed: without Redis the gateway cannot promise that two writers do not
 * both go through, so the change answers UPSTREAM_UNAVAILABLE.
 */
@ApplicationScoped
public class RedisLocks {
    /** Where every replica hears that a key was released or changed (the notice is the key). */
    public static final String RELEASED = "gateway:locks:v1:released";
    /**
     * The one owner-checked release, as a Lua function any script of the gateway can start with ({@link #script}):
     * {@code release(key, token)} deletes {@code key} only while it still holds {@code token}, and tells every
     * replica's waiters that it is free. Returns 1 when it released, 0 when the key was someone else's (or gone).
     */
    private static final String RELEASE_FUNCTION = """
            local function release(key, token)
              if redis.call('get', key) == token then
                redis.call('del', key)
                redis.call('publish', '%s', key)
                return 1
              end
              return 0
            end
            """.formatted(RELEASED);
    private static final String RELEASE = script("return release(KEYS[1], ARGV[1])");
    private static final String RENEW_IF_HELD = "if redis.call('get', KEYS[1]) == ARGV[1] then "
            + "return redis.call('pexpire', KEYS[1], ARGV[2]) else return 0 end";
    /**
     * Longest wait for a release notice before looking again: a notice can be lost (a holder that died releases
     * nothing, its lease just ends; the subscription may be down), so a waiter never relies on one alone.
     */
    private static final Duration RECHECK = Duration.ofMillis(250);
    private static final Logger LOG = Logger.getLogger(RedisLocks.class);

    /** A Lua script that may call {@code release(key, token)}, the gateway's one owner-checked release. */
    public static String script(String body) {
        return RELEASE_FUNCTION + body;
    }

    /**
     * How one kind of lock behaves. {@code subject} names what is locked in messages ("record", "conversation");
     * {@code unavailable} is the message when Redis cannot be reached, saying what was not done.
     */
    public record Settings(String name, String subject, Duration lease, Duration maxWait, Duration redisTimeout,
            String unavailable) {
    }

    /** A held lock; {@code token} proves ownership. */
    public record Lease(String key, String token, Settings settings) {
    }

    private final ReactiveRedisDataSource redis;
    private final StateStatus status;
    private final String upstreamIdentity;
    private final MeterRegistry registry;
    private final RedisNotices notices;
    private final Map<String, Set<CompletableFuture<Void>>> waiters = new ConcurrentHashMap<>();
    private final AtomicBoolean listening = new AtomicBoolean();

    /** @param upstreamIdentity which Genesys org the locks are of ({@code GenesysEndpoints.upstreamIdentity}) */
    RedisLocks(@RedisClientName(RedisRoles.STATE) ReactiveRedisDataSource redis, StateStatus status,
            @Identifier("genesys-org") String upstreamIdentity,
            MeterRegistry registry, RedisNotices notices) {
        this.redis = redis;
        this.status = status;
        this.upstreamIdentity = upstreamIdentity;
        this.registry = registry;
        this.notices = notices;
    }

    // ---- The primitives every Redis-held claim of the gateway uses -------------------------------------------------

    /** Releases {@code key} of the state Redis if it still holds {@code token} (see {@link #script}); true when it did. */
    public Uni<Boolean> release(String key, String token) {
        return release(redis, key, token);
    }

    /**
     * Releases {@code key} of {@code server} (a lock kept with what it guards, such as an analytics entry's in the
     * cache Redis) if it still holds {@code token}; true when it did. The release notice goes out on that server.
     */
    public static Uni<Boolean> release(ReactiveRedisDataSource server, String key, String token) {
        return server.execute("EVAL", RELEASE, "1", key, token).map(reply -> reply != null && reply.toLong() == 1);
    }

    /** Tells every replica's waiters that {@code key} changed (a claim that now holds its outcome, not a release). */
    public Uni<Void> announce(String key) {
        return notices.publish(RELEASED, key);
    }

    /**
     * Starts watching {@code key} before looking at it, so that a release between the look and the wait is not
     * missed; {@link Watch#await} then waits for a release notice (or the recheck interval, whichever comes first).
     */
    public Watch watch(String key) {
        if (listening.compareAndSet(false, true)) {
            notices.listen(RELEASED, this::released, () -> {
            });
        }
        CompletableFuture<Void> released = new CompletableFuture<>();
        waiters.computeIfAbsent(key, k -> ConcurrentHashMap.newKeySet()).add(released);
        return new Watch(key, released);
    }

    private void released(String key) {
        Set<CompletableFuture<Void>> waiting = waiters.remove(key);
        if (waiting != null) {
            waiting.forEach(future -> future.complete(null));
        }
    }

    /** A watch of one key; close it (or await it) once. */
    public final class Watch {
        private final String key;
        private final CompletableFuture<Void> released;

        private Watch(String key, CompletableFuture<Void> released) {
            this.key = key;
            this.released = released;
        }

        /** Completes when the key is released or changed, or after at most {@code atMost}; then the watch is closed. */
        public Uni<Void> await(Duration atMost) {
            Duration wait = atMost.compareTo(RECHECK) < 0 ? atMost : RECHECK;
            return Uni.createFrom().completionStage(released).ifNoItem().after(wait).recoverWithItem((Void) null)
                    .eventually(this::close);
        }

        /** Stops watching. */
        public void close() {
            Set<CompletableFuture<Void>> waiting = waiters.get(key);
            if (waiting != null) {
                waiting.remove(released);
                if (waiting.isEmpty()) {
                    waiters.remove(key, waiting);
                }
            }
        }
    }

    // ---- Locks that serialize a change ---------------------------------------------------------------------------

    /** Runs {@code change} holding the lock of {@code resource}; {@code change} calls {@link #fence} just before writing. */
    public <T> Uni<T> withLock(Settings settings, String resource, Function<Lease, Uni<T>> change) {
        String lockKey = "gateway:" + settings.name() + ":lock:v1:" + RedisKeys.sha256(upstreamIdentity + "|" + resource);
        Lease lease = new Lease(lockKey, UUID.randomUUID().toString(), settings);
        long deadline = System.nanoTime() + settings.maxWait().toNanos();
        return acquire(lease, deadline, false)
                .flatMap(held -> change.apply(lease).eventually(() -> release(lease)));
    }

    /** Proves the lease is still held and renews it; fails (nothing is written) when it was lost. */
    public Uni<Void> fence(Lease lease) {
        Settings settings = lease.settings();
        return redisCall(settings, () -> redis.execute("EVAL", RENEW_IF_HELD, "1", lease.key(), lease.token(),
                String.valueOf(settings.lease().toMillis())))
                .flatMap(reply -> reply != null && reply.toLong() == 1 ? Uni.createFrom().voidItem()
                        : Uni.createFrom().failure(new RequestInProgressException("The lock of this " + settings.subject()
                                + " expired before the change was sent; nothing was changed. Retry.", 1)));
    }

    /** Takes the lock, or waits for its release (a notice from the holder) and tries again, until the deadline. */
    private Uni<Boolean> acquire(Lease lease, long deadlineNanos, boolean waited) {
        Settings settings = lease.settings();
        Watch watch = watch(lease.key());
        return redisCall(settings, () -> redis.execute("SET", lease.key(), lease.token(), "NX", "PX",
                String.valueOf(settings.lease().toMillis())))
                .onFailure().invoke(watch::close)
                .flatMap(reply -> {
                    long left = deadlineNanos - System.nanoTime();
                    if (reply != null) {
                        watch.close();
                        if (waited) {
                            contended(settings).increment();
                        }
                        return Uni.createFrom().item(true);
                    }
                    if (left <= 0) {
                        watch.close();
                        return Uni.createFrom().failure(new RequestInProgressException(
                                "Another change to this " + settings.subject() + " is in progress", 1));
                    }
                    return watch.await(Duration.ofNanos(left)).flatMap(ignored -> acquire(lease, deadlineNanos, true));
                });
    }

    private Counter contended(Settings settings) {
        return Counter.builder("gateway." + settings.name() + ".lock.contended")
                .description("Changes that had to wait for another change of the same " + settings.subject())
                .register(registry);
    }

    private Uni<Void> release(Lease lease) {
        return redisCall(lease.settings(), () -> redis.execute("EVAL", RELEASE, "1", lease.key(), lease.token()))
                .replaceWithVoid()
                .onFailure().recoverWithItem(failure -> {
                    LOG.debugf("Could not release a lock (it expires with its lease): %s", failure.toString());
                    return null;
                });
    }

    private Uni<Response> redisCall(Settings settings, Supplier<Uni<Response>> call) {
        return status.call(settings.redisTimeout(), call, () -> unavailable(settings));
    }

    private static UpstreamUnavailableException unavailable(Settings settings) {
        return new UpstreamUnavailableException(settings.unavailable());
    }
}
