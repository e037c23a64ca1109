package io.gcgateway.analytics;

import static io.gcgateway.analytics.AnalyticsQueryTest.AGGREGATES;
import static io.gcgateway.analytics.AnalyticsQueryTest.DETAILS;
import static io.gcgateway.analytics.AnalyticsQueryTest.filter;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.gcgateway.GraphQL;
import io.gcgateway.Simulator;
import io.gcgateway.TestClients;
import io.gcgateway.simulator.control.FaultRule;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;
import jakarta.inject.Inject;

/**
 * The response cache in front of the Redis analytics cache: a repeated analytics query is answered from the
 * gateway's memory, byte for byte as the engine answers it, to callers who pass the same checks, and never when the
 * answer would differ (errors, per-request cache details, other operations, invalidation).
 */
@QuarkusTest
class AnalyticsResponseCacheTest {
    private static final String PAGE = """
            query($filter: ConversationFilterInput!) {
              conversations(filter: $filter, first: 5) { totalCount edges { cursor node { id start mediaType queueIds } } }
            }""";
    private static final String WITH_CACHE_INFO = """
            query($filter: ConversationFilterInput!) {
              conversations(filter: $filter, first: 5) { edges { node { id } } cache { hit stale storedAt } }
            }""";
    private static final String WITH_TTL = """
            query($filter: ConversationFilterInput!) {
              conversations(filter: $filter, first: 5) { edges { node { id } } cache { ttlSeconds } }
            }""";
    private static final String SERIES = """
            query($filter: ConversationFilterInput!) {
              conversationTimeSeries(filter: $filter, granularity: "P1D") { metric points { start count } }
            }""";

    @Inject
    MeterRegistry registry;
    @Inject
    RedisDataSource redis;

    private final Instant today = Instant.now().truncatedTo(ChronoUnit.DAYS);

    @BeforeEach
    void reset() {
        AnalyticsQueryTest.resetAnalytics();
    }

    @Test
    void aRepeatedQueryIsAnsweredFromMemoryExactlyAsTheEngineAnswersIt() {
        Map<String, Object> variables = Map.of("filter", filter(today.minus(4, ChronoUnit.DAYS), today.minus(3, ChronoUnit.DAYS)));
        double hits = count("hit");
        double analyticsHits = counter("gateway.analytics.cache.requests", "hit").count();

        double stored = count("stored");
        ExtractableResponse<Response> engine = post(TestClients.READER, PAGE, variables);
        // Kept the second time it is produced: a query seen once is usually never repeated.
        assertThat(count("stored")).isEqualTo(stored);
        assertThat(post(TestClients.READER, PAGE, variables).asString()).isEqualTo(engine.asString());
        assertThat(count("stored")).isEqualTo(stored + 1);
        assertThat(count("hit")).isEqualTo(hits);
        ExtractableResponse<Response> memory = post(TestClients.READER, PAGE, variables);

        assertThat(count("hit")).isEqualTo(hits + 1);
        assertThat(memory.asString()).isEqualTo(engine.asString());
        for (String header : new String[] { "Content-Type", "Cache-Control", "X-Content-Type-Options", "X-Frame-Options" }) {
            assertThat(memory.header(header)).as(header).isNotNull().isEqualTo(engine.header(header));
        }
        // Counted as analytics cache hits (one from Redis, one from memory), and Genesys was asked once.
        assertThat(counter("gateway.analytics.cache.requests", "hit").count()).isEqualTo(analyticsHits + 2);
        assertThat(Simulator.calls("POST", DETAILS)).isEqualTo(1);

        // The time series are kept the same way.
        post(TestClients.READER, SERIES, variables);
        post(TestClients.READER, SERIES, variables);
        String again = post(TestClients.READER, SERIES, variables).asString();
        assertThat(count("hit")).isEqualTo(hits + 2);
        assertThat(again).contains("\"N_OFFERED\"");
        assertThat(Simulator.calls("POST", AGGREGATES)).isEqualTo(1);
    }

