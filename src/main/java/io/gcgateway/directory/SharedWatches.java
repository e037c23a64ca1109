package io.gcgateway.directory;

import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiConsumer;
import java.util.function.Consumer;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.JsonNode;

import io.gcgateway.cache.CacheStatus;
import io.gcgateway.cache.RedisKeys;
import io.gcgateway.cache.RedisRoles;
import io.gcgateway.events.Notification;
import io.gcgateway.events.NotificationChannel;
import io.gcgateway.genesys.GenesysEndpoints;
import io.quarkus.redis.client.RedisClientName;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Vertx;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * However many clients of however many replicas watch a Genesys notification topic, one replica holds it: the one
 * holding the topic's lease in the cache Redis ({@code SET NX PX} for three intervals of
 * {@code directory.observation-ttl}, renewed twice per interval while this replica's clients still watch, given up when the last one leaves). The holder subscribes the topic on
 * its notification channel and shares what the events say through Redis; the other replicas read it there.
 * <p>
 * Each family of topics has one keeper ({@link #follow}): it gets the events of the topics this replica
 * holds with a working subscription ("live"), gap markers (events may have been missed), and each tick the ids of its
 * live topics, whose shared state it keeps fresh. When Redis cannot say, every replica that is asked holds
 * the topic itself (more subscriptions, no outage). A topic the channel could not subscribe (not open, refused) is
 * held but not live, and its readers fall back to the shared, time-bounded polling.
 */
@ApplicationScoped
class SharedWatches {
    private static final String RENEW_IF_HELD = "if redis.call('get', KEYS[1]) == ARGV[1] then "
            + "return redis.call('pexpire', KEYS[1], ARGV[2]) else return 0 end";
    private static final String RELEASE_IF_HELD = "if redis.call('get', KEYS[1]) == ARGV[1] then "
            + "return redis.call('del', KEYS[1]) else return 0 end";
    private static final Logger LOG = Logger.getLogger(SharedWatches.class);

    private final NotificationChannel channel;
    private final ReactiveRedisDataSource redis;
    private final CacheStatus status;
    private final DirectoryConfig config;
    private final Vertx vertx;
    private final String prefix;
    private final String token = UUID.randomUUID().toString();
    /** Topic → how many of this replica's clients watch it. */
    private final Map<String, Integer> wanted = new HashMap<>();
    /** Topics this replica holds the lease of and has subscribed on its channel. */
    private final Set<String> held = new HashSet<>();
    /** Held topics whose subscription Genesys accepted: their events arrive. */
    private final Set<String> live = new HashSet<>();
    private final Map<WatchedTopic, Keeper> keepers = new ConcurrentHashMap<>();
    private final long timer;

    SharedWatches(NotificationChannel channel, @RedisClientName(RedisRoles.CACHE) ReactiveRedisDataSource redis,
            CacheStatus status, DirectoryConfig config, Vertx vertx, GenesysEndpoints endpoints) {
        this.channel = channel;
        this.redis = redis;
        this.status = status;
        this.config = config;
        this.vertx = vertx;
        this.prefix = "gateway:watches:v1:{" + RedisKeys.sha256(endpoints.upstreamIdentity()).substring(0, 16) + "}:";
        // Twice per interval: what the holder shares (kept for one interval) never lapses between two refreshes.
        channel.notifications().subscribe().with(this::dispatch);
        this.timer = vertx.setPeriodic(Math.max(50, config.observationTtl().toMillis() / 2), ignored -> tick());
    }

    /** This replica's clients start watching the topics; the lease is tried at once. */
    void join(Collection<String> topics) {
        synchronized (this) {
            topics.forEach(topic -> wanted.merge(topic, 1, Integer::sum));
        }
        tick();
    }

    /** This replica's clients stop watching the topics; a topic no one here watches is given up. */
    void leave(Collection<String> topics) {
        List<String> unwanted;
        synchronized (this) {
            unwanted = topics.stream().filter(topic -> wanted.computeIfPresent(topic,
                    (key, count) -> count > 1 ? count - 1 : null) == null).toList();
        }
        unwanted.forEach(this::giveUp);
    }

    /**
     * Who keeps the state of one family of watched topics on this replica: {@code event} gets the events of the
     * family's live topics, {@code gap} says the channel was re-created (events may have been missed), {@code tick}
     * gets every tick (and right after a topic became live) the ids of the family's live topics.
     */
    private record Keeper(BiConsumer<String, JsonNode> event, Runnable gap, Consumer<Set<String>> tick) {
    }

    void follow(WatchedTopic family, BiConsumer<String, JsonNode> event, Runnable gap, Consumer<Set<String>> tick) {
        keepers.put(family, new Keeper(event, gap, tick));
    }

    private void dispatch(Notification notification) {
        if (notification.gap()) {
            keepers.values().forEach(keeper -> keeper.gap().run());
            return;
        }
        keepers.forEach((family, keeper) -> {
            String id = family.idOf(notification.topic());
            if (id != null && isLive(notification.topic())) {
                keeper.event().accept(id, notification.body());
            }
        });
    }

    private void tickKeepers(Set<String> liveTopics) {
        keepers.forEach((family, keeper) -> {
            Set<String> ids = new HashSet<>();
            liveTopics.forEach(topic -> {
                String id = family.idOf(topic);
                if (id != null) {
                    ids.add(id);
                }
            });
            keeper.tick().accept(ids);
        });
    }

    synchronized boolean isLive(String topic) {
        return live.contains(topic);
    }

    /** Topics held now (for tests and metrics). */
    synchronized Set<String> held() {
        return Set.copyOf(held);
    }

    private void tick() {
        List<String> topics;
        synchronized (this) {
            topics = List.copyOf(wanted.keySet());
        }
        for (String topic : topics) {
            claim(topic).subscribe().with(mine -> {
                if (mine) {
                    hold(topic);
                } else {
                    drop(topic);
                }
            }, failure -> hold(topic));
        }
        Set<String> liveNow;
        synchronized (this) {
            liveNow = Set.copyOf(live);
        }
        tickKeepers(liveNow);
    }

    /** True when this replica holds (or just took) the topic's lease; true as well when Redis cannot say. */
    private Uni<Boolean> claim(String topic) {
        String key = prefix + RedisKeys.sha256(topic).substring(0, 24);
        String lease = String.valueOf(config.observationTtl().toMillis() * 3);
        return status.guarded(config.redisTimeout(), () -> redis.execute("SET", key, token, "NX", "PX", lease))
                .flatMap(set -> set != null ? Uni.createFrom().item(true)
                        : status.guarded(config.redisTimeout(), () -> redis.execute("EVAL", RENEW_IF_HELD, "1", key,
                                token, lease)).map(renewed -> renewed != null && renewed.toLong() == 1))
                .onFailure().recoverWithItem(true);
    }

    private void hold(String topic) {
        synchronized (this) {
            if (!wanted.containsKey(topic) || !held.add(topic)) {
                return;
            }
        }
        channel.retain(List.of(topic)).subscribe().with(ok -> {
            Set<String> liveNow;
            synchronized (this) {
                if (!held.contains(topic)) {
                    return;
                }
                live.add(topic);
                liveNow = Set.copyOf(live);
            }
            tickKeepers(liveNow);
        }, failure -> {
            // Not subscribed (no channel, or Genesys refused the topic): readers keep polling; the next tick retries.
            LOG.debugf("Topic not watched (%s); polling instead", failure.getClass().getSimpleName());
            synchronized (this) {
                held.remove(topic);
            }
            channel.release(List.of(topic));
        });
    }

    /** Another replica holds the topic now: stop watching it here. */
    private void drop(String topic) {
        boolean had;
        synchronized (this) {
            had = held.remove(topic);
            live.remove(topic);
        }
        if (had) {
            channel.release(List.of(topic));
        }
    }

    private void giveUp(String topic) {
        drop(topic);
        String key = prefix + RedisKeys.sha256(topic).substring(0, 24);
        status.guarded(config.redisTimeout(), () -> redis.execute("EVAL", RELEASE_IF_HELD, "1", key, token))
                .subscribe().with(ok -> {
                }, failure -> LOG.debugf("Watch lease not released (it expires): %s", failure.toString()));
    }

    @PreDestroy
    void stop() {
        vertx.cancelTimer(timer);
        List<String> all;
        synchronized (this) {
            all = List.copyOf(held);
            wanted.clear();
        }
        all.forEach(this::giveUp);
    }
}
