package io.gcgateway.genesys;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import org.jboss.logging.Logger;

import io.gcgateway.cache.RedisKeys;
import io.gcgateway.cache.RedisNotices;
import io.gcgateway.cache.RedisRoles;
import io.gcgateway.errors.RateLimitedException;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.redis.client.RedisClientName;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * The request budget the gateway keeps with Genesys: one per OAuth client, shared by every replica through Redis.
 * <p>
 * Genesys allows a number of requests per minute per client-credentials token (300 by default) and answers 429 past
 * it, for every application that shares the OAuth client. The gateway counts its calls in the same one-minute
 * windows, adopting Genesys's own figures from the {@code inin-ratelimit-allowed/-count/-reset} headers, and does not
 * send a call the window has no room for: the caller waits (when the wait is short) or gets {@code RATE_LIMITED} with
 * {@code retryAfterSeconds}. After a 429 that call class (its guard: Genesys also limits single resources) is closed
 * until the {@code Retry-After} on every replica (a Redis pub/sub notice), so no replica sends it before then.
 * <p>
 * Background calls (export polling, confirmation re-reads, channel renewals) take budget only while more than
 * {@code interactive-reserve} of the window is left: interactive queries come first.
 * <p>
 * A replica takes a few calls per Redis round trip ({@code lease}) and spends them within a second. Without Redis it
 * counts on its own, at the whole budget: the closed window still holds, the sharing does not (the 429s then say so).
 */
@ApplicationScoped
public class UpstreamBudget {
    /** Who a call is for: a client waiting now, or the gateway's own background work. */
    public enum Priority {
        INTERACTIVE, BACKGROUND
    }

    static final String PREFIX = "gateway:budget:v1:";
    static final String CLOSED = "gateway:budget:v1:closed";
    private static final String CLOSED_FIELD = "closed:";
    private static final long WINDOW_MILLIS = 60_000;
    private static final long LEASE_MILLIS = 1_000;
    /** When Genesys sends no {@code Retry-After} with a 429 (the Java SDK waits 3 s too). */
    private static final long DEFAULT_RETRY_AFTER_MILLIS = 3_000;
    private static final Logger LOG = Logger.getLogger(UpstreamBudget.class);
    /**
     * KEYS[1] the budget; ARGV: now, default allowed, wanted, calls kept back (for background calls), window ms, the
     * call class's field, burst. Opens a new window when the last has ended; grants what fits in the window and in the
     * pacing bucket (possibly fewer than wanted). The bucket refills at the window's rate (allowed per minute) up to
     * {@code burst}: the minute's calls are spread over the minute instead of going in its first seconds and leaving
     * every client refused for the rest of it. Returns {granted, ms until room (0 when granted), allowed, used, window
     * end, the class closed until}.
     */
    private static final String TAKE = """
            local now = tonumber(ARGV[1])
            local state = redis.call('HMGET', KEYS[1], 'allowed', 'used', 'resetAt', ARGV[6], 'tokens', 'tokensAt')
            local allowed = tonumber(state[1]) or tonumber(ARGV[2])
            local used = tonumber(state[2]) or 0
            local resetAt = tonumber(state[3]) or 0
            local closed = tonumber(state[4]) or 0
            local window = tonumber(ARGV[5])
            local burst = tonumber(ARGV[7])
            local rate = allowed / window
            local tokens = tonumber(state[5]) or burst
            local tokensAt = tonumber(state[6]) or now
            tokens = math.min(burst, tokens + math.max(0, now - tokensAt) * rate)
            if now >= resetAt then
              used = 0
              resetAt = now + window
            end
            local granted = 0
            local wait = 0
            if closed > now then
              wait = closed - now
            else
              local room = allowed - used - tonumber(ARGV[4])
              granted = math.max(0, math.min(tonumber(ARGV[3]), room, math.floor(tokens)))
              if granted == 0 then
                if room <= 0 then wait = resetAt - now else wait = math.ceil((1 - tokens) / rate) end
              end
            end
            used = used + granted
            tokens = tokens - granted
            redis.call('HSET', KEYS[1], 'allowed', allowed, 'used', used, 'resetAt', resetAt, 'tokens', tostring(tokens),
              'tokensAt', now)
            redis.call('PEXPIRE', KEYS[1], math.max(resetAt, closed) - now + 60000)
            return {granted, wait, allowed, used, resetAt, closed}
            """;
    /**
     * KEYS[1] the budget; ARGV: now, allowed, count, window end (all from Genesys's headers). Genesys's limit is
     * adopted. Its count wins when it is higher and it describes our window (other applications share the OAuth
     * client); the window itself stays ours: Genesys counts per token, every replica holds its own token with its own
     * window, and letting each replica's figures move the shared window would reset the count each time they differ.
     */
    private static final String OBSERVE = """
            local state = redis.call('HMGET', KEYS[1], 'used', 'resetAt')
            local used = tonumber(state[1]) or 0
            local resetAt = tonumber(state[2]) or 0
            if math.abs(tonumber(ARGV[4]) - resetAt) <= 2000 then
              used = math.max(used, tonumber(ARGV[3]))
            end
            redis.call('HSET', KEYS[1], 'allowed', ARGV[2], 'used', used)
            if redis.call('PTTL', KEYS[1]) < 0 then redis.call('PEXPIRE', KEYS[1], 120000) end
            return 1
            """;
    /** KEYS[1] the budget; ARGV: closed until, now (epoch ms), the class's field. Keeps the later of two closings. */
    private static final String CLOSE = """
            local closed = math.max(tonumber(redis.call('HGET', KEYS[1], ARGV[3])) or 0, tonumber(ARGV[1]))
            redis.call('HSET', KEYS[1], ARGV[3], closed)
            redis.call('PEXPIRE', KEYS[1], closed - tonumber(ARGV[2]) + 60000)
            return closed
            """;

