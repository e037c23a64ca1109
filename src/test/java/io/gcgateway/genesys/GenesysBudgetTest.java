package io.gcgateway.genesys;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import java.lang.reflect.Proxy;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

import io.gcgateway.GraphQL;
import io.gcgateway.Simulator;
import io.gcgateway.cache.RedisNotices;
import io.gcgateway.errors.RateLimitedException;
import io.gcgateway.genesys.UpstreamBudget.Priority;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;

/**
 * The Genesys request budget, against a simulator that allows 30 requests a minute per token (Genesys's real limit is
 * 300; the gateway starts from its configured 300 and learns 30 from the {@code inin-ratelimit-*} headers).
 */
@QuarkusTest
@TestProfile(GenesysBudgetTest.TightGenesysLimit.class)
class GenesysBudgetTest {
    private static final String ORG_PATH = "/api/v2/organizations/me";
    private static final String QUERY = "{ organization { id name } }";

    public static class TightGenesysLimit implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("simulator.rate-limit-per-minute", "30", "genesys.budget.requests-per-minute", "300");
        }
    }

    @Inject
    ReactiveRedisDataSource redis;
    @Inject
    RedisNotices notices;

    @Test
    void sixteenClientsDoNotHammerGenesysAfterItsLimit() throws Exception {
        ExecutorService clients = Executors.newFixedThreadPool(16);
        try {
            List<CompletableFuture<String>> answers = IntStream.range(0, 120)
                    .mapToObj(i -> CompletableFuture.supplyAsync(() -> GraphQL.query(QUERY).statusCode(200)
                            .extract().asString(), clients))
                    .toList();
            int served = 0;
            int limited = 0;
            for (CompletableFuture<String> answer : answers) {
                JsonPath body = JsonPath.from(answer.get());
                if (body.get("errors") == null) {
                    served++;
                    continue;
                }
                // Every refusal is a well-formed RATE_LIMITED error that says when to come back.
                assertThat(body.getString("errors[0].extensions.code")).as(answer.get()).isEqualTo("RATE_LIMITED");
                assertThat(body.getInt("errors[0].extensions.retryAfterSeconds")).isPositive();
                limited++;
            }
            // The simulator's 30 a minute are shared with the gateway's own calls (its notification channel).
            assertThat(served).as("queries answered with data").isBetween(1, 30);
            assertThat(limited).isEqualTo(120 - served);
        } finally {
            clients.shutdown();
        }
        // At most one window's worth went to Genesys, and only a few calls met its 429.
        assertThat(Simulator.calls("GET", ORG_PATH)).isLessThanOrEqualTo(30);
        double upstream429 = given().get("/q/metrics").then().extract().asString().lines()
                .filter(line -> line.startsWith("gateway_genesys_upstream_rate_limited_total"))
                .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1))).sum();
        assertThat(upstream429).as("upstream 429s").isLessThan(10);
        // The budget is spent or paced (30 a minute: one call every 2 s): of five more queries at once, at most one
        // reaches Genesys; the others are refused without a call.
        long before = Simulator.calls("GET", ORG_PATH);
        long refused = IntStream.range(0, 5).mapToObj(i -> GraphQL.query(QUERY).extract().asString())
                .filter(answer -> answer.contains("RATE_LIMITED")).count();
        assertThat(refused).isGreaterThanOrEqualTo(4);
        assertThat(Simulator.calls("GET", ORG_PATH)).isEqualTo(before + 5 - refused);
        GraphQL.query("{ gatewayInfo { genesysBudget { allowed left } } }")
                .body("data.gatewayInfo.genesysBudget.allowed", equalTo(30));
    }

    @Test
    void backgroundCallsLeaveTheReserveToInteractiveQueries() {
        // Its own budget (another OAuth client id): 10 a minute, 20 % kept for interactive queries, one call a lease.
        UpstreamBudget budget = budgetWith(budgetConfig(10, 0.2), "reserve-" + System.nanoTime());
        for (int i = 0; i < 8; i++) {
            budget.acquire(Priority.BACKGROUND, "test").await().atMost(Duration.ofSeconds(5));
        }
        assertThat(budget.acquire(Priority.BACKGROUND, "test").subscribe().asCompletionStage())
                .failsWithin(Duration.ofSeconds(5)).withThrowableThat().havingCause().isInstanceOf(RateLimitedException.class);
        budget.acquire(Priority.INTERACTIVE, "test").await().atMost(Duration.ofSeconds(5));
        budget.acquire(Priority.INTERACTIVE, "test").await().atMost(Duration.ofSeconds(5));
        assertThat(budget.acquire(Priority.INTERACTIVE, "test").subscribe().asCompletionStage())
                .failsWithin(Duration.ofSeconds(5)).withThrowableThat().havingCause().isInstanceOf(RateLimitedException.class);
        assertThat(budget.view().used()).isEqualTo(10);
    }

    @Test
    void aRateLimitedAnswerClosesTheWindowForEveryReplica() {
        String client = "closing-" + System.nanoTime();
        UpstreamBudget here = budgetWith(budgetConfig(100, 0.2), client);
        UpstreamBudget there = budgetWith(budgetConfig(100, 0.2), client);
        there.listen(null);
        here.rateLimited("genesys-organization", Optional.of(Duration.ofSeconds(30)));
        // The other replica hears of it at once and sends nothing of that class until Retry-After has passed.
        await().atMost(Duration.ofSeconds(5)).until(() -> there.closedUntil() > System.currentTimeMillis());
        assertThat(there.acquire(Priority.INTERACTIVE, "genesys-organization").subscribe().asCompletionStage())
                .failsWithin(Duration.ofSeconds(5)).withThrowableThat().havingCause()
                .isInstanceOfSatisfying(RateLimitedException.class,
                        e -> assertThat(e.retryAfterSeconds()).isBetween(25L, 30L));
        // Other call classes still go.
        there.acquire(Priority.INTERACTIVE, "genesys-analytics").await().atMost(Duration.ofSeconds(5));
    }

    @Test
    void replicasWithTheirOwnTokensShareOneCount() {
        // Two replicas of one OAuth client: each token has its own Genesys window, and their header figures differ.
        String client = "tokens-" + System.nanoTime();
        UpstreamBudget here = budgetWith(budgetConfig(10, 0), client);
        UpstreamBudget there = budgetWith(budgetConfig(10, 0), client);
        for (int i = 0; i < 6; i++) {
            here.acquire(Priority.INTERACTIVE, "test").await().atMost(Duration.ofSeconds(5));
        }
        // The other replica's token is fresh: Genesys says 1 used, in a window ending 40 s from now. That must not
        // reset the shared count (before, it did, and two replicas then spent far more than the budget).
        there.share(10, 1, 40L).await().atMost(Duration.ofSeconds(5));
        assertThat(there.view().used()).as("Genesys's figure for its own token").isEqualTo(1);
        for (int i = 0; i < 4; i++) {
            there.acquire(Priority.INTERACTIVE, "test").await().atMost(Duration.ofSeconds(5));
        }
        assertThat(here.acquire(Priority.INTERACTIVE, "test").subscribe().asCompletionStage())
                .failsWithin(Duration.ofSeconds(5)).withThrowableThat().havingCause().isInstanceOf(RateLimitedException.class);
    }

    @Test
    void withoutRedisAReplicaKeepsTheWholeBudgetAndItsPaceOnItsOwn() {
        UpstreamBudget.LocalWindow alone = new UpstreamBudget.LocalWindow();
        // 60 a minute (one a second), 5 at once.
        for (int i = 0; i < 5; i++) {
            assertThat(alone.take(1_000, 60, 5)).isZero();
        }
        assertThat(alone.take(1_000, 60, 5)).as("the burst is spent: one more in a second").isEqualTo(1_000);
        assertThat(alone.take(2_000, 60, 5)).isZero();
        long now = 2_000;
        int taken = 6;
        while (taken < 60) {
            now += 1_000;
            assertThat(alone.take(now, 60, 5)).isZero();
            taken++;
        }
        assertThat(alone.take(now + 5_000, 60, 5)).as("the minute's 60 are used until its end").isEqualTo(61_000 - now - 5_000);
        assertThat(alone.take(61_000, 60, 5)).as("a new window").isZero();
    }

    @Test
    void theMinuteIsSpreadOverTheMinute() {
        // 600 a minute, 10 at once: a burst of 20 wanted calls gets 10, then one every 100 ms.
        UpstreamBudget budget = budgetWith(stub(GenesysConfig.Budget.class, Map.of("enabled", true,
                "requestsPerMinute", 600, "interactiveReserve", 0.0, "burst", 10, "lease", 1, "maxWait", Duration.ZERO,
                "redisTimeout", Duration.ofSeconds(2))), "pace-" + System.nanoTime());
        int granted = 0;
        for (int i = 0; i < 20; i++) {
            try {
                budget.acquire(Priority.INTERACTIVE, "test").await().atMost(Duration.ofSeconds(5));
                granted++;
            } catch (RateLimitedException refused) {
                assertThat(refused.retryAfterSeconds()).isEqualTo(1);
            }
        }
        assertThat(granted).as("the burst, and at most the few refilled while asking").isBetween(10, 12);
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> budget.acquire(Priority.INTERACTIVE, "test")
                .await().atMost(Duration.ofSeconds(5)));
    }

    private static GenesysConfig.Budget budgetConfig(int perMinute, double reserve) {
        return stub(GenesysConfig.Budget.class, Map.of("enabled", true, "requestsPerMinute", perMinute,
                "interactiveReserve", reserve, "burst", 10, "lease", 1, "maxWait", Duration.ZERO, "redisTimeout", Duration.ofSeconds(2)));
    }

    private static GenesysConfig config(GenesysConfig.Budget budget, String clientId) {
        return stub(GenesysConfig.class, Map.of("budget", budget, "region", Optional.of("mypurecloud.com"),
                "apiUrl", Optional.empty(), "loginUrl", Optional.empty(), "clientId", Optional.of(clientId),
                "clientSecret", Optional.of("secret")));
    }

    private static GenesysEndpoints endpoints(String clientId) {
        return new GenesysEndpoints(config(budgetConfig(1, 0), clientId), stub(EmbeddedSimulatorConfig.class, Map.of(
                "enabled", Optional.of(false), "baseUrl", URI.create("http://127.0.0.1:9/simulator"),
                "clientId", "x", "clientSecret", "y")));
    }

    private UpstreamBudget budgetWith(GenesysConfig.Budget budget, String client) {
        return new UpstreamBudget(config(budget, client), endpoints(client), redis, notices, new SimpleMeterRegistry());
    }

    private static <T> T stub(Class<T> type, Map<String, Object> values) {
        return type.cast(Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] { type },
                (proxy, method, args) -> values.get(method.getName())));
    }
}
