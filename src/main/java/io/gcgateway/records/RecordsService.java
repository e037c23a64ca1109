package io.gcgateway.records;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.gcgateway.audit.AuditEvent;
import io.gcgateway.audit.CallerIdentity;
import io.gcgateway.audit.GatewayAuditLog;
import io.gcgateway.errors.FieldError;
import io.gcgateway.errors.NotFoundException;
import io.gcgateway.errors.ValidationFailedException;
import io.gcgateway.errors.VersionConflictException;
import io.gcgateway.events.GatewayEvents;
import io.gcgateway.gateway.IntervalInput;
import io.gcgateway.gateway.JsonSchemaValidator;
import io.gcgateway.gateway.JsonValues;
import io.gcgateway.gateway.PageInfo;
import io.gcgateway.genesys.GenesysRestClients;
import io.gcgateway.genesys.PageCursors;
import io.gcgateway.records.RecordTables.Table;
import io.gcgateway.records.RecordTypes.AuditEntry;
import io.gcgateway.records.RecordTypes.CreateRecordInput;
import io.gcgateway.records.RecordTypes.PropertyChange;
import io.gcgateway.records.RecordTypes.Record;
import io.gcgateway.records.RecordTypes.RecordConnection;
import io.gcgateway.records.RecordTypes.RecordEdge;
import io.gcgateway.records.RecordTypes.RecordTable;
import io.gcgateway.records.RecordTypes.UpdateRecordInput;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.json.JsonValue;

/**
 * Records over Architect data tables. Genesys keeps no row version and checks no concurrency, so the gateway does:
 * every write is validated first (schema, unknown columns, configured rules: nothing is sent when any fails), then,
 * holding the record's lock, reads the row, compares its {@code version} with the client's, and writes
 * {@code version + 1}.
 */
@ApplicationScoped
class RecordsService {
    static final String CONNECTION = "records";
    private static final int MAX_KEY = 256;
    private static final int MAX_FIELDS_BYTES = 64 * 1024;
    private static final int MAX_TAGS = 20;
    private static final int MAX_TAG = 64;
    private static final int TABLE_PAGE = 100;

    private final RecordsRestClient client;
    private final RecordTables tables;
    private final RecordLocks locks;
    private final RecordRules rules;
    private final JsonSchemaValidator validator;
    private final ObjectMapper mapper;
    private final RecordsConfig config;
    private final GatewayAuditLog auditLog;
    private final CallerIdentity caller;
    private final RecordMetrics metrics;
    private final GatewayEvents events;

    RecordsService(GenesysRestClients clients, RecordTables tables, RecordLocks locks, RecordRules rules,
            JsonSchemaValidator validator, ObjectMapper mapper, RecordsConfig config, GatewayAuditLog auditLog,
            CallerIdentity caller, RecordMetrics metrics, GatewayEvents events) {
        this.events = events;
        this.auditLog = auditLog;
        this.caller = caller;
        this.metrics = metrics;
        this.client = clients.api(RecordsRestClient.class);
        this.tables = tables;
        this.locks = locks;
        this.rules = rules;
        this.validator = validator;
        this.mapper = mapper;
        this.config = config;
    }

    // --- reads --------------------------------------------------------------------------------------------------

    Uni<List<RecordTable>> tables() {
        return allTables(1, new ArrayList<>());
    }

    private Uni<List<RecordTable>> allTables(int pageNumber, List<RecordTable> found) {
        return client.tables(pageNumber, TABLE_PAGE).flatMap(page -> {
            for (JsonNode table : page.entitiesOrEmpty()) {
                Table t = tables.toTable(table);
                found.add(new RecordTable(t.id(), t.name(), t.description(), JsonValues.of(t.rawSchema()), t.fields(), t.versioned()));
            }
            return page.hasNextPage() && pageNumber < 50 ? allTables(pageNumber + 1, found) : Uni.createFrom().item(found);
        });
    }

    Uni<Record> record(String tableId, String key) {
        return client.row(tableId, key).map(row -> toRecord(tableId, row))
                .onFailure(NotFoundException.class).recoverWithNull();
    }

