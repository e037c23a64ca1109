package io.gcgateway.gateway;

import java.time.Duration;

import org.jboss.logging.Logger;

import io.gcgateway.cache.CacheStatus;
import io.gcgateway.cache.RedisNotices;
import io.gcgateway.cache.RedisRoles;
import io.quarkus.redis.client.RedisClientName;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * Empties every replica's kept responses ({@link ResponseCache}) when the data behind them is invalidated: this
 * replica's at once, the others' through Redis pub/sub, at once too. The generation number in Redis is the record:
 * a replica that was not subscribed (Redis restarted, the connection dropped) reads it when it subscribes again and
 * empties its responses if it moved, so a lost notice costs at most the time to reconnect.
 */
@ApplicationScoped
public class ResponseCacheInvalidation {
    static final String GENERATION_KEY = "gateway:responses:v1:generation";
    static final String CHANNEL = "gateway:responses:v1:invalidated";
    private static final Duration REDIS_TIMEOUT = Duration.ofMillis(500);
    private static final Logger LOG = Logger.getLogger(ResponseCacheInvalidation.class);

    private final ResponseCache responses;
    private final ReactiveRedisDataSource redis;
    private final RedisNotices notices;
    private final CacheStatus status;
    /** The last generation this replica knows of; null before it has read one. */
    private volatile String generation;

    ResponseCacheInvalidation(ResponseCache responses, @RedisClientName(RedisRoles.CACHE) ReactiveRedisDataSource redis,
            RedisNotices notices,
            CacheStatus status) {
        this.responses = responses;
        this.redis = redis;
        this.notices = notices;
        this.status = status;
    }

    void listen(@Observes StartupEvent event) {
        if (responses.enabled()) {
            notices.listen(CHANNEL, this::invalidated, this::catchUp);
        }
    }

    /** Empties this replica's responses now and every other replica's as soon as the notice reaches it. */
    public Uni<Void> invalidateAll() {
        responses.empty();
        return status.guarded(REDIS_TIMEOUT, () -> redis.execute("INCR", GENERATION_KEY))
                .flatMap(reply -> {
                    generation = reply.toString();
                    return notices.publish(CHANNEL, generation);
                })
                .onFailure().recoverWithItem(failure -> {
                    LOG.debugf("Could not announce a response cache invalidation: %s", failure.toString());
                    return null;
                });
    }

    private void invalidated(String newGeneration) {
        if (!newGeneration.equals(generation)) {
            generation = newGeneration;
            responses.empty();
        }
    }

    /** After (re)subscribing: an invalidation announced while this replica was not listening shows as a new generation. */
    private void catchUp() {
        redis.execute("GET", GENERATION_KEY).ifNoItem().after(REDIS_TIMEOUT).fail().subscribe().with(reply -> {
            String current = reply == null ? "0" : reply.toString();
            String known = generation;
            generation = current;
            if (known != null && !known.equals(current)) {
                responses.empty();
            }
        }, failure -> LOG.debugf("Could not read the response cache generation: %s", failure.toString()));
    }
}
