package io.gcgateway.analytics;

import static io.gcgateway.analytics.AnalyticsQueryTest.DETAILS;
import static io.gcgateway.analytics.AnalyticsQueryTest.filter;
import static io.gcgateway.analytics.AnalyticsQueryTest.interval;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.gcgateway.GraphQL;
import io.gcgateway.Simulator;
import io.gcgateway.cache.CacheStatus;
import io.gcgateway.cache.RedisLocks;
import io.gcgateway.genesys.GenesysEndpoints;
import io.gcgateway.simulator.control.FaultRule;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.mutiny.Uni;
import jakarta.inject.Inject;

/** The Redis cache of analytics results, with a real Redis and the simulator's journal counting upstream calls. */
@QuarkusTest
class AnalyticsCacheTest {
    private static final String QUERY = """
            query($filter: ConversationFilterInput!) {
              conversations(filter: $filter, first: 10) { totalCount edges { node { id } } cache { hit stale storedAt ttlSeconds } }
            }""";

    @Inject
    AnalyticsCache cache;
    @Inject
    ReactiveRedisDataSource redis;
    @Inject
    AnalyticsConfig config;
    @Inject
    ObjectMapper mapper;
    @Inject
    CacheStatus status;
    @Inject
    GenesysEndpoints endpoints;
    @Inject
    MeterRegistry registry;
    @Inject
    RedisLocks locks;

    private final Instant today = Instant.now().truncatedTo(ChronoUnit.DAYS);

    @BeforeEach
    void reset() {
        AnalyticsQueryTest.resetAnalytics();
    }

    @Test
    void repeatedQueryIsAHitWithItsAgeAndTtl() {
        Map<String, Object> past = filter(today.minus(3, ChronoUnit.DAYS), today.minus(2, ChronoUnit.DAYS));
        GraphQL.query(QUERY, Map.of("filter", past)).body("data.conversations.cache.hit", equalTo(false));
        GraphQL.query(QUERY, Map.of("filter", past))
                .body("data.conversations.cache.hit", equalTo(true))
                .body("data.conversations.cache.stale", equalTo(false))
                .body("data.conversations.cache.storedAt", notNullValue())
                // Wholly in the past: the long TTL (4 h).
                .body("data.conversations.cache.ttlSeconds", greaterThan(14_000));
        assertThat(Simulator.calls("POST", DETAILS)).isEqualTo(1);
    }

    @Test
    void intervalTouchingNowGetsTheShortTtl() {
        Map<String, Object> recent = filter(today, Instant.now().plus(1, ChronoUnit.HOURS));
        GraphQL.query(QUERY, Map.of("filter", recent))
                .body("data.conversations.cache.ttlSeconds", equalTo((int) config.cache().recentTtl().toSeconds()));
    }

    @Test
    void equivalentFiltersShareOneEntry() {
        String a = "a1b2c3d4-0000-0000-0000-000000000001";
        String b = "a1b2c3d4-0000-0000-0000-000000000002";
        Map<String, Object> one = Map.of("interval", interval(today.minus(2, ChronoUnit.DAYS), today),
                "queueIds", List.of(a, b), "mediaTypes", List.of("VOICE", "CHAT"));
        Map<String, Object> same = Map.of("interval", interval(today.minus(2, ChronoUnit.DAYS), today),
                "queueIds", List.of(b, a, a), "mediaTypes", List.of("CHAT", "VOICE"), "onlyEnded", false);
        GraphQL.query(QUERY, Map.of("filter", one)).body("errors", nullValue());
        GraphQL.query(QUERY, Map.of("filter", same)).body("data.conversations.cache.hit", equalTo(true));
        assertThat(Simulator.calls("POST", DETAILS)).isEqualTo(1);
    }