    Uni<RecordConnection> records(String tableId, Integer first, String after) {
        return Uni.createFrom().deferred(() -> {
            PageCursors.Window window = PageCursors.window(CONNECTION, first, after, 25, config.maxPageSize());
            return client.rows(tableId, window.pageNumber(), window.size()).map(page -> {
                List<RecordEdge> edges = new ArrayList<>();
                for (ObjectNode row : page.entitiesOrEmpty()) {
                    edges.add(new RecordEdge(window.cursor(edges.size()), toRecord(tableId, row)));
                }
                String endCursor = edges.isEmpty() ? after : edges.get(edges.size() - 1).cursor();
                int total = page.total() == null ? edges.size() : page.total().intValue();
                return new RecordConnection(edges, new PageInfo(page.hasNextPage(), endCursor), total);
            });
        });
    }

    // --- writes -------------------------------------------------------------------------------------------------

    Uni<Record> create(CreateRecordInput input) {
        return audited("createRecord", input.tableId(), input.key(), input.tags(), trace -> {
            ObjectNode fields = checkInput(input.key(), input.fields(), input.tags(), null);
            return writableTable(input.tableId()).flatMap(table -> {
                checkRow(table, input.key(), fields);
                return locks.withLock(table.id(), input.key(), lease -> client.row(table.id(), input.key())
                        .<Boolean> map(existing -> {
                            trace.before = version(existing);
                            throw new VersionConflictException("Record '" + input.key() + "' already exists",
                                    version(existing));
                        })
                        .onFailure(NotFoundException.class).recoverWithItem(false)
                        .flatMap(ignored -> locks.fence(lease))
                        .flatMap(ignored -> client.createRow(table.id(), row(input.key(), fields, 1))))
                        .map(row -> toRecord(table.id(), row));
            });
        });
    }

    Uni<Record> update(UpdateRecordInput input) {
        return audited("updateRecord", input.tableId(), input.key(), input.tags(), trace -> {
            ObjectNode fields = checkInput(input.key(), input.fields(), input.tags(), input.expectedVersion());
            return writableTable(input.tableId()).flatMap(table -> {
                checkRow(table, input.key(), fields);
                return locks.withLock(table.id(), input.key(), lease -> client.row(table.id(), input.key())
                        .flatMap(current -> {
                            trace.before = version(current);
                            long version = checkVersion(input.key(), current, input.expectedVersion());
                            return locks.fence(lease)
                                    .flatMap(ignored -> client.replaceRow(table.id(), input.key(), row(input.key(), fields, version + 1)));
                        }))
                        .map(row -> toRecord(table.id(), row));
            });
        });
    }

    Uni<Record> delete(String tableId, String key, Integer expectedVersion) {
        return audited("deleteRecord", tableId, key, List.of(), trace -> {
            List<FieldError> errors = new ArrayList<>();
            checkKey(key, errors);
            checkExpectedVersion(expectedVersion, errors);
            if (!errors.isEmpty()) {
                throw new ValidationFailedException("Invalid deleteRecord arguments", errors);
            }
            return writableTable(tableId).flatMap(table -> locks.withLock(table.id(), key, lease -> client.row(table.id(), key)
                    .flatMap(current -> {
                        trace.before = version(current);
                        checkVersion(key, current, expectedVersion);
                        return locks.fence(lease).flatMap(ignored -> client.deleteRow(table.id(), key))
                                .replaceWith(toRecord(table.id(), current));
                    }))
                    .invoke(record -> trace.deleted = true));
        });
    }

    /** The table, if records in it can be written with optimistic locking. */
    private Uni<Table> writableTable(String tableId) {
        return tables.table(tableId).map(table -> {
            if (!table.versioned()) {
                throw ValidationFailedException.of("tableId", "table '" + table.name() + "' has no integer '"
                        + config.versionColumn() + "' column; add one to write records with optimistic locking");
            }
            return table;
        });
    }

