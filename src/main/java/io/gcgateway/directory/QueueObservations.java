package io.gcgateway.directory;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import io.gcgateway.cache.CacheStatus;
import io.gcgateway.cache.RedisKeys;
import io.gcgateway.cache.RedisRoles;
import io.gcgateway.directory.DirectoryTypes.OnQueueAgents;
import io.gcgateway.directory.DirectoryTypes.PresenceCount;
import io.gcgateway.directory.DirectoryTypes.QueueObservation;
import io.gcgateway.errors.FieldError;
import io.gcgateway.errors.ValidationFailedException;
import io.gcgateway.genesys.GenesysEndpoints;
import io.quarkus.redis.client.RedisClientName;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.operators.multi.processors.BroadcastProcessor;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Live queue state from Genesys's queue observation query: one query per 100 queues, each queue's observation reused
 * for {@code directory.observation-ttl} by every request of every replica (shared in the cache Redis; one replica
 * polls a set of queues per interval, under a lock). The longest wait is derived from the
 * waiting conversations' observation dates (the SDK's 198.1.0 metrics have no
 * {@code oLongestWaiting}).
 * <p>
 * Queues a subscription watches are kept from the {@code v2.analytics.queues.{id}.observations} topic instead
 * ({@link SharedWatches}: one replica subscribes it and shares each event through Redis): one query seeds a queue,
 * events (counts only, at most one a second) keep it, and the holder refreshes the shared entry every interval. An
 * event carries no waiting dates, so when the waiting count drops while customers still wait (the longest waiting
 * may have been answered) the holder queries that queue again, at most once per interval.
 */
@ApplicationScoped
class QueueObservations {
    static final int MAX_QUEUES = 100;
    private static final List<String> METRICS = List.of("oWaiting", "oInteracting", "oAlerting", "oOnQueueUsers",
            "oUserRoutingStatuses", "oUserPresences");

    private static final Logger LOG = Logger.getLogger(QueueObservations.class);

    private final DirectoryRestClient genesys;
    private final ObjectMapper mapper;
    private final DirectoryConfig config;
    private final ReactiveRedisDataSource redis;
    private final CacheStatus status;
    /** Hash-tagged: the observations and the poll lock of an org share one slot of a Redis Cluster. */
    private final String prefix;
    private final Cache<String, QueueObservation> recent;
    private final SharedWatches watches;
    /** The counts of the queues this replica watches live, from the seeding query and the events since. */
    private final Map<String, Counts> watched = new ConcurrentHashMap<>();
    private final Map<String, Instant> lastPolled = new ConcurrentHashMap<>();
    private final Set<String> repolls = ConcurrentHashMap.newKeySet();
    private final BroadcastProcessor<String> changes = BroadcastProcessor.create();
    private final Vertx vertx;

    QueueObservations(Directory directory, DirectoryConfig config, ObjectMapper mapper,
            @RedisClientName(RedisRoles.CACHE) ReactiveRedisDataSource redis, CacheStatus status,
            GenesysEndpoints endpoints, SharedWatches watches, Vertx vertx) {
        this.genesys = directory.genesys();
        this.mapper = mapper;
        this.config = config;
        this.redis = redis;
        this.status = status;
        this.prefix = "gateway:observations:v1:{" + RedisKeys.sha256(endpoints.upstreamIdentity()).substring(0, 16) + "}:";
        this.recent = Caffeine.newBuilder().expireAfterWrite(config.observationTtl()).maximumSize(10_000).build();
        this.watches = watches;
        this.vertx = vertx;
        // A gap: events may have been missed, so each watched queue is queried again with the next tick.
        watches.follow(WatchedTopic.QUEUE_OBSERVATIONS, this::onEvent, watched::clear, this::refresh);
    }

    static String topic(String queueId) {
        return WatchedTopic.QUEUE_OBSERVATIONS.name(queueId);
    }

    /** Ids of queues whose observation changed on this replica (from an event or a poll), as they change. */
    Multi<String> changes() {
        return changes;
    }

    private void onEvent(String queueId, JsonNode body) {
        Counts before = watched.get(queueId);
        if (before == null) {
            return; // not seeded yet: the seeding query answers the whole state
        }
        Instant now = Instant.now();
        Counts after = new Counts();
        body.path("data").forEach(interval -> interval.path("metrics").forEach(row -> after.add(row, now)));
        if (after.waiting > 0) {
            after.oldestWaiting = before.waiting == 0 || before.oldestWaiting == null ? now : before.oldestWaiting;
            if (after.waiting < before.waiting) {
                repoll(queueId);
            }
        }
        watched.put(queueId, after);
        publish(queueId, after.toGraphQL(queueId, now));
    }