    private final GenesysConfig.Budget config;
    private final ReactiveRedisDataSource redis;
    private final RedisNotices notices;
    private final String key;
    private final Lease interactive = new Lease();
    /** This replica's own count, used while the shared one cannot be reached. */
    private final LocalWindow alone = new LocalWindow();
    private final Lease background = new Lease();
    private final AtomicLong lastObserved = new AtomicLong();
    /** What this replica last knew of the window (for metrics and gatewayInfo). */
    private volatile View view;
    /** Until when (epoch ms) each call class may not be sent, after a 429. */
    private final Map<String, Long> closedUntil = new ConcurrentHashMap<>();
    private final Counter refusedInteractive;
    private final Counter refusedBackground;
    private final Counter upstream429;
    private final Counter unenforced;

    UpstreamBudget(GenesysConfig config, GenesysEndpoints endpoints,
            @RedisClientName(RedisRoles.STATE) ReactiveRedisDataSource redis, RedisNotices notices,
            MeterRegistry registry) {
        this.config = config.budget();
        this.redis = redis;
        this.notices = notices;
        // One budget per OAuth client of one org; the hash tag keeps it on one Redis Cluster slot.
        this.key = PREFIX + "{" + RedisKeys.sha256(endpoints.upstreamIdentity() + "|" + endpoints.clientId()).substring(0, 32)
                + "}";
        this.view = new View(this.config.requestsPerMinute(), 0, System.currentTimeMillis() + WINDOW_MILLIS);
        this.refusedInteractive = refused(registry, "interactive");
        this.refusedBackground = refused(registry, "background");
        this.upstream429 = Counter.builder("gateway.genesys.upstream.rate.limited")
                .description("Genesys answers 429 (rate limited) to the gateway's calls").register(registry);
        this.unenforced = Counter.builder("gateway.genesys.budget.unenforced")
                .description("Calls sent on this replica's own count because the shared budget (Redis) did not answer")
                .register(registry);
        Gauge.builder("gateway.genesys.budget.allowed", this, b -> b.view.allowed())
                .description("Requests Genesys allows the OAuth client per minute, as last known").register(registry);
        Gauge.builder("gateway.genesys.budget.used", this, b -> b.view.used())
                .description("Requests of the OAuth client in the current minute, as last known").register(registry);
        Gauge.builder("gateway.genesys.budget.left", this, b -> b.left())
                .description("Requests left in the current minute, as last known").register(registry);
    }

    private static Counter refused(MeterRegistry registry, String priority) {
        return Counter.builder("gateway.genesys.budget.refused").tag("priority", priority)
                .description("Calls the gateway did not send to Genesys because the budget had no room").register(registry);
    }

    void listen(@Observes StartupEvent event) {
        if (config.enabled()) {
            notices.listen(CLOSED, this::closedElsewhere, this::catchUp);
        }
    }

