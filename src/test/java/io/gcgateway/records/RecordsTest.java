package io.gcgateway.records;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.nullValue;

import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.stream.IntStream;

import org.hamcrest.Matchers;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.gcgateway.GraphQL;
import io.gcgateway.Simulator;
import io.gcgateway.cache.CacheStatus;
import io.gcgateway.simulator.control.FaultRule;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.smallrye.mutiny.Uni;
import jakarta.inject.Inject;

/** Records over the simulator's data tables: validation, optimistic locking, serialized writers, history. */
@QuarkusTest
class RecordsTest {
    static final String RECORD = "query($t: ID!, $k: ID!) { record(tableId: $t, key: $k) { key version fields } }";
    static final String UPDATE = """
            mutation($in: UpdateRecordInput!) { updateRecord(input: $in) { key version fields } }""";
    static final String CREATE = """
            mutation($in: CreateRecordInput!) { createRecord(input: $in) { key version fields } }""";
    static final String DELETE = """
            mutation($t: ID!, $k: ID!, $v: Int!) { deleteRecord(tableId: $t, key: $k, expectedVersion: $v) { key version } }""";

    @Inject
    RecordLocks locks;
    @Inject
    CacheStatus cacheStatus;

    private String inventory;

    @BeforeEach
    void reset() {
        Simulator.resetWithCircuitBreakers();
        inventory = GraphQL.query("{ recordTables { id name } }").extract()
                .path("data.recordTables.find { it.name == 'InventoryItem' }.id");
    }

    private static Map<String, Object> item(int quantity, double price, String status) {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("quantity", quantity);
        fields.put("price", price);
        fields.put("status", status);
        fields.put("warehouseLocation", "DUB-A1");
        return fields;
    }

    private Map<String, Object> update(String key, int expectedVersion, Map<String, Object> fields) {
        return Map.of("in", Map.of("tableId", inventory, "key", key, "expectedVersion", expectedVersion, "fields", fields,
                "tags", List.of("restock")));
    }

    private String rowPath(String key) {
        return "/api/v2/flows/datatables/" + inventory + "/rows/" + key;
    }

    @Test
    void tablesDescribeTheirFields() {
        GraphQL.query("{ recordTables { name versioned fields { name title type required } schema } }")
                .body("errors", nullValue())
                .body("data.recordTables.name", equalTo(List.of("CustomerFlags", "InventoryItem")))
                .body("data.recordTables[1].versioned", equalTo(true))
                .body("data.recordTables[1].fields.name", equalTo(List.of("key", "quantity", "price", "status",
                        "warehouseLocation", "version")))
                .body("data.recordTables[1].fields[0].title", equalTo("sku"))
                .body("data.recordTables[1].schema.additionalProperties", equalTo(false));
    }

    @Test
    void recordsPageByKeyAndCarryTheirVersion() {
        var page = GraphQL.query("query($t: ID!) { records(tableId: $t, first: 15) { totalCount pageInfo { hasNextPage endCursor } "
                + "edges { node { key version fields } } } }", Map.of("t", inventory))
                .body("errors", nullValue())
                .body("data.records.totalCount", equalTo(40))
                .body("data.records.pageInfo.hasNextPage", equalTo(true))
                .extract();
        String key = page.path("data.records.edges[0].node.key");
        int version = page.path("data.records.edges[0].node.version");
        GraphQL.query(RECORD, Map.of("t", inventory, "k", key))
                .body("data.record.version", equalTo(version))
                .body("data.record.fields.keySet()", hasItems("quantity", "price", "status", "warehouseLocation"));
        GraphQL.query(RECORD, Map.of("t", inventory, "k", "ZZ-9999")).body("errors", nullValue()).body("data.record", nullValue());

        String page2 = "query($t: ID!, $a: String) { records(tableId: $t, first: 15, after: $a) { edges { node { key } } } }";
        List<String> next = GraphQL.query(page2, Map.of("t", inventory, "a", page.path("data.records.pageInfo.endCursor")))
                .body("errors", nullValue()).extract().path("data.records.edges.node.key");
        assertThat(next).hasSize(15).doesNotContain(key);
        GraphQL.query(page2, Map.of("t", inventory, "a", "bm90LWEtY3Vyc29y"))
                .body("errors[0].extensions.code", equalTo("VALIDATION_FAILED"))
                .body("errors[0].extensions.fieldErrors[0].path", equalTo("after"));
    }