    /** Each interval: seed the live-watched queues not seeded yet, and refresh the shared entries of the others. */
    private void refresh(Set<String> liveIds) {
        List<String> unseeded = new ArrayList<>();
        Instant now = Instant.now();
        for (String queueId : liveIds) {
            Counts counts = watched.get(queueId);
            if (counts == null) {
                unseeded.add(queueId);
            } else {
                QueueObservation observation = counts.toGraphQL(queueId, now);
                recent.put(queueId, observation);
                share(observation);
            }
        }
        watched.keySet().retainAll(liveIds);
        if (!unseeded.isEmpty()) {
            poll(unseeded).subscribe().with(ok -> {
            }, failure -> LOG.debugf("Watched queues not seeded (retried next interval): %s", failure.toString()));
        }
    }

    /** Queries the queue again (for its waiting dates), at most once per interval. */
    private void repoll(String queueId) {
        if (!repolls.add(queueId)) {
            return;
        }
        Instant last = lastPolled.getOrDefault(queueId, Instant.EPOCH);
        long delay = Math.max(1, Duration.between(Instant.now(), last.plus(config.observationTtl())).toMillis());
        vertx.setTimer(delay, ignored -> {
            repolls.remove(queueId);
            poll(List.of(queueId)).subscribe().with(ok -> {
            }, failure -> LOG.debugf("Queue not queried again: %s", failure.toString()));
        });
    }

    private void publish(String queueId, QueueObservation observation) {
        recent.put(queueId, observation);
        share(observation);
        synchronized (changes) {
            changes.onNext(queueId);
        }
    }

    /** The ids as a query argument: 1 to 100 ids; VALIDATION_FAILED before any call otherwise. */
    static List<String> checked(List<String> queueIds) {
        List<FieldError> errors = new ArrayList<>();
        if (queueIds == null || queueIds.isEmpty() || queueIds.size() > MAX_QUEUES) {
            errors.add(new FieldError("queueIds", "must name 1 to " + MAX_QUEUES + " queues"));
        } else if (queueIds.stream().anyMatch(id -> id == null || id.isBlank() || id.length() > 64)) {
            errors.add(new FieldError("queueIds", "must be Genesys queue ids"));
        }
        if (!errors.isEmpty()) {
            throw new ValidationFailedException("Invalid queueIds", errors);
        }
        return List.copyOf(new LinkedHashSet<>(queueIds));
    }

    /** Observations of the queues (a queue Genesys reports nothing for is absent). */
    Uni<Map<String, QueueObservation>> observe(List<String> queueIds) {
        KnownAndMissing<QueueObservation> split = KnownAndMissing.of(queueIds, recent::getIfPresent);
        Map<String, QueueObservation> found = split.found();
        List<String> missing = split.missing();
        if (missing.isEmpty()) {
            return Uni.createFrom().item(found);
        }
        // Across replicas: what another replica observed within the interval is read from Redis; the rest is polled
        // by the replica that takes the poll lock, and the others read its result a moment later.
        return shared(missing).flatMap(fromRedis -> {
            found.putAll(fromRedis);
            List<String> unknown = missing.stream().filter(id -> !fromRedis.containsKey(id)).toList();
            if (unknown.isEmpty()) {
                return Uni.createFrom().item(found);
            }
            return pollLock(unknown).flatMap(mine -> mine ? poll(unknown)
                    : Uni.createFrom().voidItem().onItem().delayIt().by(Duration.ofMillis(300))
                            .flatMap(ignored -> shared(unknown))
                            .flatMap(late -> late.size() == unknown.size() ? Uni.createFrom().item(late) : poll(unknown)))
                    .map(polled -> {
                        found.putAll(polled);
                        return found;
                    });
        });
    }

    private Uni<Map<String, QueueObservation>> poll(List<String> queueIds) {
        List<Uni<JsonNode>> calls = new ArrayList<>();
        for (int from = 0; from < queueIds.size(); from += MAX_QUEUES) {
            calls.add(genesys.queueObservations(query(queueIds.subList(from, Math.min(queueIds.size(), from + MAX_QUEUES)))));
        }
        return Uni.join().all(calls).andFailFast().map(responses -> {
            Instant now = Instant.now();
            Map<String, Counts> counts = new LinkedHashMap<>();
            queueIds.forEach(id -> counts.put(id, new Counts()));
            for (JsonNode response : responses) {
                for (JsonNode result : response.path("results")) {
                    Counts queue = counts.get(result.at("/group/queueId").asText());
                    if (queue != null) {
                        result.path("data").forEach(row -> queue.add(row, now));
                    }
                }
            }
            Map<String, QueueObservation> polled = new HashMap<>();
            counts.forEach((id, queue) -> {
                QueueObservation observation = queue.toGraphQL(id, now);
                lastPolled.put(id, now);
                if (watches.isLive(topic(id))) {
                    watched.put(id, queue);
                }
                polled.put(id, observation);
                publish(id, observation);
            });
            return polled;
        });
    }

