package io.gcgateway.simulator.records;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

import io.gcgateway.simulator.SimulatorException;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/** {@code POST /api/v2/audits/query/realtime}: recent audit messages, filtered, sorted by timestamp, paged. */
@Path("/simulator/api/v2/audits/query/realtime")
@Produces(MediaType.APPLICATION_JSON)
public class AuditsResource {
    private static final List<String> FILTERABLE = List.of("UserId", "TrusteeOrganizationId", "ClientId", "Action",
            "EntityType", "EntityId");

    private final AuditStore audits;

    AuditsResource(AuditStore audits) {
        this.audits = audits;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Map<String, Object> query(JsonNode request) {
        String interval = request == null ? "" : request.path("interval").asText("");
        String[] bounds = interval.split("/");
        if (bounds.length != 2) {
            throw SimulatorException.badRequest("interval is required, as <start>/<end> in ISO-8601");
        }
        Instant from;
        Instant to;
        try {
            from = Instant.parse(bounds[0]);
            to = Instant.parse(bounds[1]);
        } catch (DateTimeParseException e) {
            throw SimulatorException.badRequest("interval is not a valid ISO-8601 interval");
        }
        Map<String, String> filters = new LinkedHashMap<>();
        for (JsonNode filter : request.path("filters")) {
            String property = filter.path("property").asText();
            if (!FILTERABLE.contains(property)) {
                throw SimulatorException.badRequest("Unknown filter property " + property);
            }
            filters.put(property, filter.path("value").asText());
        }
        boolean descending = false;
        for (JsonNode sort : request.path("sort")) {
            descending = "descending".equalsIgnoreCase(sort.path("sortOrder").asText());
        }
        String serviceName = request.hasNonNull("serviceName") ? request.get("serviceName").asText() : null;
        List<Map<String, Object>> found = audits.query(from, to, serviceName, filters, descending);
        int pageSize = request.path("pageSize").asInt(25);
        int pageNumber = request.path("pageNumber").asInt(1);
        if (pageSize < 1 || pageSize > 500 || pageNumber < 1) {
            throw SimulatorException.badRequest("pageSize must be 1-500 and pageNumber >= 1");
        }
        int start = Math.min(found.size(), (pageNumber - 1) * pageSize);
        Map<String, Object> response = new LinkedHashMap<>();
        response.put("entities", found.subList(start, Math.min(found.size(), start + pageSize)));
        response.put("pageSize", pageSize);
        response.put("pageNumber", pageNumber);
        response.put("total", found.size());
        response.put("pageCount", Math.max(1, (found.size() + pageSize - 1) / pageSize));
        return response;
    }
}
