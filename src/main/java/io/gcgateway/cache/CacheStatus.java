package io.gcgateway.cache;

import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.function.Supplier;

import org.jboss.logging.Logger;

import io.gcgateway.errors.GatewayException;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.redis.client.RedisClientName;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.smallrye.faulttolerance.api.CircuitBreakerMaintenance;
import io.smallrye.faulttolerance.api.CircuitBreakerState;
import io.smallrye.faulttolerance.api.Guard;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.util.TypeLiteral;
import jakarta.inject.Inject;

/**
 * The fault-tolerance guard of one Redis role, here the cache: a SmallRye Fault Tolerance circuit breaker that every
 * Redis operation of the role runs through. {@code failures-before-outage} failed or late operations in a row open it
 * (an outage: logged once, shown as a gauge); while it is open operations fail at once instead of each paying the
 * Redis timeout; after {@code retry-after-failure} one operation tries Redis again. The cache fails open (its callers
 * answer uncached); the state Redis has its own guard ({@link StateStatus}), so a slow cache never stops a write.
 */
@ApplicationScoped
public class CacheStatus {
    private static final Logger LOG = Logger.getLogger(CacheStatus.class);
    private static final TypeLiteral<Uni<Object>> UNI = new TypeLiteral<>() {
    };

    private final ReactiveRedisDataSource redis;
    private final CacheConfig config;
    private final String breakerName;
    private final Guard guard;
    private volatile CircuitBreakerState state = CircuitBreakerState.CLOSED;
    /** A failed ping is certain: Redis counts as down until an operation succeeds, without waiting for the count. */
    private volatile boolean pingFailed;
    private boolean outage;
    private final String down;
    private final String up;

    @Inject
    CacheStatus(@RedisClientName(RedisRoles.CACHE) ReactiveRedisDataSource redis, CacheConfig config, MeterRegistry registry) {
        this(redis, config, "redis-cache", "Redis cache unavailable: serving uncached until it is back",
                "Redis cache available again");
        Gauge.builder("gateway.cache.available", this, CacheStatus::availability)
                .description("1 when the Redis cache answers, 0 while it is down (the gateway then runs uncached)")
                .register(registry);
    }

    /** For another Redis role, or a test: its own breaker (named {@code breakerName}) and outage messages. */
    CacheStatus(ReactiveRedisDataSource redis, CacheConfig config, String breakerName, String down, String up) {
        this.redis = redis;
        this.config = config;
        this.breakerName = breakerName;
        this.down = down;
        this.up = up;
        this.guard = Guard.create()
                .withDescription(breakerName)
                .withCircuitBreaker()
                    .name(breakerName)
                    .requestVolumeThreshold(config.failuresBeforeOutage())
                    .failureRatio(1.0)
                    .successThreshold(1)
                    .delay(config.retryAfterFailure().toMillis(), ChronoUnit.MILLIS)
                    // A gateway error (a conflict, a refusal) is an answer from Redis, not a sign of its absence.
                    .skipOn(GatewayException.class)
                    .onStateChange(this::changed)
                    .onSuccess(this::answered)
                    .done()
                .build();
    }

    /** 1 while available, for a gauge. */
    double availability() {
        return available() ? 1 : 0;
    }

    /** Whether the role's Redis counts as reachable (breaker closed, last ping answered); no round trip. */
    public boolean available() {
        return state == CircuitBreakerState.CLOSED && !pingFailed;
    }

    /** Pings Redis within the probe timeout, through the breaker; never fails. */
    public Uni<Boolean> probe() {
        return guarded(config.probeTimeout(), () -> redis.execute("PING"))
                .map(reply -> true)
                .onFailure().recoverWithItem(failure -> {
                    pingFailed = true;
                    judge();
                    return false;
                });
    }

    /**
     * Runs one Redis operation within {@code timeout} through the breaker. It fails with the operation's own failure,
     * a {@link java.util.concurrent.TimeoutException} when late, or at once with the breaker's
     * {@link org.eclipse.microprofile.faulttolerance.exceptions.CircuitBreakerOpenException} during an outage. Gateway
     * errors pass through and do not count as Redis failures.
     */
    @SuppressWarnings("unchecked")
    public <T> Uni<T> guarded(Duration timeout, Supplier<Uni<T>> operation) {
        Uni<Object> call = guard.get(
                () -> Uni.createFrom().deferred(() -> operation.get()).ifNoItem().after(timeout).fail().map(value -> (Object) value),
                UNI);
        return (Uni<T>) call;
    }

    /** {@link #guarded}, with every failure but a gateway error replaced by the one {@code unavailable} supplies. */
    public <T> Uni<T> call(Duration timeout, Supplier<Uni<T>> operation, Supplier<? extends RuntimeException> unavailable) {
        return guarded(timeout, operation)
                .onFailure(failure -> !(failure instanceof GatewayException)).transform(failure -> unavailable.get());
    }

    /** Closes the breaker (an operator's or a test's reset); the next operation tries Redis. */
    public void reset() {
        CircuitBreakerMaintenance.get().reset(breakerName);
    }

    private void changed(CircuitBreakerState newState) {
        state = newState;
        judge();
    }

    private void answered() {
        pingFailed = false;
        judge();
    }

    /** One WARN when an outage starts and one INFO when Redis answers again, however often it is retried between. */
    private synchronized void judge() {
        boolean down = !available();
        if (down && !outage) {
            outage = true;
            LOG.warn(this.down);
        } else if (!down && outage) {
            outage = false;
            LOG.info(up);
        }
    }
}
