package io.gcgateway.genesys;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.gcgateway.GraphQL;
import io.gcgateway.Simulator;
import io.gcgateway.simulator.control.FaultRule;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;

/** Token caching, single-flight refresh and the 401 path, counted in the simulator's journal. */
@QuarkusTest
class AccessTokenTest {
    @Inject
    AccessTokenProvider tokens;

    private static final String ORG_PATH = "/api/v2/organizations/me";
    private static final String QUERY = "{ organization { name } }";

    @BeforeEach
    void reset() {
        Simulator.resetWithCircuitBreakers();
        GraphQL.query(QUERY).body("errors", nullValue());
        Simulator.reset();
    }

    @Test
    void cachedTokenIsReused() {
        for (int i = 0; i < 5; i++) {
            GraphQL.query(QUERY).body("errors", nullValue());
        }
        assertThat(Simulator.tokenRequests()).isZero();
        assertThat(Simulator.calls("GET", ORG_PATH)).isEqualTo(5);
    }

    @Test
    void fiftyConcurrentRequestsAfterServerSideExpiryFetchOneToken() throws Exception {
        Simulator.expireTokens();
        assertAllSucceed(runConcurrently(50));
        assertThat(Simulator.tokenRequests()).isEqualTo(1);
    }

    @Test
    void fiftyConcurrentRequestsAfterTokenLifetimeRunsOutFetchOneToken() throws Exception {
        // A 2 s token is refreshed once 1 s remains (the margin is capped at half the lifetime).
        Simulator.settings(null, 2L);
        Simulator.expireTokens();
        GraphQL.query(QUERY).body("errors", nullValue());
        assertThat(tokens.hasFreshToken()).isTrue();
        await().atMost(Duration.ofSeconds(5)).until(() -> !tokens.hasFreshToken());
        Simulator.reset();

        assertAllSucceed(runConcurrently(50));
        assertThat(Simulator.tokenRequests()).isEqualTo(1);
        // Refreshed ahead of expiry: no request was sent with a stale token, so none was repeated.
        assertThat(Simulator.calls("GET", ORG_PATH)).isEqualTo(50);
    }

    @Test
    void unauthorizedAnswerCausesOneRefreshAndOneRetry() {
        Simulator.inject(new FaultRule("GET", ORG_PATH, 1, 401, null, 0, false, "credentials.expired", "expired"));
        GraphQL.query(QUERY).body("errors", nullValue()).body("data.organization.name", notNullValue());
        assertThat(Simulator.tokenRequests()).isEqualTo(1);
        assertThat(Simulator.calls("GET", ORG_PATH)).isEqualTo(2);
    }

    @Test
    void persistentUnauthorizedIsReportedAfterOneRetry() {
        Simulator.inject(FaultRule.status("GET", ORG_PATH, 5, 401));
        GraphQL.query(QUERY).body("errors[0].extensions.code", equalTo("UPSTREAM_AUTH_FAILED"));
        assertThat(Simulator.tokenRequests()).isEqualTo(1);
        assertThat(Simulator.calls("GET", ORG_PATH)).isEqualTo(2);
    }

    @Test
    void failingTokenEndpointIsUpstreamAuthFailed() {
        Simulator.expireTokens();
        Simulator.inject(FaultRule.status("POST", "/oauth/token", 10, 503));
        GraphQL.query(QUERY)
                .body("data", nullValue())
                .body("errors[0].extensions.code", equalTo("UPSTREAM_AUTH_FAILED"));
        // The token request is retried like any idempotent call (1 + 3 attempts), then given up.
        assertThat(Simulator.tokenRequests()).isEqualTo(4);
    }

    @Test
    void rejectedClientCredentialsAreUpstreamAuthFailed() {
        Simulator.expireTokens();
        Simulator.inject(new FaultRule("POST", "/oauth/token", 1, 401, null, 0, false, "invalid_client", "bad client"));
        GraphQL.query(QUERY).body("errors[0].extensions.code", equalTo("UPSTREAM_AUTH_FAILED"));
        assertThat(Simulator.tokenRequests()).isEqualTo(1);
    }

    private static List<Future<String>> runConcurrently(int requests) throws InterruptedException {
        ExecutorService pool = Executors.newFixedThreadPool(requests);
        try {
            List<Callable<String>> calls = new ArrayList<>();
            for (int i = 0; i < requests; i++) {
                calls.add(() -> GraphQL.query(QUERY).extract().asString());
            }
            return pool.invokeAll(calls);
        } finally {
            pool.shutdown();
        }
    }

    private static void assertAllSucceed(List<Future<String>> results) throws Exception {
        for (Future<String> result : results) {
            assertThat(result.get()).contains("\"name\"").doesNotContain("errors");
        }
    }
}
