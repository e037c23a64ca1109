package io.gcgateway.records;

import java.util.List;

import org.eclipse.microprofile.graphql.DefaultValue;
import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.GraphQLApi;
import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.Mutation;
import org.eclipse.microprofile.graphql.Name;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Query;

import io.gcgateway.gateway.IntervalInput;
import io.gcgateway.records.RecordTypes.AuditEntry;
import io.gcgateway.records.RecordTypes.CreateRecordInput;
import io.gcgateway.records.RecordTypes.Record;
import io.gcgateway.records.RecordTypes.RecordConnection;
import io.gcgateway.records.RecordTypes.RecordTable;
import io.gcgateway.records.RecordTypes.UpdateRecordInput;
import io.gcgateway.security.RequiresRole;
import io.gcgateway.security.Role;
import io.smallrye.mutiny.Uni;

@GraphQLApi
@RequiresRole(Role.READER)
public class RecordsResolver {
    private final RecordReads records;
    private final RecordHistory history;
    private final RecordWrites writes;

    RecordsResolver(RecordReads records, RecordHistory history, RecordWrites writes) {
        this.records = records;
        this.history = history;
        this.writes = writes;
    }

    @Query("recordTables")
    @Description("Architect data tables with their schemas (GET /api/v2/flows/datatables?expand=schema).")
    public @NonNull Uni<List<@NonNull RecordTable>> recordTables() {
        return records.tables();
    }

    @Query("record")
    @Description("One record (a data table row) with its version; null if there is no such row.")
    public Uni<Record> record(@Name("tableId") @NonNull @Id String tableId, @Name("key") @NonNull @Id String key) {
        return records.record(tableId, key);
    }

    @Query("records")
    @Description("The records of a table, by key.")
    public @NonNull Uni<RecordConnection> records(@Name("tableId") @NonNull @Id String tableId,
            @Name("first") @DefaultValue("25") Integer first, @Name("after") String after) {
        return records.records(tableId, first, after);
    }

    @Query("recordHistory")
    @Description("Changes to one record from the Genesys audit log (POST /api/v2/audits/query/realtime), newest "
            + "first; the last 14 days by default.")
    public @NonNull Uni<List<@NonNull AuditEntry>> recordHistory(@Name("tableId") @NonNull @Id String tableId,
            @Name("key") @NonNull @Id String key, @Name("interval") IntervalInput interval) {
        return history.history(tableId, key, interval);
    }

    @RequiresRole(Role.OPERATOR)
    @Mutation("createRecord")
    @Description("Creates a record at version 1; VERSION_CONFLICT (with currentVersion) if the key exists.")
    public @NonNull Uni<Record> createRecord(@Name("input") @NonNull CreateRecordInput input) {
        return writes.create(input);
    }

    @RequiresRole(Role.OPERATOR)
    @Mutation("updateRecord")
    @Description("Replaces a record's fields if its version is still expectedVersion (then version + 1); otherwise "
            + "VERSION_CONFLICT with currentVersion and nothing is written.")
    public @NonNull Uni<Record> updateRecord(@Name("input") @NonNull UpdateRecordInput input) {
        return writes.update(input);
    }

    @RequiresRole(Role.OPERATOR)
    @Mutation("deleteRecord")
    @Description("Deletes a record if its version is still expectedVersion; answers the record as it was.")
    public @NonNull Uni<Record> deleteRecord(@Name("tableId") @NonNull @Id String tableId,
            @Name("key") @NonNull @Id String key, @Name("expectedVersion") @NonNull Integer expectedVersion) {
        return writes.delete(tableId, key, expectedVersion);
    }
}
