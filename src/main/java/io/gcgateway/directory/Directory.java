package io.gcgateway.directory;

import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import io.gcgateway.cache.CacheStatus;
import io.gcgateway.cache.RedisKeys;
import io.gcgateway.cache.RedisRoles;
import io.gcgateway.directory.DirectoryTypes.Queue;
import io.gcgateway.directory.DirectoryTypes.User;
import io.gcgateway.directory.DirectoryTypes.WrapUpCode;
import io.gcgateway.genesys.GenesysEndpoints;
import io.gcgateway.genesys.GenesysRestClients;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.redis.client.RedisClientName;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * The Genesys directory as the gateway keeps it: users, queues and wrap-up codes by id, each kind in bulk calls of at
 * most {@code directory.bulk-size} de-duplicated ids, kept in the cache Redis (shared by replicas, {@code directory.ttl})
 * with a short layer in each replica's memory; and users' presence and routing status, which are live: kept for
 * seconds only ({@code directory.live-ttl}). A lookup asks memory, then Redis (one {@code MGET}), then Genesys for the
 * rest only. Redis trouble fails open (the directory is read from Genesys).
 */
@ApplicationScoped
public class Directory {
    private static final Logger LOG = Logger.getLogger(Directory.class);

    /** What can be looked up by id, with its Genesys bulk read. */
    enum Kind {
        USER("user", User::of), QUEUE("queue", Queue::of), WRAP_UP("wrapupcode", WrapUpCode::of);

        final String key;
        /** The GraphQL type read from an entry. */
        final Function<JsonNode, Object> type;

        Kind(String key, Function<JsonNode, Object> type) {
            this.key = key;
            this.type = type;
        }
    }

    /** An entry held in memory, as Genesys gave it and as its GraphQL type (read once, when it is kept). */
    record Held(JsonNode json, Object typed) {
        static Held of(Kind kind, JsonNode json) {
            return new Held(json, kind.type.apply(json));
        }
    }

    private final DirectoryRestClient genesys;
    private final DirectoryConfig config;
    private final ReactiveRedisDataSource redis;
    private final CacheStatus status;
    private final ObjectMapper mapper;
    /** Hash-tagged by the upstream org: one slot on a Redis Cluster, so one MGET reads any set of entries. */
    private final String prefix;
    /** Each kind's entries by id (the Redis key's prefix says which org: one process serves one). */
    private final Map<Kind, Cache<String, Held>> local = new EnumMap<>(Kind.class);
    private final Cache<String, LiveState> live;
    private final Map<String, Uni<Map<String, JsonNode>>> inFlight = new ConcurrentHashMap<>();
    private final Counter upstreamLookups;
    private final Counter redisHits;

    Directory(GenesysRestClients clients, DirectoryConfig config,
            @RedisClientName(RedisRoles.CACHE) ReactiveRedisDataSource redis, CacheStatus status, ObjectMapper mapper,
            GenesysEndpoints endpoints, MeterRegistry registry) {
        this.genesys = clients.api(DirectoryRestClient.class);
        this.config = config;
        this.redis = redis;
        this.status = status;
        this.mapper = mapper;
        this.prefix = "gateway:directory:v1:{" + RedisKeys.sha256(endpoints.upstreamIdentity()).substring(0, 16) + "}:";
        for (Kind kind : Kind.values()) {
            local.put(kind, Caffeine.newBuilder().expireAfterWrite(config.localTtl()).maximumSize(50_000).build());
        }
        this.live = Caffeine.newBuilder().expireAfterWrite(config.liveTtl()).maximumSize(50_000).build();
        this.upstreamLookups = Counter.builder("gateway.directory.lookups").tag("source", "genesys")
                .description("Directory entries read from Genesys (not found in memory or Redis)").register(registry);
        this.redisHits = Counter.builder("gateway.directory.lookups").tag("source", "redis")
                .description("Directory entries read from the cache Redis").register(registry);
    }

    /** Users by id (JSON as Genesys gives them); an id Genesys does not know is absent from the map. */
    Uni<Map<String, JsonNode>> users(Collection<String> ids) {
        return lookup(Kind.USER, ids);
    }

    Uni<Map<String, JsonNode>> queues(Collection<String> ids) {
        return lookup(Kind.QUEUE, ids);
    }

    Uni<Map<String, JsonNode>> wrapUpCodes(Collection<String> ids) {
        return lookup(Kind.WRAP_UP, ids);
    }