    private long checkVersion(String key, ObjectNode current, int expected) {
        long version = version(current);
        if (version != expected) {
            throw new VersionConflictException("Record '" + key + "' is at version " + version + ", not " + expected
                    + "; nothing was written", version);
        }
        return version;
    }

    // --- validation ---------------------------------------------------------------------------------------------

    /** Everything that can be checked without the table; the fields as a JSON object. */
    private ObjectNode checkInput(String key, JsonValue fields, List<String> tags, Integer expectedVersion) {
        List<FieldError> errors = new ArrayList<>();
        checkKey(key, errors);
        if (expectedVersion != null) {
            checkExpectedVersion(expectedVersion, errors);
        }
        ObjectNode object = null;
        if (fields == null || fields.getValueType() != JsonValue.ValueType.OBJECT) {
            errors.add(new FieldError("input.fields", "must be a JSON object of column values"));
        } else if (fields.toString().getBytes(StandardCharsets.UTF_8).length > MAX_FIELDS_BYTES) {
            errors.add(new FieldError("input.fields", "must be at most " + MAX_FIELDS_BYTES + " bytes of JSON"));
        } else {
            object = (ObjectNode) parse(fields.toString());
            for (String managed : List.of("key", config.versionColumn())) {
                if (object.has(managed)) {
                    errors.add(new FieldError("input.fields." + managed, "is managed by the gateway; "
                            + ("key".equals(managed) ? "give it as input.key" : "give the version you read as expectedVersion")));
                }
            }
        }
        if (tags != null) {
            if (tags.size() > MAX_TAGS) {
                errors.add(new FieldError("input.tags", "at most " + MAX_TAGS + " tags"));
            }
            for (int i = 0; i < tags.size(); i++) {
                if (tags.get(i) == null || tags.get(i).isBlank() || tags.get(i).length() > MAX_TAG) {
                    errors.add(new FieldError("input.tags." + i, "must be 1 to " + MAX_TAG + " characters"));
                }
            }
        }
        if (!errors.isEmpty()) {
            throw new ValidationFailedException("Invalid record input", errors);
        }
        return object;
    }

    private static void checkKey(String key, List<FieldError> errors) {
        if (key == null || key.isBlank() || key.length() > MAX_KEY) {
            errors.add(new FieldError("input.key", "must be 1 to " + MAX_KEY + " characters"));
        }
    }

    private static void checkExpectedVersion(Integer expectedVersion, List<FieldError> errors) {
        if (expectedVersion == null || expectedVersion < 0) {
            errors.add(new FieldError("input.expectedVersion", "must be 0 or more"));
        }
    }

    /** Unknown columns, the table's schema, then the configured rules; all problems at once. */
    private void checkRow(Table table, String key, ObjectNode fields) {
        List<FieldError> errors = new ArrayList<>();
        List<String> failedRules = new ArrayList<>();
        for (Iterator<String> names = fields.fieldNames(); names.hasNext();) {
            String name = names.next();
            if (!table.columns().contains(name)) {
                errors.add(new FieldError("input.fields." + name, "is not a column of table '" + table.name() + "'"));
                failedRules.add("unknown-column");
            }
        }
        ObjectNode row = row(key, fields, 1);
        if (errors.isEmpty() && table.schema() != null) {
            for (FieldError violation : validator.violations(table.schema(), row)) {
                errors.add(new FieldError(inputPath(violation.path()), violation.message()));
                failedRules.add("schema");
            }
        }
        Map<String, JsonNode> values = new LinkedHashMap<>();
        row.properties().forEach(entry -> values.put(entry.getKey(), entry.getValue()));
        for (RecordRules.Violation violation : rules.violations(table.name(), values, "")) {
            errors.add(new FieldError(inputPath("/" + violation.error().path()), violation.error().message()));
            failedRules.add(violation.rule());
        }
        if (!errors.isEmpty()) {
            failedRules.forEach(rule -> metrics.validationFailure(table.name(), rule));
            throw new ValidationFailedException("The record does not satisfy table '" + table.name() + "'", errors);
        }
    }