    @Test
    void anUpdateWithTheCurrentVersionWritesVersionPlusOne() {
        String key = "AB-1000";
        int version = GraphQL.query(RECORD, Map.of("t", inventory, "k", key)).extract().path("data.record.version");

        GraphQL.query(UPDATE, update(key, version, item(12, 19.5, "available"))).body("errors", nullValue())
                .body("data.updateRecord.version", equalTo(version + 1))
                .body("data.updateRecord.fields.quantity", equalTo(12));
        GraphQL.query(RECORD, Map.of("t", inventory, "k", key))
                .body("data.record.version", equalTo(version + 1))
                .body("data.record.fields.price", equalTo(19.5f));
    }

    @Test
    void aSlowCacheDoesNotStopWrites() {
        // The cache Redis counts as down (three late calls in a row); the state Redis, which writes need, does not.
        for (int i = 0; i < 3; i++) {
            cacheStatus.guarded(Duration.ofMillis(1), () -> Uni.createFrom().nothing())
                    .onFailure().recoverWithNull().await().indefinitely();
        }
        try {
            assertThat(cacheStatus.available()).isFalse();
            String key = "AB-1000";
            int version = GraphQL.query(RECORD, Map.of("t", inventory, "k", key)).extract().path("data.record.version");
            GraphQL.query(UPDATE, update(key, version, item(7, 1.5, "available"))).body("errors", nullValue())
                    .body("data.updateRecord.version", equalTo(version + 1));
        } finally {
            cacheStatus.reset();
        }
    }

    @Test
    void aStaleVersionIsAConflictAndNothingIsWritten() {
        String key = "AB-1000";
        int version = GraphQL.query(RECORD, Map.of("t", inventory, "k", key)).extract().path("data.record.version");

        GraphQL.query(UPDATE, update(key, version - 1, item(12, 19.5, "available")))
                .body("data", nullValue())
                .body("errors[0].extensions.code", equalTo("VERSION_CONFLICT"))
                .body("errors[0].extensions.currentVersion", equalTo(version));
        assertThat(Simulator.calls("PUT", rowPath(key))).isZero();
    }

    @Test
    void aConflictTellsTheCurrentVersionAndARetryWithItSucceeds() {
        String key = "AB-1028";
        int version = GraphQL.query(RECORD, Map.of("t", inventory, "k", key)).extract().path("data.record.version");
        GraphQL.query(UPDATE, update(key, version, item(5, 10, "available"))).body("errors", nullValue());

        int current = GraphQL.query(UPDATE, update(key, version, item(6, 10, "available")))
                .body("errors[0].extensions.code", equalTo("VERSION_CONFLICT"))
                .extract().path("errors[0].extensions.currentVersion");
        assertThat(current).isEqualTo(version + 1);
        GraphQL.query(UPDATE, update(key, current, item(6, 10, "available"))).body("errors", nullValue())
                .body("data.updateRecord.version", equalTo(version + 2))
                .body("data.updateRecord.fields.quantity", equalTo(6));
    }

    @Test
    void aRateLimitedWriteIsRetriedAfterRetryAfterAndIncrementsOnce() {
        String key = "XY-1021";
        int version = GraphQL.query(RECORD, Map.of("t", inventory, "k", key)).extract().path("data.record.version");
        Simulator.inject(FaultRule.rateLimited("PUT", rowPath(key), 1, 1));
        long started = System.nanoTime();

        GraphQL.query(UPDATE, update(key, version, item(8, 10, "available"))).body("errors", nullValue())
                .body("data.updateRecord.version", equalTo(version + 1));

        assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThanOrEqualTo(Duration.ofSeconds(1));
        assertThat(Simulator.calls("PUT", rowPath(key))).isEqualTo(2);
        GraphQL.query(RECORD, Map.of("t", inventory, "k", key)).body("data.record.version", equalTo(version + 1));
    }