    /**
     * Users with {@code presence} and {@code routingStatus} expanded, no older than {@code directory.live-ttl}: from
     * memory, then from what a replica watching the users' activity topic shares in Redis, then from Genesys.
     */
    Uni<Map<String, JsonNode>> liveUsers(Collection<String> ids) {
        KnownAndMissing<JsonNode> split = KnownAndMissing.of(ids, id -> {
            LiveState held = live.getIfPresent(id);
            return held == null ? null : held.user();
        });
        Map<String, JsonNode> found = split.found();
        if (split.missing().isEmpty()) {
            return Uni.createFrom().item(found);
        }
        return liveFromRedis(split.missing()).flatMap(shared -> {
            found.putAll(shared);
            List<String> missing = split.missing().stream().filter(id -> !shared.containsKey(id)).toList();
            if (missing.isEmpty()) {
                return Uni.createFrom().item(found);
            }
            // All of the ids, not only the lapsed ones: entries read together lapse together, so a page's users cost
            // one call per live TTL instead of a trickle of small calls as their entries lapse one by one. Shared by
            // concurrent requests, and through Redis with the other replicas, for the live TTL.
            List<String> all = ids.stream().distinct().toList();
            return shared("live", all.size() <= config.bulkSize() ? all : missing, found, toFetch -> fetch(toFetch,
                    chunk -> genesys.users(chunk, List.of("presence", "routingStatus"), chunk.size(), 1))
                    .invoke(fetched -> fetched.forEach((id, json) -> {
                        liveState(id, json);
                        remember(Kind.USER, id, json);
                    })));
        });
    }

    /**
     * The entry this replica holds in memory, or null: no Redis, no Genesys, nothing to wait for. For answers given
     * on the spot ({@link DirectoryShortcuts}); anything else looks up with {@link #users} and the like.
     */
    Held held(Kind kind, String id) {
        return local.get(kind).getIfPresent(id);
    }

    /** A user's live state as this replica holds it in memory (no older than the live TTL), or null. */
    LiveState liveHeld(String userId) {
        return live.getIfPresent(userId);
    }

    /** A user's live state as a watching replica knows it (from an event): kept here and shared for the live TTL. */
    void liveState(String userId, JsonNode user) {
        live.put(userId, LiveState.of(user));
        status.guarded(config.redisTimeout(), () -> redis.execute("SET", prefix + "live:" + userId, user.toString(),
                "PX", String.valueOf(config.liveTtl().toMillis())))
                .subscribe().with(ok -> {
                }, failure -> LOG.debugf("Live state not shared: %s", failure.toString()));
    }

    private Uni<Map<String, JsonNode>> liveFromRedis(List<String> ids) {
        String[] keys = ids.stream().map(id -> prefix + "live:" + id).toArray(String[]::new);
        return status.guarded(config.redisTimeout(), () -> redis.execute("MGET", keys)).map(reply -> {
            Map<String, JsonNode> found = new HashMap<>();
            for (int i = 0; i < ids.size() && reply != null && i < reply.size(); i++) {
                JsonNode json = reply.get(i) == null ? null : parse(reply.get(i).toString());
                if (json != null) {
                    live.put(ids.get(i), LiveState.of(json));
                    found.put(ids.get(i), json);
                }
            }
            return found;
        }).onFailure().recoverWithItem(Map.of());
    }

    /** Remembers entities read some other way (a page of a list), so that later lookups by id need no call. */
    void remember(Kind kind, JsonNode entity) {
        String id = entity.path("id").asText("");
        if (!id.isEmpty()) {
            remember(kind, id, entity);
        }
    }

    private void remember(Kind kind, String id, JsonNode json) {
        String key = prefix + kind.key + ":" + id;
        local.get(kind).put(id, Held.of(kind, json));
        String value = json.toString();
        status.guarded(config.redisTimeout(), () -> redis.execute("SET", key, value, "PX",
                String.valueOf(config.ttl().toMillis())))
                .subscribe().with(ok -> {
                }, failure -> LOG.debugf("Directory entry not shared: %s", failure.toString()));
    }

    /** Entries of a kind by id (JSON as Genesys gives them); an id Genesys does not know is absent from the map. */
    Uni<Map<String, JsonNode>> lookup(Kind kind, Collection<String> ids) {
        Cache<String, Held> held = local.get(kind);
        KnownAndMissing<JsonNode> split = KnownAndMissing.of(ids, id -> {
            Held entry = held.getIfPresent(id);
            return entry == null ? null : entry.json();
        });
        Map<String, JsonNode> found = split.found();
        List<String> missing = split.missing();
        if (missing.isEmpty()) {
            return Uni.createFrom().item(found);
        }
        return fromRedis(kind, missing).flatMap(shared -> {
            found.putAll(shared);
            List<String> unknown = missing.stream().filter(id -> !shared.containsKey(id)).toList();
            if (unknown.isEmpty()) {
                return Uni.createFrom().item(found);
            }
            return shared(kind.key, unknown, found, toFetch -> fetch(toFetch, chunk -> switch (kind) {
                case USER -> genesys.users(chunk, null, chunk.size(), 1);
                case QUEUE -> genesys.queues(chunk, null, chunk.size(), 1);
                case WRAP_UP -> genesys.wrapUpCodes(chunk, chunk.size(), 1);
            }).invoke(fetched -> fetched.forEach((id, json) -> remember(kind, id, json))));
        });
    }