    /** On (re)subscribing: call classes another replica closed meanwhile are in the shared budget. */
    private void catchUp() {
        redis.execute("HGETALL", key).ifNoItem().after(config.redisTimeout()).fail().subscribe().with(reply -> {
            if (reply == null) {
                return;
            }
            for (String field : reply.getKeys()) {
                if (field.startsWith(CLOSED_FIELD)) {
                    closedElsewhere(key + "|" + field.substring(CLOSED_FIELD.length()) + "|" + reply.get(field));
                }
            }
        }, failure -> LOG.debugf("Could not read whether Genesys call classes are closed: %s", failure.toString()));
    }

    /** The window as this replica last knew it. */
    public record View(int allowed, int used, long resetAtMillis) {
    }

    /** The window as this replica last knew it. */
    public View view() {
        return view;
    }

    /** The latest time (epoch ms) until which Genesys told the gateway not to send some call class; 0 when none. */
    public long closedUntil() {
        long now = System.currentTimeMillis();
        return closedUntil.values().stream().mapToLong(Long::longValue).filter(until -> until > now).max().orElse(0);
    }

    /**
     * Forgets this replica's closed call classes and the shared window's count (other replicas keep a class they
     * closed until its time passes): for tests that start from a clean budget, and for an operator whose limit
     * Genesys support has just raised.
     */
    public Uni<Void> reopen() {
        closedUntil.clear();
        interactive.clear();
        background.clear();
        return redis.execute("DEL", key).ifNoItem().after(config.redisTimeout()).fail().replaceWithVoid();
    }

    private int left() {
        View known = view;
        return System.currentTimeMillis() >= known.resetAtMillis() ? known.allowed()
                : Math.max(0, known.allowed() - known.used());
    }

    /**
     * Room for one call: at once, after a short wait, or a failure with {@code RATE_LIMITED} and
     * {@code retryAfterSeconds} (nothing is sent to Genesys).
     */
    Uni<Void> acquire(Priority priority, String callClass) {
        if (!config.enabled()) {
            return Uni.createFrom().voidItem();
        }
        return take(priority, callClass).flatMap(wait -> {
            if (wait == 0) {
                return Uni.createFrom().voidItem();
            }
            if (wait <= config.maxWait().toMillis()) {
                return Uni.createFrom().voidItem().onItem().delayIt().by(Duration.ofMillis(wait))
                        .flatMap(ignored -> take(priority, callClass))
                        .flatMap(again -> again == 0 ? Uni.createFrom().voidItem() : refuse(priority, again));
            }
            return refuse(priority, wait);
        });
    }

    private Uni<Void> refuse(Priority priority, long waitMillis) {
        (priority == Priority.INTERACTIVE ? refusedInteractive : refusedBackground).increment();
        long seconds = Math.max(1, (waitMillis + 999) / 1000);
        return Uni.createFrom().failure(new RateLimitedException("The Genesys request budget of this integration is "
                + "used up for now; retry after " + seconds + " s", seconds, null));
    }

    /** 0 when a call may go now; else milliseconds until there may be room. */
    private Uni<Long> take(Priority priority, String callClass) {
        long now = System.currentTimeMillis();
        long closed = closedUntil.getOrDefault(callClass, 0L);
        if (closed > now) {
            return Uni.createFrom().item(closed - now);
        }
        Lease lease = priority == Priority.INTERACTIVE ? interactive : background;
        if (lease.spend(now)) {
            return Uni.createFrom().item(0L);
        }
        int reserve = priority == Priority.BACKGROUND ? (int) Math.ceil(view.allowed() * config.interactiveReserve()) : 0;
        return redis.execute("EVAL", TAKE, "1", key, String.valueOf(now), String.valueOf(config.requestsPerMinute()),
                String.valueOf(config.lease()), String.valueOf(reserve), String.valueOf(WINDOW_MILLIS), CLOSED_FIELD + callClass,
                String.valueOf(config.burst()))
                .ifNoItem().after(config.redisTimeout()).fail()
                .map(reply -> {
                    long granted = reply.get(0).toLong();
                    view = new View(reply.get(2).toInteger(), reply.get(3).toInteger(), reply.get(4).toLong());
                    closedUntil.merge(callClass, reply.get(5).toLong(), Math::max);
                    if (granted > 1) {
                        lease.hold(granted - 1, Math.min(view.resetAtMillis(), now + LEASE_MILLIS));
                    }
                    return granted > 0 ? 0L : Math.max(1, reply.get(1).toLong());
                })
                .onFailure().recoverWithItem(failure -> {
                    unenforced.increment();
                    LOG.debugf("Genesys budget not shared for one call: %s", failure.toString());
                    return alone.take(System.currentTimeMillis(), view.allowed(), config.burst());
                });
    }