    @Test
    void hundredIdenticalConcurrentQueriesMakeOneUpstreamCall() throws Exception {
        // Warm up (another key), then slow the upstream so that all 100 overlap even on a busy 2-core machine.
        GraphQL.query(QUERY, Map.of("filter", filter(today.minus(12, ChronoUnit.DAYS), today.minus(11, ChronoUnit.DAYS))));
        Simulator.reset();
        Simulator.inject(FaultRule.delay("POST", DETAILS, 1, 1000));
        double redisErrorsBefore = registry.counter("gateway.analytics.cache.errors").count();
        // Ends a day ago: an interval ending at midnight would count as recent (short TTL) for ten minutes a day.
        Map<String, Object> variables = Map.of("filter", filter(today.minus(6, ChronoUnit.DAYS), today.minus(1, ChronoUnit.DAYS)));
        ExecutorService pool = Executors.newFixedThreadPool(100);
        try {
            List<Callable<String>> calls = new ArrayList<>();
            for (int i = 0; i < 100; i++) {
                calls.add(() -> GraphQL.query(QUERY, variables).extract().path("data.conversations.edges[0].node.id"));
            }
            List<String> firstIds = new ArrayList<>();
            for (Future<String> result : pool.invokeAll(calls)) {
                firstIds.add(result.get());
            }
            assertThat(firstIds).doesNotContainNull().containsOnly(firstIds.get(0));
        } finally {
            pool.shutdown();
        }
        // Should this ever fail: Redis calls that failed or were late make the cache fail open (by design), and
        // then a late caller fetches on its own; the description says whether that happened.
        assertThat(Simulator.calls("POST", DETAILS))
                .as("upstream calls (Redis errors during the burst: %s)",
                        registry.counter("gateway.analytics.cache.errors").count() - redisErrorsBefore)
                .isEqualTo(1);
    }

    @Test
    void twoGatewayInstancesSharingRedisMakeOneUpstreamCall() throws Exception {
        // A second cache instance over the same Redis behaves as another gateway replica would.
        AnalyticsCache otherInstance = new AnalyticsCache(redis, config, mapper, status, endpoints, locks, registry);
        AtomicInteger upstreamCalls = new AtomicInteger();
        Map<String, String> request = Map.of("interval", "cross-instance-" + System.nanoTime());
        Supplier<Uni<String>> slowUpstream = () -> Uni.createFrom().item(() -> "value-" + upstreamCalls.incrementAndGet())
                .onItem().delayIt().by(Duration.ofMillis(300));

        Uni<AnalyticsCache.Result<String>> here = cache.get("test", request, String.class, Duration.ofMinutes(1), slowUpstream);
        Uni<AnalyticsCache.Result<String>> there = otherInstance.get("test", request, String.class, Duration.ofMinutes(1), slowUpstream);
        var both = Uni.combine().all().unis(here, there).asTuple().await().atMost(Duration.ofSeconds(10));

        assertThat(upstreamCalls.get()).isEqualTo(1);
        assertThat(both.getItem1().value()).isEqualTo(both.getItem2().value()).isEqualTo("value-1");
        assertThat(both.getItem1().info().hit() || both.getItem2().info().hit()).isTrue();
    }

    @Test
    void aReplicaWaitingForAnotherFetchesItselfOnceThatFetchFails() {
        // Without this, a Genesys failure on one replica left the others waiting out the whole lock lease.
        AnalyticsCache otherInstance = new AnalyticsCache(redis, config, mapper, status, endpoints, locks, registry);
        Map<String, String> request = Map.of("interval", "failed-elsewhere-" + System.nanoTime());
        String lock = cache.key("test", request) + ":lock";
        Uni<AnalyticsCache.Result<String>> failing = cache.get("test", request, String.class, Duration.ofMinutes(1),
                () -> Uni.createFrom().item("never").onItem().delayIt().by(Duration.ofMillis(300))
                        .onItem().failWith(() -> new IllegalStateException("down")));
        var failed = failing.subscribe().asCompletionStage();
        await().atMost(Duration.ofSeconds(5)).until(() -> redisGet(lock) != null);

        long started = System.nanoTime();
        var there = otherInstance.get("test", request, String.class, Duration.ofMinutes(1), () -> Uni.createFrom().item("fetched"))
                .await().atMost(config.cache().lockLease());

        assertThat(there.value()).isEqualTo("fetched");
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(config.cache().lockLease().dividedBy(2));
        assertThat(failed).failsWithin(Duration.ofSeconds(5));
    }

