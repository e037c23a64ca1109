package io.gcgateway.records;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.gcgateway.audit.AuditEvent;
import io.gcgateway.audit.AuditedWrites;
import io.gcgateway.errors.FieldError;
import io.gcgateway.errors.NotFoundException;
import io.gcgateway.errors.ValidationFailedException;
import io.gcgateway.errors.VersionConflictException;
import io.gcgateway.events.GatewayEvents;
import io.gcgateway.genesys.GenesysRestClients;
import io.gcgateway.records.RecordTables.Table;
import io.gcgateway.records.RecordTypes.CreateRecordInput;
import io.gcgateway.records.RecordTypes.Record;
import io.gcgateway.records.RecordTypes.UpdateRecordInput;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Writing records. Genesys keeps no row version and checks no concurrency, so the gateway does: every write is
 * validated first (nothing is sent when any check fails), then, holding the record's lock, reads the row, compares
 * its {@code version} with the client's, and writes {@code version + 1}; each write is audited and announced.
 */
@ApplicationScoped
class RecordWrites {
    private final RecordsRestClient client;
    private final RecordTables tables;
    private final RecordLocks locks;
    private final RecordInputChecks checks;
    private final RecordRows rows;
    private final AuditedWrites writes;
    private final RecordMetrics metrics;
    private final ObjectMapper mapper;
    private final RecordsConfig config;

    RecordWrites(GenesysRestClients clients, RecordTables tables, RecordLocks locks, RecordInputChecks checks,
            RecordRows rows, AuditedWrites writes, RecordMetrics metrics, ObjectMapper mapper, RecordsConfig config) {
        this.client = clients.api(RecordsRestClient.class);
        this.tables = tables;
        this.locks = locks;
        this.checks = checks;
        this.rows = rows;
        this.writes = writes;
        this.metrics = metrics;
        this.mapper = mapper;
        this.config = config;
    }

    Uni<Record> create(CreateRecordInput input) {
        return audited("createRecord", input.tableId(), input.key(), input.tags(), trace -> {
            ObjectNode fields = checks.checkInput(input.key(), input.fields(), input.tags(), null);
            return writableTable(input.tableId()).flatMap(table -> {
                checks.checkRow(table, input.key(), fields);
                return locks.withLock(table.id(), input.key(), lease -> client.row(table.id(), input.key())
                        .<Boolean> map(existing -> {
                            trace.before = rows.version(existing);
                            throw new VersionConflictException("Record '" + input.key() + "' already exists",
                                    rows.version(existing));
                        })
                        .onFailure(NotFoundException.class).recoverWithItem(false)
                        .flatMap(ignored -> locks.fence(lease))
                        .flatMap(ignored -> client.createRow(table.id(), rows.row(input.key(), fields, 1))))
                        .map(row -> rows.toRecord(table.id(), row));
            });
        });
    }

    Uni<Record> update(UpdateRecordInput input) {
        return audited("updateRecord", input.tableId(), input.key(), input.tags(), trace -> {
            ObjectNode fields = checks.checkInput(input.key(), input.fields(), input.tags(), input.expectedVersion());
            return writableTable(input.tableId()).flatMap(table -> {
                checks.checkRow(table, input.key(), fields);
                return locks.withLock(table.id(), input.key(), lease -> client.row(table.id(), input.key())
                        .flatMap(current -> {
                            trace.before = rows.version(current);
                            long version = checkVersion(input.key(), current, input.expectedVersion());
                            return locks.fence(lease).flatMap(ignored -> client.replaceRow(table.id(), input.key(),
                                    rows.row(input.key(), fields, version + 1)));
                        }))
                        .map(row -> rows.toRecord(table.id(), row));
            });
        });
    }

    Uni<Record> delete(String tableId, String key, Integer expectedVersion) {
        return audited("deleteRecord", tableId, key, List.of(), trace -> {
            List<FieldError> errors = new ArrayList<>();
            RecordInputChecks.checkKey(key, errors);
            RecordInputChecks.checkExpectedVersion(expectedVersion, errors);
            if (!errors.isEmpty()) {
                throw new ValidationFailedException("Invalid deleteRecord arguments", errors);
            }
            return writableTable(tableId).flatMap(table -> locks.withLock(table.id(), key, lease -> client.row(table.id(), key)
                    .flatMap(current -> {
                        trace.before = rows.version(current);
                        checkVersion(key, current, expectedVersion);
                        return locks.fence(lease).flatMap(ignored -> client.deleteRow(table.id(), key))
                                .replaceWith(rows.toRecord(table.id(), current));
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
        long version = rows.version(current);
        if (version != expected) {
            throw new VersionConflictException("Record '" + key + "' is at version " + version + ", not " + expected
                    + "; nothing was written", version);
        }
        return version;
    }

    /** What a write saw, for its audit event. */
    private static final class WriteTrace {
        Long before;
        boolean deleted;
    }


    /** Runs a write as every audited change runs ({@link AuditedWrites}), and counts it in the write metrics. */
    private Uni<Record> audited(String operation, String tableId, String key, List<String> tags,
            Function<WriteTrace, Uni<Record>> write) {
        WriteTrace trace = new WriteTrace();
        return writes.run(operation, actor -> write.apply(trace), ended -> {
            metrics.write(operation, ended.outcome(), ended.nanos());
            Record record = ended.result();
            Long after = record == null || trace.deleted ? null : (long) record.version();
            AuditEvent audit = ended.audit("records/" + tableId + "/" + key, trace.before, after, null, null, null, tags);
            return new AuditedWrites.Report(audit, GatewayEvents.RECORD_UPDATED,
                    ended.succeeded() ? updatedEvent(operation, ended.actor(), trace, record) : null);
        });
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
        data.set("fields", rows.parse(record.fields().toString()));
        data.put("actor", actor);
        return data;
    }
}
