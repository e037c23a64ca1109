package io.gcgateway.security;

import org.jboss.logging.Logger;

import io.gcgateway.cache.CacheStatus;
import io.gcgateway.cache.RedisKeys;
import io.gcgateway.errors.RateLimitedException;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Per-client rate limit: a token bucket per caller in Redis, so the limit holds across replicas. Each GraphQL
 * operation (root field) takes one token; the bucket refills continuously. Over the limit: {@code RATE_LIMITED} with
 * {@code retryAfterSeconds}. When Redis is unavailable the limit is not enforced (fail open, like the cache): an
 * outage of the limiter must not become an outage of the gateway.
 */
@ApplicationScoped
class ClientRateLimiter {
    static final String PREFIX = "gateway:ratelimit:v1:";
    private static final Logger LOG = Logger.getLogger(ClientRateLimiter.class);
    /** KEYS[1] bucket; ARGV: capacity, refill per ms, now ms. Returns {allowed 0/1, ms until a token}. */
    private static final String TAKE = """
            local capacity = tonumber(ARGV[1])
            local rate = tonumber(ARGV[2])
            local now = tonumber(ARGV[3])
            local state = redis.call('HMGET', KEYS[1], 'tokens', 'at')
            local tokens = tonumber(state[1]) or capacity
            local at = tonumber(state[2]) or now
            tokens = math.min(capacity, tokens + math.max(0, now - at) * rate)
            local allowed = 0
            local wait = 0
            if tokens >= 1 then
              tokens = tokens - 1
              allowed = 1
            else
              wait = math.ceil((1 - tokens) / rate)
            end
            redis.call('HSET', KEYS[1], 'tokens', tokens, 'at', now)
            redis.call('PEXPIRE', KEYS[1], math.ceil(capacity / rate) + 1000)
            return {allowed, wait}
            """;

    private final ReactiveRedisDataSource redis;
    private final SecurityConfig.RateLimit config;
    private final CacheStatus status;
    private final Counter limited;
    private final Counter unenforced;

    ClientRateLimiter(ReactiveRedisDataSource redis, SecurityConfig config, CacheStatus status, MeterRegistry registry) {
        this.redis = redis;
        this.config = config.rateLimit();
        this.status = status;
        this.limited = Counter.builder("gateway.clients.rate.limited")
                .description("Operations refused because their client was over its rate limit")
                .register(registry);
        this.unenforced = Counter.builder("gateway.clients.rate.unenforced")
                .description("Operations let through unlimited because the rate limiter's Redis call failed or was slow")
                .register(registry);
    }

    /** Takes one token for {@code client}; fails with RATE_LIMITED when there is none. */
    Uni<Void> take(String client) {
        if (!config.enabled() || !status.shouldTry()) {
            return Uni.createFrom().voidItem();
        }
        double perMs = config.perSecond() / 1000.0;
        return redis.execute("EVAL", TAKE, "1", PREFIX + RedisKeys.sha256(client), String.valueOf(config.burst()),
                String.valueOf(perMs), String.valueOf(System.currentTimeMillis()))
                .ifNoItem().after(config.redisTimeout()).fail()
                .onFailure().recoverWithItem(failure -> {
                    // Not recorded as a Redis outage: the limiter's budget is tight on purpose, and one slow call
                    // must not switch the whole cache off for its cool-down.
                    unenforced.increment();
                    LOG.debugf("Rate limit not enforced for one operation: %s", failure.toString());
                    return null;
                })
                .flatMap(reply -> {
                    if (reply == null) {
                        return Uni.createFrom().voidItem();
                    }
                    status.record(true);
                    if (reply.get(0).toInteger() == 1) {
                        return Uni.createFrom().voidItem();
                    }
                    limited.increment();
                    long seconds = Math.max(1, (reply.get(1).toLong() + 999) / 1000);
                    return Uni.createFrom().failure(new RateLimitedException(
                            "Too many requests from this client; retry after " + seconds + " s", seconds, null));
                });
    }
}