    /**
     * Adds {@code unknown} to {@code found} from Genesys: ids another lookup is already fetching (another level of
     * this query, another request) are waited for, not fetched twice; the rest in one fetch that later lookups of
     * any of them share while it runs.
     */
    private Uni<Map<String, JsonNode>> shared(String kind, List<String> unknown, Map<String, JsonNode> found,
            Function<List<String>, Uni<Map<String, JsonNode>>> fetcher) {
        List<Uni<Map<String, JsonNode>>> pending = new ArrayList<>();
        List<String> toFetch = new ArrayList<>();
        for (String id : unknown) {
            Uni<Map<String, JsonNode>> fetching = inFlight.get(kind + ":" + id);
            if (fetching != null) {
                if (!pending.contains(fetching)) {
                    pending.add(fetching);
                }
            } else {
                toFetch.add(id);
            }
        }
        if (!toFetch.isEmpty()) {
            List<String> keys = toFetch.stream().map(id -> kind + ":" + id).toList();
            Uni<Map<String, JsonNode>> fetching = fetcher.apply(toFetch)
                    .onTermination().invoke(() -> keys.forEach(inFlight::remove))
                    .memoize().indefinitely();
            keys.forEach(key -> inFlight.put(key, fetching));
            pending.add(fetching);
        }
        return Uni.join().all(pending).andFailFast().map(results -> {
            results.forEach(result -> unknown.forEach(id -> {
                if (result.containsKey(id)) {
                    found.put(id, result.get(id));
                }
            }));
            return found;
        });
    }

    /** The entries Redis holds (none when Redis cannot say: the lookup goes to Genesys). */
    private Uni<Map<String, JsonNode>> fromRedis(Kind kind, List<String> ids) {
        List<String> command = new ArrayList<>(ids.size());
        ids.forEach(id -> command.add(prefix + kind.key + ":" + id));
        return status.guarded(config.redisTimeout(), () -> redis.execute("MGET", command.toArray(String[]::new)))
                .map(reply -> {
                    Map<String, JsonNode> found = new HashMap<>();
                    for (int i = 0; i < ids.size() && reply != null && i < reply.size(); i++) {
                        if (reply.get(i) != null) {
                            JsonNode json = parse(reply.get(i).toString());
                            if (json != null) {
                                found.put(ids.get(i), json);
                                local.get(kind).put(ids.get(i), Held.of(kind, json));
                            }
                        }
                    }
                    redisHits.increment(found.size());
                    return found;
                })
                .onFailure().recoverWithItem(failure -> {
                    LOG.debugf("Directory not read from Redis: %s", failure.toString());
                    return Map.of();
                });
    }

    /** One Genesys bulk call per chunk of ids (all at once); the entities by id. */
    private Uni<Map<String, JsonNode>> fetch(List<String> ids, Function<List<String>, Uni<JsonNode>> bulk) {
        List<Uni<JsonNode>> calls = new ArrayList<>();
        for (int from = 0; from < ids.size(); from += config.bulkSize()) {
            calls.add(bulk.apply(ids.subList(from, Math.min(ids.size(), from + config.bulkSize()))));
        }
        upstreamLookups.increment(ids.size());
        return Uni.join().all(calls).andFailFast().map(pages -> {
            Map<String, JsonNode> found = new HashMap<>();
            for (JsonNode page : pages) {
                for (JsonNode entity : page.path("entities")) {
                    found.put(entity.path("id").asText(), entity);
                }
            }
            return found;
        });
    }

    private JsonNode parse(String stored) {
        try {
            return mapper.readTree(stored);
        } catch (JsonProcessingException unreadable) {
            return null;
        }
    }

    /** After a change of a user's presence or routing status: the next read asks Genesys. */
    void forgetLive(String userId) {
        live.invalidate(userId);
        status.guarded(config.redisTimeout(), () -> redis.execute("DEL", prefix + "live:" + userId)).subscribe().with(ok -> {
        }, failure -> LOG.debugf("Live state not dropped: %s", failure.toString()));
    }

    /** After a membership change: the queue's counts are read again (here and, through Redis, on other replicas). */
    void forgetQueue(String queueId) {
        String key = prefix + Kind.QUEUE.key + ":" + queueId;
        local.get(Kind.QUEUE).invalidate(queueId);
        status.guarded(config.redisTimeout(), () -> redis.execute("DEL", key)).subscribe().with(ok -> {
        }, failure -> LOG.debugf("Directory entry not dropped: %s", failure.toString()));
    }

    /** Forgets what this replica holds in memory (Redis entries expire with {@code directory.ttl}). */
    void forgetLocal() {
        local.values().forEach(Cache::invalidateAll);
        live.invalidateAll();
    }

    /** Genesys's list calls, for the list queries (their entities are remembered). */
    DirectoryRestClient genesys() {
        return genesys;
    }
}