    @Test
    void everyWriteIsInTheGatewayAuditLogAndTheMetrics() {
        String key = "AB-1042";
        int version = GraphQL.query(RECORD, Map.of("t", inventory, "k", key)).extract().path("data.record.version");
        GraphQL.query(UPDATE, update(key, version, item(7, 10, "available"))).body("errors", nullValue());
        GraphQL.query(UPDATE, update(key, version, item(7, 10, "available"))).body("errors[0].extensions.code", equalTo("VERSION_CONFLICT"));
        GraphQL.query(UPDATE, update(key, version + 1, item(5000, 25, "available")))
                .body("errors[0].extensions.code", equalTo("VALIDATION_FAILED"));

        String log = """
                query($f: GatewayAuditLogFilter, $a: String) { gatewayAuditLog(filter: $f, first: 2, after: $a) {
                  pageInfo { hasNextPage endCursor }
                  edges { node { actor operation target versionBefore versionAfter outcome latencyMs tags timestamp } } } }""";
        Map<String, Object> filter = Map.of("target", "records/" + inventory + "/" + key);
        var newest = GraphQL.query(log, Map.of("f", filter)).body("errors", nullValue())
                .body("data.gatewayAuditLog.edges.node.outcome", equalTo(List.of("VALIDATION_FAILED", "VERSION_CONFLICT")))
                .body("data.gatewayAuditLog.edges[1].node.versionBefore", equalTo(version + 1))
                .body("data.gatewayAuditLog.pageInfo.hasNextPage", equalTo(true))
                .extract();
        Map<String, Object> next = new HashMap<>(Map.of("f", filter));
        next.put("a", newest.path("data.gatewayAuditLog.pageInfo.endCursor"));
        GraphQL.query(log, next).body("errors", nullValue())
                .body("data.gatewayAuditLog.edges", Matchers.hasSize(1))
                .body("data.gatewayAuditLog.edges[0].node.actor", equalTo("apikey:test-admin"))
                .body("data.gatewayAuditLog.edges[0].node.operation", equalTo("updateRecord"))
                .body("data.gatewayAuditLog.edges[0].node.outcome", equalTo("SUCCESS"))
                .body("data.gatewayAuditLog.edges[0].node.versionBefore", equalTo(version))
                .body("data.gatewayAuditLog.edges[0].node.versionAfter", equalTo(version + 1))
                .body("data.gatewayAuditLog.edges[0].node.tags", equalTo(List.of("restock")))
                .body("data.gatewayAuditLog.pageInfo.hasNextPage", equalTo(false));

        String metrics = RestAssured.given().get("/q/metrics").then().extract().asString();
        assertThat(metrics).contains("gateway_records_writes_seconds_bucket{operation=\"updateRecord\",outcome=\"SUCCESS\"");
        assertThat(metrics).containsPattern("gateway_records_conflicts_total\\{operation=\"updateRecord\"\\} [1-9]");
        assertThat(metrics).containsPattern("gateway_records_validation_failures_total\\{rule=\"stock-value\",table=\"InventoryItem\"\\} [1-9]");
    }

