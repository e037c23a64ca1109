package io.gcgateway.simulator.records;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;

import io.gcgateway.simulator.SimulatorConfig;
import jakarta.inject.Singleton;

/**
 * Audit log of the simulated org ({@code AuditLogMessage}s), written by every data table row change and read by
 * {@code POST /api/v2/audits/query/realtime}. A row's entity is the row key; the table travels in
 * {@code context.datatableId} (the real Genesys shape of row audits is UNCONFIRMED).
 */
@Singleton
public class AuditStore {
    private final List<Map<String, Object>> messages = new ArrayList<>();
    private final String clientId;

    AuditStore(SimulatorConfig config) {
        this.clientId = config.clientId();
    }

    synchronized void clear() {
        messages.clear();
    }

    synchronized void record(String action, String tableId, String key, JsonNode before, JsonNode after) {
        Map<String, Object> message = new LinkedHashMap<>();
        message.put("id", UUID.randomUUID().toString());
        message.put("userHomeOrgId", null);
        message.put("client", Map.of("id", clientId, "selfUri", "/api/v2/oauth/clients/" + clientId));
        message.put("remoteIp", List.of("127.0.0.1"));
        message.put("serviceName", "Datatables");
        message.put("level", "USER");
        message.put("eventDate", Instant.now().toString());
        message.put("action", action);
        message.put("entity", Map.of("id", key, "name", key));
        message.put("entityType", "Row");
        message.put("status", "SUCCESS");
        message.put("application", "Public API");
        message.put("transactionInitiator", true);
        message.put("propertyChanges", changes(before, after));
        message.put("context", Map.of("datatableId", tableId));
        messages.add(message);
    }

    /** Messages in the interval matching every filter (property → value), sorted by timestamp. */
    synchronized List<Map<String, Object>> query(Instant from, Instant to, String serviceName, Map<String, String> filters,
            boolean descending) {
        List<Map<String, Object>> found = new ArrayList<>();
        for (Map<String, Object> message : messages) {
            Instant at = Instant.parse((String) message.get("eventDate"));
            if (at.isBefore(from) || !at.isBefore(to)) {
                continue;
            }
            if (serviceName != null && !serviceName.equalsIgnoreCase((String) message.get("serviceName"))) {
                continue;
            }
            if (filters.entrySet().stream().allMatch(f -> f.getValue().equals(property(message, f.getKey())))) {
                found.add(message);
            }
        }
        if (descending) {
            Collections.reverse(found);
        }
        return found;
    }

    @SuppressWarnings("unchecked")
    private static String property(Map<String, Object> message, String property) {
        return switch (property) {
            case "EntityId" -> (String) ((Map<String, Object>) message.get("entity")).get("id");
            case "EntityType" -> (String) message.get("entityType");
            case "Action" -> (String) message.get("action");
            case "ClientId" -> (String) ((Map<String, Object>) message.get("client")).get("id");
            case "UserId" -> null;
            default -> null;
        };
    }

    private static List<Map<String, Object>> changes(JsonNode before, JsonNode after) {
        TreeSet<String> names = new TreeSet<>();
        if (before != null) {
            before.fieldNames().forEachRemaining(names::add);
        }
        if (after != null) {
            after.fieldNames().forEachRemaining(names::add);
        }
        List<Map<String, Object>> changes = new ArrayList<>();
        for (Iterator<String> it = names.iterator(); it.hasNext();) {
            String name = it.next();
            JsonNode old = before == null ? null : before.get(name);
            JsonNode now = after == null ? null : after.get(name);
            if (!Objects.equals(old, now)) {
                changes.add(Map.of("property", name, "oldValues", old == null ? List.of() : List.of(old.asText()),
                        "newValues", now == null ? List.of() : List.of(now.asText())));
            }
        }
        return changes;
    }
}
