package io.gcgateway.gateway;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.gcgateway.GraphQL;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;

/** gateway_graphql_requests_seconds and gateway_graphql_errors_total, by operation, with bounded labels. */
@QuarkusTest
class OperationMetricsTest {
    @Inject
    MeterRegistry registry;
    @Inject
    GatewayConfig config;
    @Inject
    AllowList allowList;

    @Test
    void eachOperationIsTimedByNameTypeAndOutcomeAndItsErrorsCountedByCode() {
        GraphQL.query("query MetricsVersion { gatewayInfo { version } }").body("errors", org.hamcrest.Matchers.nullValue());
        assertThat(timer("MetricsVersion", "query", "ok").count()).isEqualTo(1);
        assertThat(timer("MetricsVersion", "query", "ok").totalTime(java.util.concurrent.TimeUnit.NANOSECONDS)).isPositive();

        // Refused by the schema: a validation error, counted by its code under the operation's name.
        GraphQL.query("query MetricsTypo { gatewayInfo { versionn } }")
                .body("errors[0].extensions.code", equalTo("GRAPHQL_VALIDATION_FAILED"))
                // No OTLP endpoint here, so spans are not recorded; the request still has a trace id to report.
                .body("errors[0].extensions.traceId", org.hamcrest.Matchers.matchesPattern("[0-9a-f]{32}"));
        assertThat(org.eclipse.microprofile.config.ConfigProvider.getConfig()
                .getValue("quarkus.otel.traces.sampler.arg", Double.class)).as("sampling without an endpoint").isZero();
        assertThat(timer("MetricsTypo", "query", "error").count()).isEqualTo(1);
        assertThat(errors("MetricsTypo", "GRAPHQL_VALIDATION_FAILED")).isEqualTo(1);

        // Refused by a resolver: the gateway's own code.
        Instant today = Instant.now().truncatedTo(ChronoUnit.DAYS);
        GraphQL.query("query MetricsBackwards($f: ConversationFilterInput!) { conversations(filter: $f) { totalCount } }",
                Map.of("f", Map.of("interval", Map.of("start", today.toString(), "end", today.minus(1, ChronoUnit.DAYS).toString()))))
                .body("errors[0].extensions.code", equalTo("VALIDATION_FAILED"));
        assertThat(errors("MetricsBackwards", "VALIDATION_FAILED")).isEqualTo(1);

        double anonymous = count("anonymous", "mutation", "ok");
        GraphQL.query("mutation { invalidateAnalyticsCache }").body("errors", org.hamcrest.Matchers.nullValue());
        assertThat(count("anonymous", "mutation", "ok")).isEqualTo(anonymous + 1);
    }

    @Test
    void requestsRefusedAtTheFrontDoorCountUnderOther() {
        double before = registry.find("gateway.graphql.errors").tags("operation", "other", "code", "UNAUTHENTICATED")
                .counters().stream().mapToDouble(c -> c.count()).sum();
        given().contentType("application/json").body(Map.of("query", "query Anyone { gatewayInfo { version } }"))
                .post("/graphql").then().body("errors[0].extensions.code", equalTo("UNAUTHENTICATED"));
        assertThat(errors("other", "UNAUTHENTICATED")).isEqualTo(before + 1);
    }

    @Test
    void operationNamesBeyondTheLimitOrNotGraphQLNamesAreOther() {
        OperationMetrics metrics = new OperationMetrics(new SimpleMeterRegistry(), config, allowList);
        int limit = config.graphql().maxOperationNames();
        for (int i = 0; i < limit; i++) {
            assertThat(metrics.label("Operation" + i)).isEqualTo("Operation" + i);
        }
        assertThat(metrics.label("OneTooMany")).isEqualTo(OperationMetrics.OTHER);
        assertThat(metrics.label("Operation7")).as("a name already kept stays").isEqualTo("Operation7");
        assertThat(metrics.label(null)).isEqualTo(OperationMetrics.ANONYMOUS);
        assertThat(new OperationMetrics(new SimpleMeterRegistry(), config, allowList).label("x".repeat(65)))
                .isEqualTo(OperationMetrics.OTHER);
    }

    private Timer timer(String operation, String type, String outcome) {
        return registry.get("gateway.graphql.requests").tags("operation", operation, "type", type, "outcome", outcome).timer();
    }

    private double count(String operation, String type, String outcome) {
        Timer timer = registry.find("gateway.graphql.requests").tags("operation", operation, "type", type, "outcome", outcome)
                .timer();
        return timer == null ? 0 : timer.count();
    }

    private double errors(String operation, String code) {
        return registry.get("gateway.graphql.errors").tags("operation", operation, "code", code).counter().count();
    }
}
