package io.gcgateway.cache;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.assertj.core.api.Assertions;
import org.awaitility.Awaitility;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.hamcrest.Matchers;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.gcgateway.GraphQL;
import io.gcgateway.Simulator;
import io.gcgateway.actions.RemoteServiceAccess;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;

/**
 * Redis really goes down (SHUTDOWN) and comes back: the gateway keeps answering, readiness stays UP and reports
 * the cache as degraded. Own profile, so that the restarted Redis serves no other test. Each test that needs Redis
 * down stops it itself, and Redis is back (and seen back) after each test, so the tests hold in any order.
 */
@QuarkusTest
@TestProfile(RedisDownTest.OwnRedis.class)
class RedisDownTest {

    public static class OwnRedis implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("gateway.cache.probe-timeout", "300ms");
        }
    }

    private static final List<EmbeddedRedisServer> restarted = new ArrayList<>();

    @Inject
    RedisDataSource redis;
    @ConfigProperty(name = "quarkus.redis.hosts")
    String redisHosts;

    @AfterAll
    static void stopRestartedRedis() {
        restarted.forEach(EmbeddedRedisServer::close);
    }

    private int redisPort() {
        return URI.create(redisHosts.split(",")[0]).getPort();
    }

    private void stopRedis() {
        try {
            redis.execute("SHUTDOWN", "NOSAVE");
        } catch (RuntimeException expected) {
            // The connection closes as the server exits.
        }
        Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> !EmbeddedRedisServer.listening(redisPort()));
    }

    /** Redis runs again after every test, and the gateway has noticed. */
    @AfterEach
    void redisIsBack() throws Exception {
        if (!EmbeddedRedisServer.listening(redisPort())) {
            restarted.add(EmbeddedRedisServer.start(redisPort()));
        }
        Awaitility.await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> GraphQL
                .query("{ gatewayInfo { cache { available } } }").body("data.gatewayInfo.cache.available", equalTo(true)));
    }

    @Test
    void cacheIsAvailableWhileRedisRuns() {
        GraphQL.query("{ gatewayInfo { cache { available } } }").body("data.gatewayInfo.cache.available", equalTo(true));
        given().get("/q/health/ready").then().statusCode(200).body("checks.data.cache", hasItem("available"));
    }

    @Test
    void gatewayAnswersAndStaysReadyWhileRedisIsDown() {
        stopRedis();
        GraphQL.query("{ gatewayInfo { simulator cache { available } } organization { name } }")
                .body("errors", nullValue())
                .body("data.gatewayInfo.cache.available", equalTo(false))
                .body("data.organization.name", notNullValue());
        given().get("/q/health/ready").then().statusCode(200)
                .body("status", equalTo("UP"))
                .body("checks.data.cache", hasItem("degraded"));
        given().get("/q/metrics").then().statusCode(200)
                .body(Matchers.containsString("gateway_cache_available 0.0"));
    }

    @Test
    void analyticsFailOpenWhileRedisIsDown() {
        stopRedis();
        Instant today = Instant.now().truncatedTo(ChronoUnit.DAYS);
        Map<String, Object> filter = Map.of("interval", Map.of("start", today.minusSeconds(86_400).toString(), "end", today.toString()));
        String query = "query($f: ConversationFilterInput!) { conversations(filter: $f, first: 5) { totalCount cache { hit } } }";
        for (int i = 0; i < 2; i++) {
            GraphQL.query(query, Map.of("f", filter))
                    .body("errors", nullValue())
                    .body("data.conversations.cache.hit", equalTo(false));
        }
        String metrics = given().get("/q/metrics").then().extract().asString();
        Assertions.assertThat(metrics).containsPattern("gateway_analytics_cache_errors_total [1-9]");
    }

    @Test
    void dataActionsWithAnIdempotencyKeyRunWithoutTheGuaranteeWhileRedisIsDown() throws Exception {
        stopRedis();
        try (RemoteServiceAccess remote = new RemoteServiceAccess()) {
            String actionId = remote.createEchoAction();
            GraphQL.query("""
                    mutation($id: ID!) { executeDataAction(actionId: $id, input: {a: 1}, idempotencyKey: "k-1") { output idempotency } }""",
                    Map.of("id", actionId))
                    .body("errors", nullValue())
                    .body("data.executeDataAction.idempotency", equalTo("UNAVAILABLE"))
                    .body("data.executeDataAction.output.a", equalTo(1));
        }
        String metrics = given().get("/q/metrics").then().extract().asString();
        Assertions.assertThat(metrics).containsPattern("gateway_actions_idempotency_unavailable_total [1-9]");
        // The action ran; its dataAction.executed webhook event could not be queued, and says so.
        Assertions.assertThat(metrics).containsPattern("gateway_webhooks_events_dropped_total [1-9]");
    }

    @Test
    void recordReadsWorkButWritesRefuseWithoutTheLockStore() {
        stopRedis();
        String inventory = GraphQL.query("{ recordTables { id name } }").body("errors", nullValue()).extract()
                .path("data.recordTables.find { it.name == 'InventoryItem' }.id");
        int version = GraphQL.query("query($t: ID!) { record(tableId: $t, key: \"AB-1000\") { version } }", Map.of("t", inventory))
                .body("errors", nullValue()).extract().path("data.record.version");
        GraphQL.query("mutation($in: UpdateRecordInput!) { updateRecord(input: $in) { version } }",
                Map.of("in", Map.of("tableId", inventory, "key", "AB-1000", "expectedVersion", version,
                        "fields", Map.of("quantity", 1, "price", 1, "status", "available", "warehouseLocation", "DUB-A1"))))
                .body("errors[0].extensions.code", equalTo("UPSTREAM_UNAVAILABLE"))
                .body("errors[0].message", Matchers.containsString("nothing was written"));
    }

    @Test
    void transitionsFailClosedAndWebhooksCannotBeRegisteredButChangesStillHappen() {
        stopRedis();
        var conversation = Simulator.createConversation(null, null, "connected");
        long commands = Simulator.callsMatching("PATCH|POST", "/api/v2/conversations/.*");
        GraphQL.query("mutation($in: TransitionInput!) { transitionConversation(input: $in) { accepted } }",
                Map.of("in", Map.of("conversationId", conversation.getString("id"),
                        "participantId", conversation.getString("participants[2].id"), "action", "HOLD")))
                .body("errors[0].extensions.code", equalTo("UPSTREAM_UNAVAILABLE"))
                .body("errors[0].message", Matchers.containsString("nothing was sent"));
        Assertions.assertThat(Simulator.callsMatching("PATCH|POST", "/api/v2/conversations/.*"))
                .isEqualTo(commands);
        GraphQL.query("mutation($in: RegisterWebhookInput!) { registerWebhook(input: $in) { id } }",
                Map.of("in", Map.of("name", "no-redis", "url", "https://example.com/hook", "events", List.of("record.updated"),
                        "secret", "whsec-0123456789abcdef")))
                .body("errors[0].extensions.code", equalTo("UPSTREAM_UNAVAILABLE"));
    }

    @Test
    void cacheIsAvailableAgainWhenRedisReturns() throws Exception {
        stopRedis();
        GraphQL.query("{ gatewayInfo { cache { available } } }").body("data.gatewayInfo.cache.available", equalTo(false));
        restarted.add(EmbeddedRedisServer.start(redisPort()));
        Awaitility.await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> GraphQL
                .query("{ gatewayInfo { cache { available } } }").body("data.gatewayInfo.cache.available", equalTo(true)));
        given().get("/q/health/ready").then().statusCode(200).body("checks.data.cache", hasItem("available"));
    }
}
