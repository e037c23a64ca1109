package io.gcgateway.records;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.gcgateway.errors.FieldError;
import io.gcgateway.errors.ValidationFailedException;
import io.gcgateway.gateway.IntervalInput;
import io.gcgateway.genesys.GenesysRestClients;
import io.gcgateway.records.RecordTypes.AuditEntry;
import io.gcgateway.records.RecordTypes.PropertyChange;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/** The changes of one record, from the Genesys realtime audit query (Genesys's record of writes, by anyone). */
@ApplicationScoped
class RecordHistory {
    private final RecordsRestClient client;
    private final ObjectMapper mapper;
    private final RecordsConfig config;

    RecordHistory(GenesysRestClients clients, ObjectMapper mapper, RecordsConfig config) {
        this.client = clients.api(RecordsRestClient.class);
        this.mapper = mapper;
        this.config = config;
    }

    Uni<List<AuditEntry>> history(String tableId, String key, IntervalInput interval) {
        return Uni.createFrom().deferred(() -> {
            Instant end = interval == null ? Instant.now() : interval.end().toInstant();
            Instant start = interval == null ? end.minus(config.history().maxInterval()) : interval.start().toInstant();
            List<FieldError> errors = new ArrayList<>();
            if (!end.isAfter(start)) {
                errors.add(new FieldError("interval.end", "must be after interval.start"));
            } else if (Duration.between(start, end).compareTo(config.history().maxInterval()) > 0) {
                errors.add(new FieldError("interval", "must span at most " + config.history().maxInterval().toDays()
                        + " days (the realtime audit query covers recent changes only)"));
            }
            RecordInputChecks.checkKey(key, errors);
            if (!errors.isEmpty()) {
                throw new ValidationFailedException("Invalid recordHistory arguments", errors);
            }
            return auditPage(tableId, key, start + "/" + end, 1, new ArrayList<>());
        });
    }

    private Uni<List<AuditEntry>> auditPage(String tableId, String key, String interval, int pageNumber, List<AuditEntry> found) {
        ObjectNode query = mapper.createObjectNode();
        query.put("interval", interval);
        query.put("serviceName", "Datatables");
        query.putArray("filters").add(filter("EntityType", "Row")).add(filter("EntityId", key));
        query.putArray("sort").addObject().put("name", "Timestamp").put("sortOrder", "descending");
        query.put("pageNumber", pageNumber);
        query.put("pageSize", 100);
        return client.auditsRealtime(query).flatMap(page -> {
            for (JsonNode message : page.entitiesOrEmpty()) {
                String table = message.path("context").path("datatableId").asText(null);
                if ((table == null || table.equals(tableId)) && found.size() < config.history().maxEntries()) {
                    found.add(auditEntry(message));
                }
            }
            return page.hasNextPage() && found.size() < config.history().maxEntries()
                    ? auditPage(tableId, key, interval, pageNumber + 1, found)
                    : Uni.createFrom().item(found);
        });
    }

    private ObjectNode filter(String property, String value) {
        return mapper.createObjectNode().put("property", property).put("value", value);
    }

    private static AuditEntry auditEntry(JsonNode message) {
        List<PropertyChange> changes = new ArrayList<>();
        for (JsonNode change : message.path("propertyChanges")) {
            changes.add(new PropertyChange(change.path("property").asText(), strings(change.path("oldValues")),
                    strings(change.path("newValues"))));
        }
        return new AuditEntry(message.path("id").asText(), Instant.parse(message.path("eventDate").asText()),
                message.path("action").asText(), message.path("status").asText(null),
                message.path("user").path("id").asText(null), message.path("user").path("name").asText(null),
                message.path("client").path("id").asText(null), changes);
    }

    private static List<String> strings(JsonNode array) {
        List<String> values = new ArrayList<>();
        array.forEach(value -> values.add(value.asText()));
        return values;
    }
}