    @Test
    void badFieldsAreRejectedWithPathsBeforeAnyWrite() {
        Map<String, Object> fields = item(-1, 19.5, "lost");
        fields.put("colour", "red");
        List<String> unknown = GraphQL.query(UPDATE, update("AB-1000", 1, fields))
                .body("errors[0].extensions.code", equalTo("VALIDATION_FAILED"))
                .extract().path("errors[0].extensions.fieldErrors.path");
        assertThat(unknown).contains("input.fields.colour");

        // Wrong type (schema), minimum and allowed values (field rules), cross-field rules.
        Map<String, Object> wrongType = item(1, 1, "available");
        wrongType.put("quantity", "many");
        GraphQL.query(UPDATE, update("AB-1000", 1, wrongType))
                .body("errors[0].extensions.fieldErrors.path", equalTo(List.of("input.fields.quantity")));
        List<String> paths = GraphQL.query(UPDATE, update("AB-1000", 1, item(-1, 19.5, "lost")))
                .extract().path("errors[0].extensions.fieldErrors.path");
        assertThat(paths).containsExactlyInAnyOrder("input.fields.quantity", "input.fields.status");
        GraphQL.query(UPDATE, update("AB-1000", 1, item(0, 19.5, "reserved")))
                .body("errors[0].extensions.fieldErrors[0].path", equalTo("input.fields.quantity"))
                .body("errors[0].extensions.fieldErrors[0].message", containsString("reserved"));
        GraphQL.query(UPDATE, update("AB-1000", 1, item(5000, 25.0, "available")))
                .body("errors[0].extensions.fieldErrors[0].path", equalTo("input.fields.price"))
                .body("errors[0].extensions.fieldErrors[0].message", containsString("100000"));
        Map<String, Object> managed = item(1, 1, "available");
        managed.put("version", 9);
        GraphQL.query(UPDATE, update("AB-1000", 1, managed))
                .body("errors[0].extensions.fieldErrors[0].path", equalTo("input.fields.version"));
        GraphQL.query(CREATE, Map.of("in", Map.of("tableId", inventory, "key", "bad-key", "fields", item(1, 1, "available"))))
                .body("errors[0].extensions.fieldErrors[0].path", equalTo("input.key"))
                .body("errors[0].extensions.fieldErrors[0].message", equalTo("must be a SKU such as AB-1234"));

        assertThat(Simulator.calls("PUT", rowPath("AB-1000"))).isZero();
        assertThat(Simulator.calls("GET", rowPath("AB-1000"))).isZero();
        assertThat(Simulator.calls("POST", "/api/v2/flows/datatables/" + inventory + "/rows")).isZero();
    }

    @Test
    void racingWritersOfOneVersionCannotBothWin() {
        String key = "XY-1007";
        int version = GraphQL.query(RECORD, Map.of("t", inventory, "k", key)).extract().path("data.record.version");

        List<CompletableFuture<String>> writers = IntStream.range(0, 10)
                .mapToObj(i -> CompletableFuture.supplyAsync(() -> GraphQL.query(UPDATE, update(key, version, item(i + 1, 10, "available")))
                        .extract().<String> path("errors[0].extensions.code")))
                .toList();
        List<String> outcomes = writers.stream().map(CompletableFuture::join).toList();

        assertThat(outcomes).filteredOn(code -> code == null).hasSize(1);
        assertThat(outcomes).filteredOn(code -> code != null).containsOnly("VERSION_CONFLICT");
        assertThat(Simulator.calls("PUT", rowPath(key))).isEqualTo(1);
        GraphQL.query(RECORD, Map.of("t", inventory, "k", key)).body("data.record.version", equalTo(version + 1));
    }

    @Test
    void aWriterWaitsForTheLockHeldByAnotherReplicaAndGivesUpCleanly() {
        String key = "AB-1014";
        int version = GraphQL.query(RECORD, Map.of("t", inventory, "k", key)).extract().path("data.record.version");
        // Another replica holds the record's lock for longer than a writer waits (1 s in tests).
        CompletableFuture<Void> holding = new CompletableFuture<>();
        CompletableFuture<Void> held = locks.withLock(inventory, key, lease -> {
            holding.complete(null);
            return Uni.createFrom().voidItem().onItem().delayIt().by(Duration.ofMillis(1500));
        }).subscribeAsCompletionStage();
        assertThat(holding).succeedsWithin(Duration.ofSeconds(5));
        GraphQL.query(UPDATE, update(key, version, item(3, 10, "available")))
                .body("errors[0].extensions.code", equalTo("IN_PROGRESS"))
                .body("errors[0].extensions.retryAfterSeconds", equalTo(1));
        held.join();
        assertThat(Simulator.calls("PUT", rowPath(key))).isZero();
        // Released: the next writer goes through.
        GraphQL.query(UPDATE, update(key, version, item(3, 10, "available"))).body("errors", nullValue());
    }