    /** A row pointer ({@code /quantity}) as the input path the client wrote it at. */
    private static String inputPath(String pointer) {
        String column = pointer.startsWith("/") ? pointer.substring(1) : pointer;
        int slash = column.indexOf('/');
        if (slash >= 0) {
            column = column.substring(0, slash);
        }
        return "key".equals(column) ? "input.key" : column.isEmpty() ? "input.fields" : "input.fields." + column;
    }

    // --- history ------------------------------------------------------------------------------------------------

    Uni<List<AuditEntry>> history(String tableId, String key, IntervalInput interval) {
        return Uni.createFrom().deferred(() -> {
            Instant end;
            Instant start;
            List<FieldError> errors = new ArrayList<>();
            try {
                end = interval == null ? Instant.now() : Instant.parse(interval.end());
                start = interval == null ? end.minus(config.history().maxInterval()) : Instant.parse(interval.start());
            } catch (DateTimeParseException e) {
                throw ValidationFailedException.of("interval", "start and end must be ISO-8601 instants");
            }
            if (!end.isAfter(start)) {
                errors.add(new FieldError("interval.end", "must be after interval.start"));
            } else if (Duration.between(start, end).compareTo(config.history().maxInterval()) > 0) {
                errors.add(new FieldError("interval", "must span at most " + config.history().maxInterval().toDays()
                        + " days (the realtime audit query covers recent changes only)"));
            }
            checkKey(key, errors);
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

    // --- mapping ------------------------------------------------------------------------------------------------

    private ObjectNode row(String key, ObjectNode fields, long version) {
        ObjectNode row = mapper.createObjectNode();
        row.put("key", key);
        row.setAll(fields);
        row.put(config.versionColumn(), version);
        return row;
    }

    private long version(JsonNode row) {
        return row.path(config.versionColumn()).asLong(0);
    }

    private Record toRecord(String tableId, JsonNode row) {
        ObjectNode fields = ((ObjectNode) row).deepCopy();
        fields.remove("key");
        fields.remove(config.versionColumn());
        return new Record(tableId, row.path("key").asText(), (int) version(row), JsonValues.of(fields));
    }

    /** What a write saw, for its audit event. */
    private static final class WriteTrace {
        Long before;
        boolean deleted;
    }

    /**
     * Runs a write and, whatever its outcome, records it: an audit event (Genesys's own audit names the gateway's
     * OAuth client, not the gateway's caller, so the gateway keeps its own) and the write metrics.
     */
    private Uni<Record> audited(String operation, String tableId, String key, List<String> tags,
            Function<WriteTrace, Uni<Record>> write) {
        long started = System.nanoTime();
        WriteTrace trace = new WriteTrace();
        return caller.actor().flatMap(actor -> Uni.createFrom().deferred(() -> write.apply(trace))
                .onItemOrFailure().call((record, failure) -> {
                    long nanos = System.nanoTime() - started;
                    String outcome = AuditEvent.outcome(failure);
                    metrics.write(operation, outcome, nanos);
                    Long after = record == null || trace.deleted ? null : (long) record.version();
                    Uni<Void> audit = auditLog.record(new AuditEvent(null, Instant.now(), actor, operation,
                            "records/" + tableId + "/" + key, trace.before, after, null, null, null, outcome, nanos / 1_000_000,
                            tags == null ? List.of() : tags));
                    return failure != null ? audit
                            : audit.chain(() -> events.publish(GatewayEvents.RECORD_UPDATED, null,
                                    updatedEvent(operation, actor, trace, record)));
                }));
    }

    /** The {@code record.updated} event of a successful create, update or delete. */
    private ObjectNode updatedEvent(String operation, String actor, WriteTrace trace, Record record) {
        ObjectNode data = mapper.createObjectNode();
        data.put("operation", operation);
        data.put("tableId", record.tableId());
        data.put("key", record.key());
        data.put("versionBefore", trace.before);
        data.put("version", trace.deleted ? null : Integer.valueOf(record.version()));
        data.put("deleted", trace.deleted);
        data.set("fields", parse(record.fields().toString()));
        data.put("actor", actor);
        return data;
    }

    private JsonNode parse(String json) {
        try {
            return mapper.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