    @Test
    void oneKeptResponseServesManyConcurrentCallersIntact() throws Exception {
        Map<String, Object> variables = Map.of("filter", filter(today.minus(17, ChronoUnit.DAYS), today.minus(16, ChronoUnit.DAYS)));
        String engine = post(TestClients.READER, PAGE, variables).asString();
        post(TestClients.READER, PAGE, variables);
        double hits = count("hit");
        ExecutorService pool = Executors.newFixedThreadPool(16);
        try {
            List<Callable<String>> calls = new ArrayList<>();
            for (int i = 0; i < 64; i++) {
                String caller = i % 2 == 0 ? TestClients.READER : TestClients.OPERATOR;
                calls.add(() -> post(caller, PAGE, variables).asString());
            }
            for (Future<String> body : pool.invokeAll(calls)) {
                assertThat(body.get()).isEqualTo(engine);
            }
        } finally {
            pool.shutdown();
        }
        assertThat(count("hit")).isEqualTo(hits + 64);
        assertThat(Simulator.calls("POST", DETAILS)).isEqualTo(1);
    }

    @Test
    void aKeptResponseStillNeedsCredentialsAndTheRole() {
        Map<String, Object> variables = Map.of("filter", filter(today.minus(6, ChronoUnit.DAYS), today.minus(5, ChronoUnit.DAYS)));
        post(TestClients.READER, PAGE, variables);
        post(TestClients.READER, PAGE, variables);
        double hits = count("hit");

        GraphQL.as(null, PAGE, variables).body("data", nullValue())
                .body("errors[0].extensions.code", equalTo("UNAUTHENTICATED"));
        given().contentType(ContentType.JSON).header(TestClients.API_KEY_HEADER, "not-a-key")
                .body(Map.of("query", PAGE, "variables", variables)).post("/graphql")
                .then().statusCode(401).body("errors[0].extensions.code", equalTo("UNAUTHENTICATED"));
        GraphQL.withBearer(TestClients.jwt("someone", List.of("no-such-role")), PAGE, variables)
                .body("errors[0].extensions.code", equalTo("FORBIDDEN"));
        // A JWT reader passes the same checks as an API key reader.
        GraphQL.withBearer(TestClients.jwt("dashboard", List.of("reader")), PAGE, variables).body("errors", nullValue());
        assertThat(count("hit")).isEqualTo(hits + 1);
    }

    @Test
    void cacheDetailsAreKeptOnlyWhileTheyAreTheSameForEveryRequest() {
        Map<String, Object> variables = Map.of("filter", filter(today.minus(9, ChronoUnit.DAYS), today.minus(8, ChronoUnit.DAYS)));
        double stored = count("stored");
        // First fetch from Genesys: "hit: false" must not be served again.
        GraphQL.query(WITH_CACHE_INFO, variables).body("data.conversations.cache.hit", equalTo(false));
        assertThat(count("stored")).isEqualTo(stored);
        // A Redis hit describes the entry, and the entry does not change until it expires: kept (the second time).
        GraphQL.query(WITH_CACHE_INFO, variables).body("data.conversations.cache.hit", equalTo(true));
        GraphQL.query(WITH_CACHE_INFO, variables).body("data.conversations.cache.hit", equalTo(true));
        assertThat(count("stored")).isEqualTo(stored + 1);
        double hits = count("hit");
        GraphQL.query(WITH_CACHE_INFO, variables).body("data.conversations.cache.hit", equalTo(true));
        assertThat(count("hit")).isEqualTo(hits + 1);

        // ttlSeconds differs from one second to the next: never kept.
        for (int i = 0; i < 3; i++) {
            GraphQL.query(WITH_TTL, variables).body("errors", nullValue());
        }
        assertThat(count("stored")).isEqualTo(stored + 1);
    }

    @Test
    void errorsStaleResultsAndOtherOperationsAreNotKept() {
        double stored = count("stored");
        Map<String, Object> variables = Map.of("filter", filter(today.minus(11, ChronoUnit.DAYS), today.minus(10, ChronoUnit.DAYS)));
        // Another operation alongside: its answer is not the analytics cache's to give.
        String mixed = PAGE.replace("conversations(filter", "gatewayInfo { version } conversations(filter");
        // An error (end before start).
        Map<String, Object> backwards = Map.of("filter", filter(today, today.minus(1, ChronoUnit.DAYS)));
        for (int i = 0; i < 3; i++) {
            GraphQL.query(mixed, variables).body("errors", nullValue());
            GraphQL.query(PAGE, backwards).body("errors[0].extensions.code", equalTo("VALIDATION_FAILED"));
        }
        // A stale entry served because Genesys fails: the next request must ask Genesys again.
        Map<String, Object> staleVariables = Map.of("filter", filter(today.minus(13, ChronoUnit.DAYS), today.minus(12, ChronoUnit.DAYS)));
        GraphQL.query(WITH_TTL, staleVariables).body("errors", nullValue());
        expireAnalyticsEntries();
        Simulator.inject(FaultRule.status("POST", DETAILS, 1000, 503));
        for (int i = 0; i < 3; i++) {
            GraphQL.query(PAGE.replace("cursor node", "node"), staleVariables).body("errors", nullValue());
        }
        assertThat(count("stored")).isEqualTo(stored);
    }

