package io.gcgateway.telemetry;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.nullValue;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.gcgateway.GraphQL;
import io.gcgateway.Simulator;
import io.gcgateway.simulator.control.FaultRule;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.quarkus.arc.lookup.LookupIfProperty;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

/**
 * A span per GraphQL operation (named as the operation, with its outcome and codes), a child span per Genesys call
 * (method and route template, status, Genesys contextId) and per Redis command; the trace id in error responses.
 */
@QuarkusTest
@TestProfile(TracingTest.InMemorySpans.class)
class TracingTest {
    private static final AttributeKey<Long> STATUS = AttributeKey.longKey("http.response.status_code");

    public static class InMemorySpans implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("test.spans", "memory", "quarkus.otel.bsp.schedule.delay", "50ms",
                    "quarkus.otel.traces.sampler.arg", "1.0"); // recorded, as with an endpoint
        }
    }

    /** Keeps the spans of this test class only (other tests do not turn it on: it would keep every span of the run). */
    @ApplicationScoped
    static class Spans {
        @Produces
        @Singleton
        @LookupIfProperty(name = "test.spans", stringValue = "memory")
        InMemorySpanExporter spans() {
            return InMemorySpanExporter.create();
        }
    }

    @Inject
    InMemorySpanExporter spans;

    @BeforeEach
    void reset() {
        Simulator.resetWithCircuitBreakers();
        spans.reset();
    }

    @Test
    void anOperationIsOneSpanWithItsGenesysCallsAndRedisCommandsBelowIt() {
        Instant today = Instant.now().truncatedTo(ChronoUnit.DAYS);
        GraphQL.query("query TracedPage($f: ConversationFilterInput!) { conversations(filter: $f, first: 5) { edges { node { id } } } }",
                Map.of("f", Map.of("interval", Map.of("start", today.minus(3, ChronoUnit.DAYS).toString(),
                        "end", today.minus(2, ChronoUnit.DAYS).toString()))))
                .body("errors", nullValue());

        SpanData operation = await().atMost(Duration.ofSeconds(10)).until(() -> find("query TracedPage"), Optional::isPresent).get();
        assertThat(operation.getAttributes().get(AttributeKey.stringKey("graphql.operation.type"))).isEqualTo("query");
        assertThat(operation.getAttributes().get(AttributeKey.stringKey("graphql.operation.name"))).isEqualTo("TracedPage");
        assertThat(operation.getAttributes().get(AttributeKey.stringKey("gateway.outcome"))).isEqualTo("ok");
        SpanData request = await().atMost(Duration.ofSeconds(10)).until(() -> spans.getFinishedSpanItems().stream()
                .filter(span -> span.getSpanId().equals(operation.getParentSpanId())).findFirst(), Optional::isPresent).get();
        assertThat(request.getKind()).isEqualTo(SpanKind.SERVER);
        assertThat(request.getAttributes().get(AttributeKey.stringKey("graphql.operation.name"))).isEqualTo("TracedPage");

        // The Genesys call: named by its route template, never by a raw URL with ids in it.
        SpanData genesys = await().atMost(Duration.ofSeconds(10)).until(() -> spans.getFinishedSpanItems().stream()
                .filter(span -> span.getKind() == SpanKind.CLIENT && span.getTraceId().equals(operation.getTraceId())
                        && span.getName().equals("POST /api/v2/analytics/conversations/details/query"))
                .findFirst(), Optional::isPresent).get();
        assertThat(genesys.getParentSpanId()).isEqualTo(request.getSpanId());
        assertThat(genesys.getAttributes().get(STATUS)).isEqualTo(200L);

        await().atMost(Duration.ofSeconds(10)).until(() -> spans.getFinishedSpanItems().stream()
                .anyMatch(span -> span.getTraceId().equals(operation.getTraceId()) && span.getKind() == SpanKind.CLIENT
                        && span.getAttributes().get(AttributeKey.stringKey("db.system")) != null));
    }

    @Test
    void aFailedOperationCarriesItsCodeAndItsTraceIdReachesTheClient() {
        Simulator.inject(new FaultRule("GET", "/api/v2/organizations/me", 1, 404, null, 0, false, "not.found", "gone"));
        String traceId = GraphQL.query("query TracedOrg { organization { id } }")
                .body("errors[0].extensions.code", equalTo("NOT_FOUND"))
                .body("errors[0].extensions.traceId", matchesPattern("[0-9a-f]{32}"))
                .extract().path("errors[0].extensions.traceId");

        SpanData operation = await().atMost(Duration.ofSeconds(10)).until(() -> find("query TracedOrg"), Optional::isPresent).get();
        assertThat(operation.getTraceId()).isEqualTo(traceId);
        // organization is non-null: its error leaves no data, so the operation failed.
        assertThat(operation.getAttributes().get(AttributeKey.stringKey("gateway.outcome"))).isEqualTo("error");
        assertThat(operation.getStatus().getStatusCode()).isEqualTo(StatusCode.ERROR);
        assertThat(operation.getAttributes().get(AttributeKey.stringArrayKey("gateway.error.codes"))).isEqualTo(List.of("NOT_FOUND"));
        SpanData request = spans.getFinishedSpanItems().stream()
                .filter(span -> span.getSpanId().equals(operation.getParentSpanId())).findFirst().orElseThrow();
        assertThat(request.getEvents()).anySatisfy(event -> {
            assertThat(event.getName()).isEqualTo("genesys.call.failed");
            assertThat(event.getAttributes().get(AttributeKey.stringKey("genesys.context_id"))).isNotBlank();
            assertThat(event.getAttributes().get(AttributeKey.stringKey("gateway.error.code"))).isEqualTo("NOT_FOUND");
        });

        GraphQL.query("query TracedTypo { organization { nme } }")
                .body("errors[0].extensions.code", equalTo("GRAPHQL_VALIDATION_FAILED"))
                .body("errors[0].extensions.traceId", matchesPattern("[0-9a-f]{32}"));
        SpanData invalid = await().atMost(Duration.ofSeconds(10)).until(() -> find("query TracedTypo"), Optional::isPresent).get();
        assertThat(invalid.getStatus().getStatusCode()).isEqualTo(StatusCode.ERROR);

        given().contentType("application/json").body(Map.of("query", "{ organization { id } }")).post("/graphql")
                .then().body("errors[0].extensions.code", equalTo("UNAUTHENTICATED"))
                .body("errors[0].extensions.traceId", matchesPattern("[0-9a-f]{32}"));
    }

    private Optional<SpanData> find(String name) {
        return spans.getFinishedSpanItems().stream().filter(span -> span.getName().equals(name)).findFirst();
    }
}
