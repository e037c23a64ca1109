package io.gcgateway.cache;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

import org.jboss.logging.Logger;

import io.gcgateway.errors.GatewayException;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.redis.client.RedisClientName;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * Knows whether the Redis cache is reachable. The cache is optional: when Redis is down the gateway keeps answering
 * from Genesys, and this class is where that is noticed, logged once per outage, and exposed as a metric. The state
 * Redis has its own ({@link StateStatus}), so that a slow cache never stops a write.
 */
@ApplicationScoped
public class CacheStatus {
    private static final Logger LOG = Logger.getLogger(CacheStatus.class);

    private final ReactiveRedisDataSource redis;
    private final LongSupplier nanoTime;
    private final CacheConfig config;
    private final AtomicBoolean available = new AtomicBoolean(true);
    private final AtomicInteger consecutiveFailures = new AtomicInteger();
    private volatile long retryAtNanos;
    private volatile boolean outageLogged;
    private final String down;
    private final String up;

    @Inject
    CacheStatus(@RedisClientName(RedisRoles.CACHE) ReactiveRedisDataSource redis, CacheConfig config, MeterRegistry registry) {
        this(redis, config, registry, System::nanoTime);
        Gauge.builder("gateway.cache.available", available, a -> a.get() ? 1 : 0)
                .description("1 when the Redis cache answers, 0 while it is down (the gateway then runs uncached)")
                .register(registry);
    }

    /** @param nanoTime the monotonic clock the cool-down is measured on (a test moves its own) */
    CacheStatus(ReactiveRedisDataSource redis, CacheConfig config, MeterRegistry registry, LongSupplier nanoTime) {
        this(redis, config, nanoTime, "Redis cache unavailable: serving uncached until it is back",
                "Redis cache available again");
    }

    /** For another Redis role: its own outage messages. */
    CacheStatus(ReactiveRedisDataSource redis, CacheConfig config, LongSupplier nanoTime, String down, String up) {
        this.nanoTime = nanoTime;
        this.redis = redis;
        this.config = config;
        this.down = down;
        this.up = up;
    }

    /** 1 while available, for a gauge. */
    double availability() {
        return available.get() ? 1 : 0;
    }

    /** Pings Redis within the probe timeout; never fails. A failed ping is an outage at once. */
    public Uni<Boolean> probe() {
        return redis.execute("PING")
                .ifNoItem().after(config.probeTimeout()).fail()
                .map(reply -> true)
                .onFailure().recoverWithItem(false)
                .invoke(reachable -> {
                    if (reachable) {
                        record(true);
                    } else {
                        failed(true);
                    }
                });
    }

    /** The last known state, without a round trip. */
    public boolean lastKnownAvailable() {
        return available.get();
    }

    /**
     * Whether cache operations should try Redis now. After a failure Redis is skipped for the configured cool-down
     * (answers go uncached at once instead of each paying the Redis timeout); then one call tries again.
     */
    public boolean shouldTry() {
        return available.get() || nanoTime.getAsLong() - retryAtNanos >= 0;
    }

    /**
     * Runs one Redis operation within {@code budget} and records its outcome. When Redis is in its cool-down, or the
     * operation fails or runs out of time, the result is the failure {@code unavailable} supplies; failures that are
     * already gateway errors pass through.
     */
    public <T> Uni<T> call(Duration budget, Supplier<Uni<T>> operation,
            Supplier<? extends RuntimeException> unavailable) {
        if (!shouldTry()) {
            return Uni.createFrom().failure(unavailable.get());
        }
        return Uni.createFrom().deferred(() -> operation.get())
                .ifNoItem().after(budget).fail()
                .invoke(ignored -> record(true))
                .onFailure(failure -> !(failure instanceof GatewayException)).transform(failure -> {
                    record(false);
                    return unavailable.get();
                });
    }

    /**
     * Records the outcome of a Redis operation. {@code failures-before-outage} consecutive failures make an outage
     * (fewer are a blip: Redis is still tried); during an outage each failed retry extends the cool-down. An outage is
     * logged once when it starts and once when Redis has answered again, however many operations fail in between.
     */
    public void record(boolean reachable) {
        if (reachable) {
            consecutiveFailures.set(0);
            if (!available.getAndSet(true) && outageLogged) {
                outageLogged = false;
                LOG.info(up);
            }
            return;
        }
        failed(false);
    }

    private void failed(boolean certain) {
        if (consecutiveFailures.incrementAndGet() < config.failuresBeforeOutage() && !certain && available.get()) {
            return;
        }
        retryAtNanos = nanoTime.getAsLong() + config.retryAfterFailure().toNanos();
        if (available.getAndSet(false) && !outageLogged) {
            outageLogged = true;
            LOG.warn(down);
        }
    }
}
