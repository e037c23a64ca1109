package io.gcgateway.security;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.jboss.logging.Logger;

import io.gcgateway.cache.RedisKeys;
import io.gcgateway.cache.RedisRoles;
import io.gcgateway.cache.StateStatus;
import io.gcgateway.errors.RateLimitedException;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.redis.client.RedisClientName;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Per-client rate limit: a token bucket per caller in Redis, so the limit holds across replicas. Each GraphQL
 * operation (root field) takes one token; the bucket refills continuously. Over the limit: {@code RATE_LIMITED} with
 * {@code retryAfterSeconds}. When Redis is unavailable the limit is not enforced (fail open, like the cache): an
 * outage of the limiter must not become an outage of the gateway.
 * <p>
 * A busy client's tokens are leased: one Redis call takes up to {@code max-lease} tokens, which this replica spends
 * locally for {@code lease-lifetime}. The tokens leave the shared bucket when leased, so the limit is never exceeded;
 * the cost is that a lease may expire unspent, or that one replica refuses while another still holds a few tokens.
 */
@ApplicationScoped
class ClientRateLimiter {
    static final String PREFIX = "gateway:ratelimit:v1:";
    private static final Logger LOG = Logger.getLogger(ClientRateLimiter.class);
    private static final int MAX_IDLE_LEASES = 1_000;
    private static final Uni<Long> TAKEN = Uni.createFrom().item(0L);
    /**
     * KEYS[1] bucket; ARGV: capacity, refill per ms, now ms, tokens needed, most extra tokens to lease. Takes the
     * needed tokens plus as many extra as are there (up to the most), or nothing. Returns {granted, ms until enough}.
     */
    private static final String TAKE = """
            local capacity = tonumber(ARGV[1])
            local rate = tonumber(ARGV[2])
            local now = tonumber(ARGV[3])
            local needed = tonumber(ARGV[4])
            local extra = tonumber(ARGV[5])
            local state = redis.call('HMGET', KEYS[1], 'tokens', 'at')
            local tokens = tonumber(state[1]) or capacity
            local at = tonumber(state[2]) or now
            tokens = math.min(capacity, tokens + math.max(0, now - at) * rate)
            local granted = 0
            local wait = 0
            if tokens >= needed then
              granted = needed + math.min(extra, math.floor(tokens - needed))
              tokens = tokens - granted
            else
              wait = math.ceil((needed - tokens) / rate)
            end
            redis.call('HSET', KEYS[1], 'tokens', tokens, 'at', now)
            redis.call('PEXPIRE', KEYS[1], math.ceil(capacity / rate) + 1000)
            return {granted, wait}
            """;

    private final ReactiveRedisDataSource redis;
    private final SecurityConfig.RateLimit config;
    private final StateStatus status;
    private final int extraPerLease;
    private final long leaseLifetimeMillis;
    private final Map<String, Lease> leases = new ConcurrentHashMap<>();
    private final Counter limited;
    private final Counter unenforced;

    ClientRateLimiter(@RedisClientName(RedisRoles.STATE) ReactiveRedisDataSource redis, SecurityConfig config, StateStatus status, MeterRegistry registry) {
        this.redis = redis;
        this.config = config.rateLimit();
        this.status = status;
        int lease = (int) Math.min(this.config.maxLease(), Math.min(this.config.perSecond() / 10, this.config.burst() / 10.0));
        this.extraPerLease = Math.max(0, lease - 1);
        this.leaseLifetimeMillis = this.config.leaseLifetime().toMillis();
        this.limited = Counter.builder("gateway.clients.rate.limited")
                .description("Operations refused because their client was over its rate limit")
                .register(registry);
        this.unenforced = Counter.builder("gateway.clients.rate.unenforced")
                .description("Operations let through unlimited because the rate limiter's Redis call failed or was slow")
                .register(registry);
    }

    /** Takes one token for {@code client}; fails with RATE_LIMITED when there is none. */
    Uni<Void> take(String client) {
        return take(client, 1);
    }

    /** Takes {@code tokens} tokens for {@code client} (all or none); fails with RATE_LIMITED when there are too few. */
    Uni<Void> take(String client, int tokens) {
        return acquire(client, tokens).flatMap(waitMillis -> {
            if (waitMillis == 0) {
                return Uni.createFrom().voidItem();
            }
            limited.increment();
            long seconds = Math.max(1, (waitMillis + 999) / 1000);
            return Uni.createFrom().failure(new RateLimitedException(
                    "Too many requests from this client; retry after " + seconds + " s", seconds, null));
        });
    }

    /**
     * Takes {@code tokens} tokens for {@code client} (all or none): 0 when taken (or when the limit cannot be enforced
     * now), otherwise how many milliseconds until there are enough. A refusal takes nothing.
     */
    Uni<Long> acquire(String client, int tokens) {
        if (!config.enabled() || !status.available()) {
            return TAKEN;
        }
        Lease lease = leases.get(client);
        if (lease != null && lease.spend(tokens, System.currentTimeMillis())) {
            return TAKEN;
        }
        double perMs = config.perSecond() / 1000.0;
        long now = System.currentTimeMillis();
        return redis.execute("EVAL", TAKE, "1", PREFIX + RedisKeys.sha256(client), String.valueOf(config.burst()),
                String.valueOf(perMs), String.valueOf(now), String.valueOf(tokens), String.valueOf(extraPerLease))
                .ifNoItem().after(config.redisTimeout()).fail()
                .map(reply -> {
                    long granted = reply.get(0).toLong();
                    if (granted < tokens) {
                        return Math.max(1, reply.get(1).toLong());
                    }
                    if (granted > tokens) {
                        leases.compute(client, (c, held) -> Lease.add(held, granted - tokens, now + leaseLifetimeMillis, now));
                        dropExpiredLeases(now);
                    }
                    return 0L;
                })
                .onFailure().recoverWithItem(failure -> {
                    // Not recorded as a Redis outage: the limiter's budget is tight on purpose, and one slow call
                    // must not switch the whole cache off for its cool-down.
                    unenforced.increment();
                    LOG.debugf("Rate limit not enforced for one operation: %s", failure.toString());
                    return 0L;
                });
    }

    /** Leases of clients that went quiet are dropped when many clients hold one, so the map holds recent callers. */
    private void dropExpiredLeases(long now) {
        if (leases.size() > MAX_IDLE_LEASES) {
            leases.values().removeIf(lease -> lease.expiresAt <= now);
        }
    }

    /** Tokens this replica took from a client's bucket and has not spent yet. */
    private static final class Lease {
        private long tokens;
        private final long expiresAt;

        private Lease(long tokens, long expiresAt) {
            this.tokens = tokens;
            this.expiresAt = expiresAt;
        }

        static Lease add(Lease held, long tokens, long expiresAt, long now) {
            long kept = held == null || held.expiresAt <= now ? 0 : held.tokens();
            // The older tokens get the newer lifetime: at most one lease's worth of time more, never more tokens.
            return new Lease(kept + tokens, expiresAt);
        }

        synchronized long tokens() {
            return tokens;
        }

        synchronized boolean spend(int wanted, long now) {
            if (now >= expiresAt || tokens < wanted) {
                return false;
            }
            tokens -= wanted;
            return true;
        }
    }
}
