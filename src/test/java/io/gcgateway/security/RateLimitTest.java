package io.gcgateway.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.gcgateway.GraphQL;
import io.gcgateway.TestClients;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;

/** Per-client token bucket in Redis: a client over its limit gets RATE_LIMITED; other clients are unaffected. */
@QuarkusTest
@TestProfile(RateLimitTest.SmallBucket.class)
class RateLimitTest {

    public static class SmallBucket implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("gateway.security.rate-limit.burst", "3", "gateway.security.rate-limit.per-second", "0.5");
        }
    }

    static final String INFO = "{ gatewayInfo { version } }";

    @Test
    void aClientOverItsLimitIsRateLimitedAndOthersAreNot() {
        for (int i = 0; i < 3; i++) {
            GraphQL.as(TestClients.READER, INFO, Map.of()).body("errors", nullValue());
        }
        int retryAfter = GraphQL.as(TestClients.READER, INFO, Map.of())
                .body("data", nullValue())
                .body("errors[0].extensions.code", equalTo("RATE_LIMITED"))
                .extract().path("errors[0].extensions.retryAfterSeconds");
        assertThat(retryAfter).isBetween(1, 2);
        // Another client has its own bucket.
        GraphQL.as(TestClients.OPERATOR, INFO, Map.of()).body("errors", nullValue());
        // Unauthenticated callers are refused before any bucket is touched.
        GraphQL.as(null, INFO, Map.of()).body("errors[0].extensions.code", equalTo("UNAUTHENTICATED"));
    }

    @Test
    void answersFromTheResponseCacheTakeTokensToo() {
        String page = "query($f: ConversationFilterInput!) { conversations(filter: $f, first: 3) { edges { node { id } } } }";
        Instant today = Instant.now().truncatedTo(ChronoUnit.DAYS);
        Map<String, Object> variables = Map.of("f", Map.of("interval", Map.of(
                "start", today.minus(3, ChronoUnit.DAYS).toString(), "end", today.toString())));
        double hits = registry.get("gateway.graphql.response.cache.requests").tag("result", "hit").counter().count();
        // Run, run and keep, then answered from memory: three tokens.
        for (int i = 0; i < 3; i++) {
            GraphQL.as(TestClients.ADMIN, page, variables).body("errors", nullValue());
        }
        assertThat(registry.get("gateway.graphql.response.cache.requests").tag("result", "hit").counter().count())
                .isEqualTo(hits + 1);
        GraphQL.as(TestClients.ADMIN, page, variables).body("data", nullValue())
                .body("errors[0].extensions.code", equalTo("RATE_LIMITED"));
    }

    @Inject
    MeterRegistry registry;
}