    @Test
    void createConflictsWithAnExistingKeyAndDeleteChecksTheVersion() {
        Map<String, Object> create = Map.of("in", Map.of("tableId", inventory, "key", "QQ-4242", "fields", item(4, 2.5, "available")));
        GraphQL.query(CREATE, create).body("errors", nullValue()).body("data.createRecord.version", equalTo(1));
        GraphQL.query(CREATE, create)
                .body("errors[0].extensions.code", equalTo("VERSION_CONFLICT"))
                .body("errors[0].extensions.currentVersion", equalTo(1));

        GraphQL.query(DELETE, Map.of("t", inventory, "k", "QQ-4242", "v", 7))
                .body("errors[0].extensions.code", equalTo("VERSION_CONFLICT"));
        GraphQL.query(DELETE, Map.of("t", inventory, "k", "QQ-4242", "v", 1)).body("errors", nullValue())
                .body("data.deleteRecord.version", equalTo(1));
        GraphQL.query(RECORD, Map.of("t", inventory, "k", "QQ-4242")).body("data.record", nullValue());
        GraphQL.query(DELETE, Map.of("t", inventory, "k", "QQ-4242", "v", 1))
                .body("errors[0].extensions.code", equalTo("NOT_FOUND"));
    }

    @Test
    void genesysSchemaErrorsAfterOurChecksAreValidationErrorsWithItsMessage() {
        Simulator.inject(new FaultRule("PUT", rowPath("AB-1000"), 1, 400, null, 0, false, "flows.datatables.syntax.error",
                "The row does not match the data table's schema"));
        int version = GraphQL.query(RECORD, Map.of("t", inventory, "k", "AB-1000")).extract().path("data.record.version");
        GraphQL.query(UPDATE, update("AB-1000", version, item(3, 10, "available")))
                .body("errors[0].extensions.code", equalTo("VALIDATION_FAILED"))
                .body("errors[0].message", equalTo("The row does not match the data table's schema"))
                .body("errors[0].extensions.contextId", Matchers.notNullValue());
    }

    @Test
    void historyListsEveryChangeNewestFirst() {
        Map<String, Object> create = Map.of("in", Map.of("tableId", inventory, "key", "HH-0001", "fields", item(4, 2.5, "available")));
        GraphQL.query(CREATE, create).body("errors", nullValue());
        GraphQL.query(UPDATE, update("HH-0001", 1, item(9, 2.5, "reserved"))).body("errors", nullValue());

        GraphQL.query("query($t: ID!, $k: ID!) { recordHistory(tableId: $t, key: $k) { action timestamp clientId "
                + "changes { property oldValues newValues } } }", Map.of("t", inventory, "k", "HH-0001"))
                .body("errors", nullValue())
                .body("data.recordHistory.action", equalTo(List.of("Update", "Create")))
                .body("data.recordHistory[0].changes.property", equalTo(List.of("quantity", "status", "version")))
                .body("data.recordHistory[0].changes[0].oldValues", equalTo(List.of("4")))
                .body("data.recordHistory[0].changes[0].newValues", equalTo(List.of("9")))
                .body("data.recordHistory[0].clientId", Matchers.notNullValue());

        GraphQL.query("query($t: ID!, $k: ID!, $i: IntervalInput) { recordHistory(tableId: $t, key: $k, interval: $i) { action } }",
                Map.of("t", inventory, "k", "HH-0001", "i", Map.of("start", "2026-01-01T00:00:00Z", "end", "2026-03-01T00:00:00Z")))
                .body("errors[0].extensions.code", equalTo("VALIDATION_FAILED"))
                .body("errors[0].extensions.fieldErrors[0].path", equalTo("interval"));
    }
}