    /** Genesys answered a call of {@code callClass} with 429: nothing of that class is sent before {@code retryAfter}. */
    void rateLimited(String callClass, Optional<Duration> retryAfter) {
        if (!config.enabled()) {
            return;
        }
        upstream429.increment();
        close(callClass, System.currentTimeMillis() + retryAfter.map(Duration::toMillis).orElse(DEFAULT_RETRY_AFTER_MILLIS));
    }

    /**
     * What Genesys said about the window, from a response's headers (null when absent): its allowance, the count so
     * far and the seconds until the window resets.
     */
    void observed(Integer allowed, Integer count, Long resetSeconds) {
        share(allowed, count, resetSeconds).subscribe().with(ok -> {
        }, failure -> LOG.debugf("Genesys budget figures not shared: %s", failure.toString()));
    }

    /** What {@link #observed} does, completing once the figures are in the shared budget (or were not sent). */
    Uni<Void> share(Integer allowed, Integer count, Long resetSeconds) {
        if (!config.enabled() || allowed == null || count == null || resetSeconds == null) {
            return Uni.createFrom().voidItem();
        }
        long now = System.currentTimeMillis();
        long resetAt = now + resetSeconds * 1000;
        view = new View(allowed, count, resetAt);
        // Genesys's figures reach the shared budget at most once a second per replica: they correct drift, they are
        // not a second count.
        long last = lastObserved.get();
        if (now - last < 1000 || !lastObserved.compareAndSet(last, now)) {
            return Uni.createFrom().voidItem();
        }
        return redis.execute("EVAL", OBSERVE, "1", key, String.valueOf(now), String.valueOf(allowed), String.valueOf(count),
                String.valueOf(resetAt))
                .ifNoItem().after(config.redisTimeout()).fail()
                .replaceWithVoid();
    }

    private void close(String callClass, long until) {
        if (until <= closedUntil.getOrDefault(callClass, 0L)) {
            return;
        }
        closedUntil.merge(callClass, until, Math::max);
        LOG.infof("Genesys answered 429: no %s call is sent to it for %d ms", callClass, until - System.currentTimeMillis());
        redis.execute("EVAL", CLOSE, "1", key, String.valueOf(until), String.valueOf(System.currentTimeMillis()),
                CLOSED_FIELD + callClass)
                .ifNoItem().after(config.redisTimeout()).fail()
                .flatMap(reply -> notices.publish(CLOSED, key + "|" + callClass + "|" + reply.toLong()))
                .subscribe().with(ok -> {
                }, failure -> LOG.debugf("The closed Genesys window was not shared: %s", failure.toString()));
    }

    /** A notice {@code <budget>|<call class>|<closed until>} from any replica (this one included). */
    private void closedElsewhere(String notice) {
        String[] parts = notice.split("\\|");
        if (parts.length == 3 && parts[0].equals(key)) {
            try {
                closedUntil.merge(parts[1], Long.parseLong(parts[2]), Math::max);
            } catch (NumberFormatException ignored) {
                LOG.debugf("Ignored a malformed budget notice");
            }
        }
    }

    /** Calls this replica took from the shared budget and has not sent yet. */
    private static final class Lease {
        private long calls;
        private long expiresAt;

        synchronized boolean spend(long now) {
            if (calls <= 0 || now >= expiresAt) {
                return false;
            }
            calls--;
            return true;
        }

        synchronized void hold(long taken, long until) {
            calls = taken;
            expiresAt = until;
        }

        synchronized void clear() {
            calls = 0;
        }
    }

    /**
     * A replica's own one-minute window and pacing bucket, for calls made while the shared budget is out of reach: the
     * whole budget for this replica alone (the sharing is lost until Redis is back, the limit and the pace are not).
     */
    static final class LocalWindow {
        private long resetAt;
        private int used;
        private double tokens = -1;
        private long tokensAt;

        /** 0 when a call may go now; else milliseconds until there may be room. */
        synchronized long take(long now, int allowed, int burst) {
            double rate = (double) allowed / WINDOW_MILLIS;
            tokens = tokens < 0 ? burst : Math.min(burst, tokens + Math.max(0, now - tokensAt) * rate);
            tokensAt = now;
            if (now >= resetAt) {
                resetAt = now + WINDOW_MILLIS;
                used = 0;
            }
            if (used >= allowed) {
                return Math.max(1, resetAt - now);
            }
            if (tokens < 1) {
                return Math.max(1, (long) Math.ceil((1 - tokens) / rate));
            }
            used++;
            tokens--;
            return 0;
        }
    }
}
