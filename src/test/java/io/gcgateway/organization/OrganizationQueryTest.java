package io.gcgateway.organization;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.containsString;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.gcgateway.GraphQL;
import io.gcgateway.Simulator;
import io.gcgateway.simulator.control.FaultRule;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.faulttolerance.api.CircuitBreakerMaintenance;
import io.smallrye.faulttolerance.api.CircuitBreakerState;

/** {@code Query.organization} against the simulator, including every upstream failure mode. */
@QuarkusTest
class OrganizationQueryTest {
    private static final String ORG_PATH = "/api/v2/organizations/me";
    private static final String QUERY = "{ organization { id name domain state } }";

    @BeforeEach
    void reset() {
        Simulator.resetWithCircuitBreakers();
    }

    @Test
    void returnsTheSeededOrganization() {
        GraphQL.query(QUERY)
                .body("errors", nullValue())
                .body("data.organization.id", matchesPattern("[0-9a-f-]{36}"))
                .body("data.organization.name", notNullValue())
                .body("data.organization.state", equalTo("active"));
        assertThat(Simulator.calls("GET", ORG_PATH)).isEqualTo(1);
    }

    @Test
    void notFoundBecomesNotFoundWithContextId() {
        Simulator.inject(FaultRule.status("GET", ORG_PATH, 1, 404));
        GraphQL.query(QUERY)
                .body("data", nullValue())
                .body("errors[0].extensions.code", equalTo("NOT_FOUND"))
                .body("errors[0].extensions.contextId", matchesPattern("[0-9a-f-]{36}"))
                .body("errors[0].message", not(containsString("127.0.0.1")))
                .body("errors[0].extensions.exception", nullValue());
        // 404 is an answer, not a transient failure: never retried.
        assertThat(Simulator.calls("GET", ORG_PATH)).isEqualTo(1);
    }

    @Test
    void rateLimitedCallIsRetriedAfterRetryAfter() {
        Simulator.inject(FaultRule.rateLimited("GET", ORG_PATH, 1, 1));
        long start = System.nanoTime();
        GraphQL.query(QUERY)
                .body("errors", nullValue())
                .body("data.organization.name", notNullValue());
        long elapsedMillis = (System.nanoTime() - start) / 1_000_000;
        assertThat(elapsedMillis).isGreaterThanOrEqualTo(1000);
        assertThat(Simulator.calls("GET", ORG_PATH)).isEqualTo(2);
    }

    @Test
    void retryAfterBeyondWhatWeWaitIsReturnedAsRateLimited() {
        Simulator.inject(FaultRule.rateLimited("GET", ORG_PATH, 1, 30));
        GraphQL.query(QUERY)
                .body("errors[0].extensions.code", equalTo("RATE_LIMITED"))
                .body("errors[0].extensions.retryAfterSeconds", equalTo(30));
        assertThat(Simulator.calls("GET", ORG_PATH)).isEqualTo(1);
    }

    @Test
    void transient503IsRetried() {
        Simulator.inject(FaultRule.status("GET", ORG_PATH, 2, 503));
        GraphQL.query(QUERY).body("errors", nullValue()).body("data.organization.name", notNullValue());
        assertThat(Simulator.calls("GET", ORG_PATH)).isEqualTo(3);
    }

    @Test
    void droppedConnectionOnAReadIsRetried() {
        Simulator.inject(FaultRule.drop("GET", ORG_PATH, 1));
        GraphQL.query(QUERY).body("errors", nullValue()).body("data.organization.name", notNullValue());
        assertThat(Simulator.calls("GET", ORG_PATH)).isEqualTo(2);
    }

    @Test
    void serviceUnavailableStormOpensTheCircuit() {
        Simulator.inject(FaultRule.status("GET", ORG_PATH, 1000, 503));
        // Each query makes 1 + 3 attempts; with a volume threshold of 8 the circuit opens during the second.
        for (int i = 0; i < 3; i++) {
            GraphQL.query(QUERY).body("errors[0].extensions.code", equalTo("UPSTREAM_UNAVAILABLE"));
        }
        assertThat(CircuitBreakerMaintenance.get().currentState("genesys-organization"))
                .isEqualTo(CircuitBreakerState.OPEN);
        long callsBefore = Simulator.calls("GET", ORG_PATH);

        long start = System.nanoTime();
        GraphQL.query(QUERY)
                .body("errors[0].extensions.code", equalTo("UPSTREAM_UNAVAILABLE"))
                .body("errors[0].message", containsString("circuit open"));
        assertThat((System.nanoTime() - start) / 1_000_000).isLessThan(500);
        assertThat(Simulator.calls("GET", ORG_PATH)).isEqualTo(callsBefore);
    }

    @Test
    void slowUpstreamTimesOut() {
        Simulator.inject(FaultRule.delay("GET", ORG_PATH, 1, 5000));
        long start = System.nanoTime();
        GraphQL.query(QUERY)
                .body("data", nullValue())
                .body("errors[0].extensions.code", equalTo("UPSTREAM_TIMEOUT"));
        // The per-attempt budget is 2 s in tests; a timeout is not retried.
        assertThat((System.nanoTime() - start) / 1_000_000).isBetween(1900L, 4500L);
        assertThat(Simulator.calls("GET", ORG_PATH)).isEqualTo(1);
    }

    @Test
    void serverErrorIsNotRetriedAndSaysUpstreamError() {
        Simulator.inject(FaultRule.status("GET", ORG_PATH, 1, 500));
        GraphQL.query(QUERY).body("errors[0].extensions.code", is("UPSTREAM_ERROR"));
        assertThat(Simulator.calls("GET", ORG_PATH)).isEqualTo(1);
    }
}