    @Test
    void theFetchLockIsReleasedAfterAStoreAFailureAndAStaleAnswer() {
        Map<String, String> request = Map.of("interval", "lock-release-" + System.nanoTime());
        String key = cache.key("test", request);
        String lock = key + ":lock";

        // Stored: the entry is there and the lock went with the store.
        cache.get("test", request, String.class, Duration.ofMillis(200), () -> Uni.createFrom().item("stored"))
                .await().atMost(Duration.ofSeconds(5));
        assertThat(redisGet(key)).endsWith(":\"stored\"");
        assertThat(redisGet(lock)).isNull();

        // Once the entry is past its freshness: a failing upstream with the stale entry to serve, then one without.
        await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(50)).until(() -> cache.get("test", request,
                String.class, Duration.ofMillis(200), () -> Uni.createFrom().<String> failure(new IllegalStateException("down")))
                .await().atMost(Duration.ofSeconds(5)).info().stale());
        assertThat(redisGet(lock)).isNull();
        Map<String, String> never = Map.of("interval", "lock-release-failed-" + System.nanoTime());
        Uni<AnalyticsCache.Result<String>> failing = cache.get("test", never, String.class, Duration.ofMinutes(1),
                () -> Uni.createFrom().failure(new IllegalStateException("down")));
        assertThatThrownBy(() -> failing.await().atMost(Duration.ofSeconds(5)))
                .hasMessageContaining("down");
        assertThat(redisGet(cache.key("test", never) + ":lock")).isNull();
    }

    @Test
    void anEntryThatGoesStaleDuringItsLookupIsServedNotWaitedFor() {
        // Redis judges freshness when the lookup runs, the gateway a moment later; an entry expiring in between was
        // once taken for "another replica is fetching", and its caller waited out a lock lease that nobody held.
        // Each entry here expires a few milliseconds ahead, and its lookup starts in the last millisecond before
        // that, at a different point inside it each time (50 µs steps), so some lookups straddle the expiry.
        int served = 0;
        for (int i = 0; i < 200; i++) {
            Map<String, String> request = Map.of("interval", "boundary-" + i + "-" + System.nanoTime());
            long freshUntil = System.currentTimeMillis() + 5;
            redis.value(String.class).set(cache.key("test", request), (freshUntil - 1000) + ":" + freshUntil + ":\"stored\"")
                    .await().atMost(Duration.ofSeconds(5));
            while (System.currentTimeMillis() < freshUntil - 1) {
                Thread.onSpinWait();
            }
            long started = System.nanoTime();
            while (System.nanoTime() - started < (i % 20) * 50_000L) {
                Thread.onSpinWait();
            }
            var result = cache.get("test", request, String.class, Duration.ofMinutes(1), () -> Uni.createFrom().item("fetched"))
                    .await().atMost(Duration.ofSeconds(2));
            served += result.value().equals("stored") ? 1 : 0;
        }
        assertThat(served).as("lookups that found the entry still fresh (the setup reaches the boundary)").isPositive();
    }

    @Test
    void anEntryThisVersionCannotReadIsFetchedAgainAtOnce() {
        Map<String, String> request = Map.of("interval", "unreadable-" + System.nanoTime());
        String key = cache.key("test", request);
        long now = System.currentTimeMillis();
        // Fresh by its header, but not JSON of the requested type (as an entry of an incompatible version would be).
        redis.value(String.class).set(key, now + ":" + (now + 60_000) + ":{not json").await().atMost(Duration.ofSeconds(5));

        long started = System.nanoTime();
        var result = cache.get("test", request, String.class, Duration.ofMinutes(1), () -> Uni.createFrom().item("fresh"))
                .await().atMost(Duration.ofSeconds(10));

        assertThat(result.value()).isEqualTo("fresh");
        assertThat(result.info().hit()).isFalse();
        // Not after waiting out another replica's lock lease: nobody holds one.
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(config.cache().lockLease());
        assertThat(redisGet(key)).endsWith(":\"fresh\"");
    }

    /** The freshness end of the one analytics entry in Redis ("storedAt:freshUntil:json"). */
    private long freshUntilOfTheOnlyEntry() {
        List<String> keys = redis.key().keys(AnalyticsCache.PREFIX + "*").await().atMost(Duration.ofSeconds(5)).stream()
                .filter(key -> !key.endsWith(":lock")).toList();
        assertThat(keys).hasSize(1);
        return Long.parseLong(redisGet(keys.get(0)).split(":", 3)[1]);
    }

    private String redisGet(String key) {
        return redis.value(String.class).get(key).await().atMost(Duration.ofSeconds(5));
    }

    @Test
    void staleEntryIsServedWhenGenesysFails() throws Exception {
        Map<String, Object> recent = filter(today, Instant.now().plus(1, ChronoUnit.HOURS));
        String firstId = GraphQL.query(QUERY, Map.of("filter", recent)).body("errors", nullValue()).extract()
                .path("data.conversations.edges[0].node.id");
        long freshUntil = freshUntilOfTheOnlyEntry();
        await().atMost(config.cache().recentTtl().plusSeconds(5)).until(() -> System.currentTimeMillis() > freshUntil);
        Simulator.inject(FaultRule.status("POST", DETAILS, 20, 503));

        GraphQL.query(QUERY, Map.of("filter", recent))
                .body("errors", nullValue())
                .body("data.conversations.edges[0].node.id", equalTo(firstId))
                .body("data.conversations.cache.stale", equalTo(true))
                .body("data.conversations.cache.hit", equalTo(false));
        assertThat(Simulator.calls("POST", DETAILS)).isGreaterThan(1);
    }

    @Test
    void withoutAStaleEntryTheUpstreamErrorIsReported() {
        Simulator.inject(FaultRule.status("POST", DETAILS, 20, 503));
        GraphQL.query(QUERY, Map.of("filter", filter(today.minus(9, ChronoUnit.DAYS), today.minus(8, ChronoUnit.DAYS))))
                .body("errors[0].extensions.code", equalTo("UPSTREAM_UNAVAILABLE"));
    }

    @Test
    void invalidationEmptiesTheCache() {
        Map<String, Object> past = filter(today.minus(4, ChronoUnit.DAYS), today.minus(3, ChronoUnit.DAYS));
        GraphQL.query(QUERY, Map.of("filter", past)).body("errors", nullValue());
        GraphQL.query("mutation { invalidateAnalyticsCache }").body("data.invalidateAnalyticsCache", equalTo(1));
        GraphQL.query(QUERY, Map.of("filter", past)).body("data.conversations.cache.hit", equalTo(false));
        assertThat(Simulator.calls("POST", DETAILS)).isEqualTo(2);
    }

    @Test
    void cacheOutcomesAreCounted() {
        Map<String, Object> past = filter(today.minus(6, ChronoUnit.DAYS), today.minus(5, ChronoUnit.DAYS));
        GraphQL.query(QUERY, Map.of("filter", past));
        GraphQL.query(QUERY, Map.of("filter", past));
        String metrics = given().get("/q/metrics").then().statusCode(200).extract().asString();
        assertThat(metrics).containsPattern("gateway_analytics_cache_requests_total\\{[^}]*result=\"hit\"[^}]*} [1-9]")
                .containsPattern("gateway_analytics_cache_requests_total\\{[^}]*result=\"miss\"[^}]*} [1-9]")
                .containsPattern("gateway_analytics_upstream_calls_saved_total [1-9]")
                .contains("gateway_analytics_cache_errors_total");
    }
}
