package io.gcgateway.cache;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.gcgateway.GraphQL;
import io.gcgateway.RedisClusterTestResource;
import io.gcgateway.Simulator;
import io.gcgateway.TestClients;
import io.gcgateway.WebhookReceiver;
import io.gcgateway.actions.RemoteServiceAccess;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;

/**
 * Both Redis roles on a real local Redis Cluster of three masters: every script and multi-key command of the gateway
 * (the analytics lookup and store, locks, idempotency keys, the webhook outbox and its delivery, the audit stream,
 * persisted queries, the Genesys budget, the client rate limit, pub/sub notices) runs where its keys live.
 */
@QuarkusTest
@TestProfile(RedisClusterTest.OnRedisCluster.class)
class RedisClusterTest {

    public static class OnRedisCluster implements QuarkusTestProfile {
        @Override
        public List<TestResourceEntry> testResources() {
            return List.of(new TestResourceEntry(RedisClusterTestResource.class));
        }
    }

    @Test
    void analyticsResultsAreCachedSharedAndInvalidated() {
        Instant today = Instant.now().truncatedTo(ChronoUnit.DAYS);
        Map<String, Object> filter = Map.of("interval", Map.of("start", today.minus(3, ChronoUnit.DAYS).toString(),
                "end", today.minus(2, ChronoUnit.DAYS).toString()));
        String query = "query($f: ConversationFilterInput!) { conversations(filter: $f, first: 5) { totalCount cache { hit } } }";
        Simulator.resetWithCircuitBreakers();
        GraphQL.query(query, Map.of("f", filter)).body("errors", nullValue()).body("data.conversations.cache.hit", equalTo(false));
        GraphQL.query(query, Map.of("f", filter)).body("errors", nullValue()).body("data.conversations.cache.hit", equalTo(true));
        assertThat(Simulator.calls("POST", "/api/v2/analytics/conversations/details/query")).isEqualTo(1);
        GraphQL.query("mutation { invalidateAnalyticsCache }").body("errors", nullValue());
        GraphQL.query(query, Map.of("f", filter)).body("errors", nullValue()).body("data.conversations.cache.hit", equalTo(false));
    }

    @Test
    void recordWritesHoldTheirLockAndCheckTheVersion() {
        String inventory = GraphQL.query("{ recordTables { id name } }").extract()
                .path("data.recordTables.find { it.name == 'InventoryItem' }.id");
        int version = GraphQL.query("query($t: ID!) { record(tableId: $t, key: \"AB-1000\") { version } }", Map.of("t", inventory))
                .body("errors", nullValue()).extract().path("data.record.version");
        String update = "mutation($in: UpdateRecordInput!) { updateRecord(input: $in) { version } }";
        Map<String, Object> fields = Map.of("quantity", 3, "price", 2, "status", "available", "warehouseLocation", "DUB-A1");
        GraphQL.query(update, Map.of("in", Map.of("tableId", inventory, "key", "AB-1000", "expectedVersion", version, "fields", fields)))
                .body("errors", nullValue()).body("data.updateRecord.version", equalTo(version + 1));
        GraphQL.query(update, Map.of("in", Map.of("tableId", inventory, "key", "AB-1000", "expectedVersion", version, "fields", fields)))
                .body("errors[0].extensions.code", equalTo("VERSION_CONFLICT"));
        GraphQL.query("query($f: GatewayAuditLogFilter) { gatewayAuditLog(filter: $f, first: 5) { edges { node { operation outcome } } } }",
                Map.of("f", Map.of("operation", "updateRecord")))
                .body("errors", nullValue()).body("data.gatewayAuditLog.edges[0].node.outcome", equalTo("VERSION_CONFLICT"));
    }

    @Test
    void anIdempotencyKeyRunsOnce() throws Exception {
        try (RemoteServiceAccess remote = new RemoteServiceAccess()) {
            String actionId = remote.createEchoAction();
            String execute = "mutation($id: ID!) { executeDataAction(actionId: $id, input: {a: 1}, idempotencyKey: \"cluster-1\") { idempotency } }";
            GraphQL.query(execute, Map.of("id", actionId)).body("errors", nullValue())
                    .body("data.executeDataAction.idempotency", equalTo("FIRST"));
            GraphQL.query(execute, Map.of("id", actionId)).body("errors", nullValue())
                    .body("data.executeDataAction.idempotency", equalTo("REPLAYED"));
        }
    }

    @Test
    void webhookEventsAreQueuedAndDelivered() throws Exception {
        try (WebhookReceiver receiver = new WebhookReceiver()) {
            Map<String, Object> input = new LinkedHashMap<>();
            input.put("name", "cluster");
            input.put("url", receiver.url("/hook"));
            input.put("events", List.of("conversation.transitioned"));
            input.put("secret", "whsec-test-0123456789abcdef");
            String id = GraphQL.query("mutation($in: RegisterWebhookInput!) { registerWebhook(input: $in) { id } }",
                    Map.of("in", input)).body("errors", nullValue()).extract().path("data.registerWebhook.id");
            JsonPath conversation = Simulator.createConversation(null, null, "connected");
            GraphQL.query("mutation($in: TransitionInput!) { transitionConversation(input: $in) { accepted } }",
                    Map.of("in", Map.of("conversationId", conversation.getString("id"),
                            "participantId", conversation.getString("participants[2].id"), "action", "HOLD")))
                    .body("errors", nullValue());
            await().atMost(Duration.ofSeconds(20)).until(() -> !receiver.received().isEmpty());
            await().atMost(Duration.ofSeconds(10)).until(() -> "DELIVERED".equals(GraphQL.query(
                    "query($id: ID!) { webhookDeliveries(webhookId: $id, first: 5) { edges { node { status } } } }",
                    Map.of("id", id)).extract().path("data.webhookDeliveries.edges[0].node.status")));
            GraphQL.query("mutation($id: ID!) { deleteWebhook(id: $id) }", Map.of("id", id)).body("errors", nullValue());
        }
    }

    @Test
    void persistedQueriesAreSharedThroughTheCluster() {
        String document = "{ gatewayInfo { version genesysBudget { allowed } } }";
        String hash = RedisKeys.sha256(document);
        Map<String, Object> persisted = Map.of("persistedQuery", Map.of("version", 1, "sha256Hash", hash));
        given().contentType("application/json")
                .header(TestClients.API_KEY_HEADER, TestClients.ADMIN)
                .body(Map.of("query", document, "extensions", persisted)).post("/graphql").then().statusCode(200)
                .body("errors", nullValue());
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> given().contentType("application/json")
                .header(TestClients.API_KEY_HEADER, TestClients.ADMIN)
                .body(Map.of("extensions", persisted)).post("/graphql").then().statusCode(200)
                .body("errors", nullValue()).body("data.gatewayInfo.genesysBudget.allowed", notNullValue()));
    }
}
