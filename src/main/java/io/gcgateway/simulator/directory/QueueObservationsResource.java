package io.gcgateway.simulator.directory;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;

import io.gcgateway.simulator.SimulatorException;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/**
 * {@code POST /api/v2/analytics/queues/observations/query}, computed from the simulator's live state
 * ({@link LiveQueueObservations}; the waiting conversations are listed when {@code detailMetrics} asks for
 * {@code oWaiting}).
 */
@Path("/simulator/api/v2/analytics/queues/observations/query")
@Produces(MediaType.APPLICATION_JSON)
public class QueueObservationsResource {
    private static final int MAX_QUEUES = 100;

    private final SimulatorDirectory directory;
    private final LiveQueueObservations observations;

    QueueObservationsResource(SimulatorDirectory directory, LiveQueueObservations observations) {
        this.directory = directory;
        this.observations = observations;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Map<String, Object> query(JsonNode query) {
        if (query == null || !query.has("filter") || !query.path("metrics").isArray()) {
            throw SimulatorException.badRequest("filter and metrics are required");
        }
        Set<String> queueIds = new LinkedHashSet<>();
        collectQueueIds(query.path("filter"), queueIds);
        if (queueIds.isEmpty() || queueIds.size() > MAX_QUEUES) {
            throw SimulatorException.badRequest("the filter must name 1-" + MAX_QUEUES + " queueId predicates");
        }
        Set<String> metrics = new LinkedHashSet<>();
        query.path("metrics").forEach(metric -> metrics.add(metric.asText()));
        boolean waitingDetails = false;
        for (JsonNode detail : query.path("detailMetrics")) {
            waitingDetails |= detail.asText().equals("oWaiting");
        }
        List<Map<String, Object>> results = new ArrayList<>();
        for (String queueId : queueIds) {
            List<Map<String, Object>> queue = observations.results(queueId, metrics, waitingDetails);
            if (queue != null) {
                results.addAll(queue);
            }
        }
        Map<String, Object> mappings = new LinkedHashMap<>();
        for (Map<String, Object> definition : directory.presenceDefinitions()) {
            mappings.put(LiveQueueObservations.upperSnake((String) definition.get("systemPresence")), List.of(definition.get("id")));
        }
        return Map.of("systemToOrganizationMappings", mappings, "results", results);
    }

    private static void collectQueueIds(JsonNode filter, Set<String> queueIds) {
        for (JsonNode predicate : filter.path("predicates")) {
            if ("queueId".equals(predicate.path("dimension").asText())) {
                queueIds.add(predicate.path("value").asText());
            }
        }
        for (JsonNode clause : filter.path("clauses")) {
            collectQueueIds(clause, queueIds);
        }
    }

}