    private Uni<Map<String, QueueObservation>> shared(List<String> queueIds) {
        String[] keys = queueIds.stream().map(id -> prefix + id).toArray(String[]::new);
        return status.guarded(config.redisTimeout(), () -> redis.execute("MGET", keys)).map(reply -> {
            Map<String, QueueObservation> found = new HashMap<>();
            for (int i = 0; i < queueIds.size() && reply != null && i < reply.size(); i++) {
                if (reply.get(i) != null) {
                    try {
                        QueueObservation observation = mapper.readValue(reply.get(i).toString(), QueueObservation.class);
                        recent.put(queueIds.get(i), observation);
                        found.put(queueIds.get(i), observation);
                    } catch (JsonProcessingException unreadable) {
                        // Another version's entry: poll instead.
                    }
                }
            }
            return found;
        }).onFailure().recoverWithItem(Map.of());
    }

    /** Whether this replica polls these queues now (the lock lives one interval); true when Redis cannot say. */
    private Uni<Boolean> pollLock(List<String> queueIds) {
        String lock = prefix + "poll:" + RedisKeys.sha256(String.join(",", queueIds.stream().sorted().toList()));
        return status.guarded(config.redisTimeout(), () -> redis.execute("SET", lock, "1", "NX", "PX",
                String.valueOf(config.observationTtl().toMillis())))
                .map(reply -> reply != null)
                .onFailure().recoverWithItem(true);
    }

    private void share(QueueObservation observation) {
        String json;
        try {
            json = mapper.writeValueAsString(observation);
        } catch (JsonProcessingException e) {
            return;
        }
        status.guarded(config.redisTimeout(), () -> redis.execute("SET", prefix + observation.queueId(), json, "PX",
                String.valueOf(config.observationTtl().toMillis())))
                .subscribe().with(ok -> {
                }, failure -> LOG.debugf("Queue observation not shared: %s", failure.toString()));
    }

    private JsonNode query(List<String> queueIds) {
        ObjectNode query = mapper.createObjectNode();
        ObjectNode filter = query.putObject("filter").put("type", "or");
        ArrayNode predicates = filter.putArray("predicates");
        queueIds.forEach(id -> predicates.addObject().put("dimension", "queueId").put("value", id));
        ArrayNode metrics = query.putArray("metrics");
        METRICS.forEach(metrics::add);
        query.putArray("detailMetrics").add("oWaiting");
        return query;
    }

    /** One queue's rows, summed over media types; rows Genesys leaves out count 0. */
    private static final class Counts {
        int waiting;
        int interacting;
        int alerting;
        Instant oldestWaiting;
        final Map<String, Integer> onQueue = new HashMap<>();
        final Map<String, Integer> presences = new LinkedHashMap<>();

        void add(JsonNode row, Instant now) {
            int count = row.at("/stats/count").asInt(0);
            String qualifier = row.path("qualifier").asText("");
            switch (row.path("metric").asText()) {
                case "oWaiting" -> {
                    waiting += count;
                    for (JsonNode observation : row.path("observations")) {
                        try {
                            Instant since = Instant.parse(observation.path("observationDate").asText());
                            oldestWaiting = oldestWaiting == null || since.isBefore(oldestWaiting) ? since : oldestWaiting;
                        } catch (RuntimeException unreadable) {
                            // An observation without a readable date says nothing about the longest wait.
                        }
                    }
                }
                case "oInteracting" -> interacting += count;
                case "oAlerting" -> alerting += count;
                case "oUserRoutingStatuses" -> onQueue.merge(qualifier, count, Integer::sum);
                case "oUserPresences" -> presences.merge(DirectoryTypes.normalised(qualifier), count, Integer::sum);
                default -> {
                }
            }
        }

        QueueObservation toGraphQL(String queueId, Instant now) {
            Long longest = oldestWaiting == null ? null : Math.max(0, Duration.between(oldestWaiting, now).toMillis());
            List<PresenceCount> byPresence = new ArrayList<>();
            presences.forEach((presence, count) -> byPresence.add(new PresenceCount(presence, count)));
            return new QueueObservation(queueId, waiting, interacting, alerting, longest,
                    new OnQueueAgents(onQueue.getOrDefault("IDLE", 0), onQueue.getOrDefault("INTERACTING", 0),
                            onQueue.getOrDefault("COMMUNICATING", 0), onQueue.getOrDefault("NOT_RESPONDING", 0)),
                    byPresence, now);
        }
    }
}
