package io.gcgateway.directory;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import io.gcgateway.directory.DirectoryTypes.OnQueueAgents;
import io.gcgateway.directory.DirectoryTypes.PresenceCount;
import io.gcgateway.directory.DirectoryTypes.QueueObservation;
import io.gcgateway.errors.FieldError;
import io.gcgateway.errors.ValidationFailedException;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Live queue state from Genesys's queue observation query: one query per 100 queues, each queue's observation reused
 * for {@code directory.observation-ttl} by every request of this replica. The longest wait is derived from the
 * waiting conversations' observation dates (198.1.0 has no {@code oLongestWaiting}: genesys-graph-api.md §7.1).
 */
@ApplicationScoped
class QueueObservations {
    static final int MAX_QUEUES = 100;
    private static final List<String> METRICS = List.of("oWaiting", "oInteracting", "oAlerting", "oOnQueueUsers",
            "oUserRoutingStatuses", "oUserPresences");

    private final DirectoryRestClient genesys;
    private final ObjectMapper mapper;
    private final Cache<String, QueueObservation> recent;

    QueueObservations(Directory directory, DirectoryConfig config, ObjectMapper mapper) {
        this.genesys = directory.genesys();
        this.mapper = mapper;
        this.recent = Caffeine.newBuilder().expireAfterWrite(config.observationTtl()).maximumSize(10_000).build();
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
        Map<String, QueueObservation> found = new HashMap<>();
        List<String> missing = new ArrayList<>();
        for (String id : new LinkedHashSet<>(queueIds)) {
            QueueObservation known = recent.getIfPresent(id);
            if (known != null) {
                found.put(id, known);
            } else {
                missing.add(id);
            }
        }
        if (missing.isEmpty()) {
            return Uni.createFrom().item(found);
        }
        List<Uni<JsonNode>> calls = new ArrayList<>();
        for (int from = 0; from < missing.size(); from += MAX_QUEUES) {
            calls.add(genesys.queueObservations(query(missing.subList(from, Math.min(missing.size(), from + MAX_QUEUES)))));
        }
        return Uni.join().all(calls).andFailFast().map(responses -> {
            Instant now = Instant.now();
            Map<String, Counts> counts = new LinkedHashMap<>();
            missing.forEach(id -> counts.put(id, new Counts()));
            for (JsonNode response : responses) {
                for (JsonNode result : response.path("results")) {
                    Counts queue = counts.get(result.at("/group/queueId").asText());
                    if (queue != null) {
                        result.path("data").forEach(row -> queue.add(row, now));
                    }
                }
            }
            counts.forEach((id, queue) -> {
                QueueObservation observation = queue.toGraphQL(id, now);
                recent.put(id, observation);
                found.put(id, observation);
            });
            return found;
        });
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
