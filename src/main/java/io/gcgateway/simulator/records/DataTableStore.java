package io.gcgateway.simulator.records;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;

import io.gcgateway.simulator.SeededIds;
import io.gcgateway.simulator.SimulatorException;
import jakarta.inject.Singleton;

/**
 * Architect data tables and their rows, as Genesys keeps them: a draft-04 JSON schema per table with a required
 * string {@code key}, flat rows validated against it, no row version (the gateway adds its own {@code version}
 * column). Every row change is written to the {@link AuditStore}.
 */
@Singleton
public class DataTableStore {
    static final String INVENTORY = "InventoryItem";
    static final String CUSTOMER_FLAGS = "CustomerFlags";
    private static final String[] STATUSES = { "available", "reserved", "discontinued" };
    private static final String[] WAREHOUSES = { "DUB-A1", "DUB-B4", "LYS-C2", "OSL-D7" };

    private final ObjectMapper mapper;
    private final SeededIds ids;
    private final AuditStore audits;
    private final JsonSchemaFactory schemas = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V4);
    private final Map<String, ObjectNode> tables = new LinkedHashMap<>();
    private final Map<String, Map<String, ObjectNode>> rows = new LinkedHashMap<>();
    private final Map<String, JsonSchema> compiled = new LinkedHashMap<>();

    DataTableStore(ObjectMapper mapper, SeededIds ids, AuditStore audits) {
        this.mapper = mapper;
        this.ids = ids;
        this.audits = audits;
        reset();
    }

    /** Back to the seeded tables and rows. */
    public synchronized void reset() {
        tables.clear();
        rows.clear();
        compiled.clear();
        String inventory = table(INVENTORY, "Stock per SKU; the key is the SKU", Map.of(
                "quantity", "integer", "price", "number", "status", "string", "warehouseLocation", "string",
                "version", "integer"), List.of("key", "quantity", "price", "status", "warehouseLocation", "version"), "sku");
        Random random = ids.random("datatables");
        for (int i = 0; i < 40; i++) {
            ObjectNode row = mapper.createObjectNode();
            row.put("key", String.format("%s-%04d", i % 2 == 0 ? "AB" : "XY", 1000 + i * 7));
            String status = STATUSES[random.nextInt(STATUSES.length)];
            row.put("quantity", "reserved".equals(status) ? 1 + random.nextInt(50) : random.nextInt(200));
            row.put("price", BigDecimal.valueOf(500 + random.nextInt(20_000), 2));
            row.put("status", status);
            row.put("warehouseLocation", WAREHOUSES[random.nextInt(WAREHOUSES.length)]);
            row.put("version", 1 + random.nextInt(3));
            rows.get(inventory).put(row.get("key").asText(), row);
        }
        String flags = table(CUSTOMER_FLAGS, "Per-customer flags", Map.of("vip", "boolean", "tier", "string",
                "version", "integer"), List.of("key", "vip", "tier", "version"), "customerId");
        for (int i = 1; i <= 10; i++) {
            ObjectNode row = mapper.createObjectNode();
            row.put("key", "CUST-" + i);
            row.put("vip", i % 3 == 0);
            row.put("tier", i % 3 == 0 ? "gold" : "standard");
            row.put("version", 1);
            rows.get(flags).put(row.get("key").asText(), row);
        }
        audits.clear();
    }

    private String table(String name, String description, Map<String, String> types, List<String> order, String keyTitle) {
        String id = ids.uuid("datatable", tables.size());
        ObjectNode schema = mapper.createObjectNode();
        schema.put("$schema", "http://json-schema.org/draft-04/schema#");
        schema.put("type", "object");
        schema.putArray("required").add("key");
        schema.put("additionalProperties", false);
        ObjectNode properties = schema.putObject("properties");
        for (int i = 0; i < order.size(); i++) {
            String field = order.get(i);
            ObjectNode property = properties.putObject(field);
            property.put("title", "key".equals(field) ? keyTitle : field);
            property.put("type", "key".equals(field) ? "string" : types.get(field));
            property.put("$id", "/properties/" + field);
            property.put("displayOrder", i);
        }
        ObjectNode table = mapper.createObjectNode();
        table.put("id", id);
        table.put("name", name);
        table.putObject("division").put("id", ids.uuid("division", 0)).put("name", "Home")
                .put("selfUri", "/api/v2/authorization/divisions/" + ids.uuid("division", 0));
        table.put("description", description);
        table.set("schema", schema);
        table.put("selfUri", "/api/v2/flows/datatables/" + id);
        tables.put(id, table);
        rows.put(id, new LinkedHashMap<>());
        return id;
    }

    /** Tables by name ({@code *} wildcard, case-insensitive), sorted; the schema only when expanded. */
    synchronized List<ObjectNode> tables(String namePattern, boolean expandSchema, String sortBy, boolean descending) {
        String regex = namePattern == null ? null
                : "(?i)" + Arrays.stream(namePattern.split("\\*", -1)).map(Pattern::quote)
                        .collect(Collectors.joining(".*"));
        Comparator<ObjectNode> order = Comparator.comparing(t -> t.path("id".equals(sortBy) ? "id" : "name").asText());
        return tables.values().stream()
                .filter(t -> regex == null || t.path("name").asText().matches(regex))
                .sorted(descending ? order.reversed() : order)
                .map(t -> view(t, expandSchema)).toList();
    }

    synchronized ObjectNode table(String tableId, boolean expandSchema) {
        return view(existingTable(tableId), expandSchema);
    }

    synchronized List<ObjectNode> rows(String tableId, boolean brief, boolean descending) {
        existingTable(tableId);
        List<ObjectNode> all = new ArrayList<>(rows.get(tableId).values());
        all.sort(Comparator.comparing(r -> r.path("key").asText()));
        if (descending) {
            Collections.reverse(all);
        }
        return all.stream().map(r -> brief ? brief(r) : r.deepCopy()).toList();
    }

    synchronized ObjectNode row(String tableId, String key, boolean brief) {
        ObjectNode row = existingRow(tableId, key);
        return brief ? brief(row) : row.deepCopy();
    }

    synchronized ObjectNode create(String tableId, JsonNode body) {
        existingTable(tableId);
        ObjectNode row = valid(tableId, body);
        String key = row.path("key").asText();
        if (rows.get(tableId).containsKey(key)) {
            throw new SimulatorException(409, "flows.datatables.row.already.exists",
                    "A row with key '" + key + "' already exists in the data table");
        }
        rows.get(tableId).put(key, row);
        audits.record("Create", tableId, key, null, row);
        return row.deepCopy();
    }

    synchronized ObjectNode replace(String tableId, String key, JsonNode body) {
        ObjectNode before = existingRow(tableId, key);
        ObjectNode row = valid(tableId, body);
        if (!key.equals(row.path("key").asText())) {
            throw new SimulatorException(400, "flows.datatables.syntax.error",
                    "The row key in the body does not match the row id in the path");
        }
        rows.get(tableId).put(key, row);
        audits.record("Update", tableId, key, before, row);
        return row.deepCopy();
    }

    synchronized void delete(String tableId, String key) {
        ObjectNode before = existingRow(tableId, key);
        rows.get(tableId).remove(key);
        audits.record("Delete", tableId, key, before, null);
    }

    private ObjectNode valid(String tableId, JsonNode body) {
        if (body == null || !body.isObject()) {
            throw new SimulatorException(400, "flows.datatables.syntax.error", "The row must be a JSON object");
        }
        JsonSchema schema = compiled.computeIfAbsent(tableId,
                id -> schemas.getSchema(tables.get(id).get("schema")));
        Set<ValidationMessage> problems = schema.validate(body);
        if (!problems.isEmpty()) {
            String message = problems.stream().map(ValidationMessage::getMessage).sorted().collect(Collectors.joining("; "));
            throw new SimulatorException(400, "flows.datatables.syntax.error",
                    "The row does not match the data table's schema: " + message);
        }
        return (ObjectNode) body.deepCopy();
    }

    private ObjectNode existingTable(String tableId) {
        ObjectNode table = tables.get(tableId);
        if (table == null) {
            throw new SimulatorException(404, "flows.datatables.table.not.found", "The data table could not be found");
        }
        return table;
    }

    private ObjectNode existingRow(String tableId, String key) {
        existingTable(tableId);
        ObjectNode row = rows.get(tableId).get(key);
        if (row == null) {
            throw new SimulatorException(404, "flows.datatables.row.not.found", "The data table row could not be found");
        }
        return row;
    }

    private ObjectNode brief(ObjectNode row) {
        ObjectNode brief = mapper.createObjectNode();
        brief.set("key", row.get("key"));
        return brief;
    }

    private static ObjectNode view(ObjectNode table, boolean expandSchema) {
        ObjectNode copy = table.deepCopy();
        if (!expandSchema) {
            copy.remove("schema");
        }
        return copy;
    }
}
