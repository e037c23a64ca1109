package io.gcgateway.cache;

import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import io.gcgateway.GraphQL;
import io.gcgateway.RedisTestResource;
import io.gcgateway.Simulator;
import io.gcgateway.simulator.control.FaultRule;
import io.quarkus.redis.client.RedisClientName;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.RestAssured;
import jakarta.inject.Inject;

/**
 * The two Redis roles on two servers: the analytics cache lives in the cache Redis only, and when that server goes
 * away record writes (state Redis) go on while analytics answers uncached.
 */
@QuarkusTest
@TestProfile(SeparateRedisRolesTest.TwoServers.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SeparateRedisRolesTest {
    static EmbeddedRedisServer cacheServer;

    public static class TwoServers implements QuarkusTestProfile {
        @Override
        public List<TestResourceEntry> testResources() {
            return List.of(new TestResourceEntry(CacheServer.class));
        }
    }

    /** A second redis-server for the cache role; the state role keeps the tests' usual one. */
    public static class CacheServer implements QuarkusTestResourceLifecycleManager {
        @Override
        public Map<String, String> start() {
            try {
                cacheServer = EmbeddedRedisServer.start(RedisTestResource.freePort());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return Map.of("quarkus.redis.cache.hosts", "redis://127.0.0.1:" + cacheServer.port());
        }

        @Override
        public void stop() {
            if (cacheServer != null) {
                cacheServer.close();
        await().atMost(Duration.ofSeconds(10)).until(() -> !EmbeddedRedisServer.listening(cacheServer.port()));
            }
        }
    }

    @Inject
    @RedisClientName(RedisRoles.CACHE)
    ReactiveRedisDataSource cacheRedis;

    @Test
    @Order(1)
    void aFailedFetchReleasesItsLockInTheCacheRedis() {
        // The analytics lock lives with its entry, in the cache Redis; its release once went to the state Redis, so
        // other replicas waited out the whole lease after a failed fetch.
        Instant today = Instant.now().truncatedTo(ChronoUnit.DAYS);
        Map<String, Object> filter = Map.of("interval", Map.of("start", today.minus(9, ChronoUnit.DAYS).toString(),
                "end", today.minus(8, ChronoUnit.DAYS).toString()));
        Simulator.resetWithCircuitBreakers();
        Simulator.inject(FaultRule.status("POST", "/api/v2/analytics/conversations/details/query", 1, 400));
        GraphQL.query("query($f: ConversationFilterInput!) { conversations(filter: $f, first: 5) { totalCount } }",
                Map.of("f", filter)).body("errors[0].extensions.code", notNullValue());
        assertThat(cacheRedis.execute("KEYS", "gateway:analytics:*:lock").await().atMost(Duration.ofSeconds(5)).size())
                .as("locks left in the cache Redis").isZero();
    }

    @Test
    @Order(2)
    void losingTheCacheServerLeavesWritesAlone() {
        Instant today = Instant.now().truncatedTo(ChronoUnit.DAYS);
        Map<String, Object> filter = Map.of("interval", Map.of("start", today.minus(4, ChronoUnit.DAYS).toString(),
                "end", today.minus(3, ChronoUnit.DAYS).toString()));
        String query = "query($f: ConversationFilterInput!) { conversations(filter: $f, first: 5) { totalCount cache { hit } } }";
        Simulator.resetWithCircuitBreakers();
        GraphQL.query(query, Map.of("f", filter)).body("errors", nullValue());
        GraphQL.query(query, Map.of("f", filter)).body("data.conversations.cache.hit", equalTo(true));

        cacheServer.close();
        await().atMost(Duration.ofSeconds(10)).until(() -> !EmbeddedRedisServer.listening(cacheServer.port()));
        // Another selection of the same page: not a response kept in memory, so it asks the (gone) cache Redis.
        String again = "query($f: ConversationFilterInput!) { conversations(filter: $f, first: 5) { cache { hit } } }";
        GraphQL.query(again, Map.of("f", filter)).body("errors", nullValue()).body("data.conversations.cache.hit", equalTo(false));
        String inventory = GraphQL.query("{ recordTables { id name } }").extract()
                .path("data.recordTables.find { it.name == 'InventoryItem' }.id");
        int version = GraphQL.query("query($t: ID!) { record(tableId: $t, key: \"AB-1000\") { version } }", Map.of("t", inventory))
                .extract().path("data.record.version");
        Map<String, Object> fields = Map.of("quantity", 5, "price", 2, "status", "available", "warehouseLocation", "DUB-A1");
        GraphQL.query("mutation($in: UpdateRecordInput!) { updateRecord(input: $in) { version } }",
                Map.of("in", Map.of("tableId", inventory, "key", "AB-1000", "expectedVersion", version, "fields", fields)))
                .body("errors", nullValue()).body("data.updateRecord.version", equalTo(version + 1));
        RestAssured.given().get("/q/health/ready").then().statusCode(200)
                .body("checks.data.cache", hasItem("degraded")).body("checks.data.state", hasItem("available"));
    }
}
