package io.gcgateway.cache;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import io.quarkus.redis.client.RedisClientName;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.quarkus.redis.datasource.pubsub.ReactivePubSubCommands;
import io.quarkus.runtime.ShutdownEvent;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * Redis pub/sub between the gateway's replicas: a notice published by one reaches every replica listening at once.
 * A listener stays subscribed for as long as the gateway runs: after Redis drops the subscription it subscribes again
 * (every {@code RESUBSCRIBE}), and is told each time it is subscribed, so that it can look up what it may have
 * missed meanwhile. Notices are hints that save a wait or a poll, never the only record of a change.
 * <p>
 * Notices are published on the state Redis, but a Lua script may publish one on the Redis it runs on (the analytics
 * fetch lock's release runs on the cache Redis): when the two roles are different servers, listeners hear both.
 */
@ApplicationScoped
public class RedisNotices {
    private static final Duration RESUBSCRIBE = Duration.ofSeconds(1);
    private static final Duration PUBLISH_TIMEOUT = Duration.ofMillis(500);
    private static final Logger LOG = Logger.getLogger(RedisNotices.class);

    private final ReactivePubSubCommands<String> pubsub;
    private final List<ReactivePubSubCommands<String>> heard;
    private final Vertx vertx;
    private volatile boolean stopped;

    RedisNotices(@RedisClientName(RedisRoles.STATE) ReactiveRedisDataSource state,
            @RedisClientName(RedisRoles.CACHE) ReactiveRedisDataSource cache,
            @ConfigProperty(name = "quarkus.redis.state.hosts") String stateHosts,
            @ConfigProperty(name = "quarkus.redis.cache.hosts") String cacheHosts, Vertx vertx) {
        this.pubsub = state.pubsub(String.class);
        this.heard = stateHosts.equals(cacheHosts) ? List.of(pubsub) : List.of(pubsub, cache.pubsub(String.class));
        this.vertx = vertx;
    }

    /**
     * Listens on {@code channel} from now on. {@code subscribed} runs after every successful subscription, the first
     * included: what happened while there was none is for the listener to look up.
     */
    public void listen(String channel, Consumer<String> onNotice, Runnable subscribed) {
        heard.forEach(source -> listen(source, channel, onNotice, subscribed));
    }

    private void listen(ReactivePubSubCommands<String> source, String channel, Consumer<String> onNotice,
            Runnable subscribed) {
        if (stopped) {
            return;
        }
        // The end, an error and a failed subscription may each report one loss: it is acted on once.
        AtomicBoolean lost = new AtomicBoolean();
        Consumer<Throwable> onLost = failure -> {
            if (lost.compareAndSet(false, true)) {
                resubscribe(source, channel, onNotice, subscribed, failure);
            }
        };
        source.subscribe(channel, onNotice, () -> onLost.accept(null), onLost)
                .subscribe().with(subscriber -> subscribed.run(), onLost);
    }

    private void resubscribe(ReactivePubSubCommands<String> source, String channel, Consumer<String> onNotice,
            Runnable subscribed, Throwable failure) {
        if (stopped) {
            return;
        }
        LOG.debugf("Redis subscription to %s lost (%s); subscribing again in %s", channel,
                failure == null ? "ended" : failure.getClass().getSimpleName(), RESUBSCRIBE);
        vertx.setTimer(RESUBSCRIBE.toMillis(), ignored -> listen(source, channel, onNotice, subscribed));
    }

    /** Publishes {@code notice} on {@code channel}; never fails (a lost notice costs a listener a fallback wait). */
    public Uni<Void> publish(String channel, String notice) {
        return pubsub.publish(channel, notice).ifNoItem().after(PUBLISH_TIMEOUT).fail()
                .onFailure().recoverWithItem(failure -> {
                    LOG.debugf("Could not publish on %s: %s", channel, failure.toString());
                    return null;
                });
    }

    void stop(@Observes ShutdownEvent event) {
        stopped = true;
    }
}
