package io.gcgateway.records;

import java.time.Instant;
import java.util.List;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.Input;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Type;

import io.gcgateway.gateway.PageInfo;
import jakarta.json.JsonValue;

/** GraphQL types of the records capability (Architect data tables with gateway-side optimistic locking). */
public final class RecordTypes {
    private RecordTypes() {
    }

    @Type("RecordTable")
    @Description("An Architect data table: schema'd records updated by key.")
    public record RecordTable(@NonNull @Id String id, @NonNull String name, String description,
            @Description("The table's JSON Schema, as Genesys stores it.") JsonValue schema,
            @NonNull List<@NonNull RecordField> fields,
            @NonNull @Description("Whether the table has the integer version column that record writes need.") Boolean versioned) {
    }

    @Type("RecordField")
    public record RecordField(@NonNull String name, String title, @NonNull String type, @NonNull Boolean required) {
    }

    @Type("Record")
    public record Record(@NonNull @Id String tableId, @NonNull @Id String key,
            @NonNull @Description("Optimistic-locking version; 0 for a row never written through the gateway.") Integer version,
            @NonNull @Description("The row's columns other than key and version.") JsonValue fields) {
    }

    @Type("RecordEdge")
    public record RecordEdge(@NonNull String cursor, @NonNull Record node) {
    }

    @Type("RecordConnection")
    public record RecordConnection(@NonNull List<@NonNull RecordEdge> edges, @NonNull PageInfo pageInfo,
            @NonNull Integer totalCount) {
    }

    @Input("CreateRecordInput")
    public record CreateRecordInput(@NonNull @Id String tableId, @NonNull @Id String key,
            @NonNull @Description("Columns other than key and version.") JsonValue fields,
            @Description("Labels of the change, written to the gateway's audit log.") List<String> tags) {
    }

    @Input("UpdateRecordInput")
    public record UpdateRecordInput(@NonNull @Id String tableId, @NonNull @Id String key,
            @NonNull @Description("The version the client read; the write fails with VERSION_CONFLICT if it changed.") Integer expectedVersion,
            @NonNull @Description("All columns other than key and version (the row is replaced).") JsonValue fields,
            @Description("Labels of the change, written to the gateway's audit log.") List<String> tags) {
    }

    @Type("AuditEntry")
    public record AuditEntry(@NonNull @Id String id, @NonNull Instant timestamp, @NonNull String action, String status,
            @Description("Genesys user who made the change, if a user did.") String userId, String userName,
            @Description("OAuth client that made the change (the gateway's, for changes made through it).") String clientId,
            @NonNull List<@NonNull PropertyChange> changes) {
    }

    @Type("PropertyChange")
    public record PropertyChange(@NonNull String property, @NonNull List<@NonNull String> oldValues,
            @NonNull List<@NonNull String> newValues) {
    }
}