    @Test
    void invalidationEmptiesTheResponsesOfThisAndOtherReplicas() {
        Map<String, Object> variables = Map.of("filter", filter(today.minus(15, ChronoUnit.DAYS), today.minus(14, ChronoUnit.DAYS)));
        double stored = count("stored");
        post(TestClients.READER, PAGE, variables);
        post(TestClients.READER, PAGE, variables);
        assertThat(count("stored")).isEqualTo(stored + 1);
        GraphQL.query("mutation { invalidateAnalyticsCache }").body("errors", nullValue());
        double hits = count("hit");
        post(TestClients.READER, PAGE, variables);
        assertThat(count("hit")).isEqualTo(hits);
        assertThat(Simulator.calls("POST", DETAILS)).isEqualTo(2);

        // Another replica's invalidation: a new generation number in Redis, announced on the channel.
        post(TestClients.READER, PAGE, variables);
        post(TestClients.READER, PAGE, variables);
        assertThat(count("hit")).isEqualTo(hits + 1);
        long generation = redis.value(Long.class).incr("gateway:responses:v1:generation");
        redis.pubsub(String.class).publish("gateway:responses:v1:invalidated", String.valueOf(generation));
        await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(100)).untilAsserted(() -> {
            double before = count("hit");
            post(TestClients.READER, PAGE, variables);
            assertThat(count("hit")).isEqualTo(before);
        });
    }

    @Test
    void aResponseThatWasRunningDuringAnInvalidationIsNotKept() throws Exception {
        Map<String, Object> variables = Map.of("filter", filter(today.minus(19, ChronoUnit.DAYS), today.minus(18, ChronoUnit.DAYS)));
        String both = """
                query($filter: ConversationFilterInput!) {
                  conversations(filter: $filter, first: 5) { edges { node { id } } }
                  conversationTimeSeries(filter: $filter, granularity: "P1D") { metric points { count } }
                }""";
        post(TestClients.READER, both, variables);
        // Next run: the page comes from Redis at once, the series from a slow Genesys (its entry is gone).
        for (String key : redis.key().keys(AnalyticsCache.PREFIX + "aggregates:*")) {
            redis.key().del(key);
        }
        Simulator.inject(FaultRule.delay("POST", AGGREGATES, 1, 1500));
        double stored = count("stored");
        // Two runs (a first and a second sight), both waiting for the same series call.
        CompletableFuture<String> first = CompletableFuture
                .supplyAsync(() -> post(TestClients.READER, both, variables).asString());
        CompletableFuture<String> second = CompletableFuture
                .supplyAsync(() -> post(TestClients.READER, both, variables).asString());
        // Both runs are inside the series call (the simulator holds it 1.5 s), so both have read the page already.
        await().atMost(Duration.ofSeconds(5)).until(() -> Simulator.calls("POST", AGGREGATES) == 2);
        // Invalidated while both runs still hold the page they read before.
        GraphQL.query("mutation { invalidateAnalyticsCache }").body("errors", nullValue());
        assertThat(first.get(10, TimeUnit.SECONDS)).doesNotContain("\"errors\"");
        assertThat(second.get(10, TimeUnit.SECONDS)).doesNotContain("\"errors\"");
        assertThat(Simulator.calls("POST", AGGREGATES)).isEqualTo(2);
        assertThat(count("stored")).isEqualTo(stored);
    }

    private static ExtractableResponse<Response> post(String apiKey, String document, Map<String, Object> variables) {
        return GraphQL.as(apiKey, document, variables).body("errors", nullValue()).extract();
    }

    /** Moves every analytics entry past its freshness, as time would (stale entries stay for stale-if-error). */
    private void expireAnalyticsEntries() {
        for (String key : redis.key().keys(AnalyticsCache.PREFIX + "*")) {
            String entry = redis.value(String.class).get(key);
            if (entry != null && !key.endsWith(":lock")) {
                String[] parts = entry.split(":", 3);
                redis.value(String.class).set(key, parts[0] + ":" + (System.currentTimeMillis() - 1) + ":" + parts[2]);
            }
        }
    }

    private double count(String result) {
        return counter("gateway.graphql.response.cache.requests", result).count();
    }

    private Counter counter(String name, String result) {
        return registry.get(name).tag("result", result).counter();
    }
}
