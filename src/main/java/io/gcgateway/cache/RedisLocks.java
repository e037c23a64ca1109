package io.gcgateway.cache;

import java.time.Duration;
import java.util.UUID;
import java.util.function.Function;
import java.util.function.Supplier;

import org.jboss.logging.Logger;

import io.gcgateway.errors.RequestInProgressException;
import io.gcgateway.errors.UpstreamUnavailableException;
import io.gcgateway.genesys.GenesysEndpoints;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.redis.client.Response;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Leased Redis locks that serialize a change to one thing (a record, a conversation) across gateway replicas.
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
    private static final Duration POLL = Duration.ofMillis(20);
    private static final String RENEW_IF_HELD = "if redis.call('get', KEYS[1]) == ARGV[1] then "
            + "return redis.call('pexpire', KEYS[1], ARGV[2]) else return 0 end";
    private static final String RELEASE_IF_HELD = "if redis.call('get', KEYS[1]) == ARGV[1] then "
            + "return redis.call('del', KEYS[1]) else return 0 end";
    private static final Logger LOG = Logger.getLogger(RedisLocks.class);

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
    private final CacheStatus status;
    private final String upstreamIdentity;
    private final MeterRegistry registry;

    RedisLocks(ReactiveRedisDataSource redis, CacheStatus status, GenesysEndpoints endpoints, MeterRegistry registry) {
        this.redis = redis;
        this.status = status;
        this.upstreamIdentity = endpoints.apiUrl() + "|" + endpoints.region();
        this.registry = registry;
    }

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

    private Uni<Boolean> acquire(Lease lease, long deadlineNanos, boolean waited) {
        Settings settings = lease.settings();
        return redisCall(settings, () -> redis.execute("SET", lease.key(), lease.token(), "NX", "PX",
                String.valueOf(settings.lease().toMillis())))
                .flatMap(reply -> {
                    if (reply != null) {
                        if (waited) {
                            contended(settings).increment();
                        }
                        return Uni.createFrom().item(true);
                    }
                    if (System.nanoTime() - deadlineNanos > 0) {
                        return Uni.createFrom().failure(new RequestInProgressException(
                                "Another change to this " + settings.subject() + " is in progress", 1));
                    }
                    return Uni.createFrom().voidItem().onItem().delayIt().by(POLL)
                            .flatMap(ignored -> acquire(lease, deadlineNanos, true));
                });
    }

    private Counter contended(Settings settings) {
        return Counter.builder("gateway." + settings.name() + ".lock.contended")
                .description("Changes that had to wait for another change of the same " + settings.subject())
                .register(registry);
    }

    private Uni<Void> release(Lease lease) {
        return redisCall(lease.settings(), () -> redis.execute("EVAL", RELEASE_IF_HELD, "1", lease.key(), lease.token()))
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
