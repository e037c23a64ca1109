package io.gcgateway.gateway;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.Map;

import org.assertj.core.api.Assertions;
import org.junit.jupiter.api.Test;

import io.gcgateway.TestClients;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.ValidatableResponse;
import jakarta.inject.Inject;

/** Allow-list mode: only the manifest's operations run, sent by hash or as the same document. */
@QuarkusTest
@TestProfile(AllowListModeTest.AllowList.class)
class AllowListModeTest {
    static final String VERSION = "query Version { gatewayInfo { version } }";

    public static class AllowList implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            // No room for names from clients: the manifest's names are labels all the same.
            return Map.of("gateway.graphql.allow-list", "src/test/resources/allow-list-manifest.json",
                    "gateway.graphql.max-operation-names", "0");
        }
    }

    static final String RECENT = "query Recent($f: ConversationFilterInput!) { conversations(filter: $f, first: 2) { edges { node { id } } } }";

    @Inject
    MeterRegistry registry;

    private static ValidatableResponse post(Map<String, Object> body) {
        return given().contentType("application/json").header(TestClients.API_KEY_HEADER, TestClients.ADMIN)
                .body(body).post("/graphql").then().statusCode(200);
    }

    @Test
    void registeredOperationsRunByHashOrDocumentAndNothingElseDoes() throws Exception {
        String hash = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                .digest(VERSION.getBytes(StandardCharsets.UTF_8)));
        post(Map.of("extensions", Map.of("persistedQuery", Map.of("version", 1, "sha256Hash", hash))))
                .body("errors", nullValue()).body("data.gatewayInfo.version", notNullValue());
        post(Map.of("query", VERSION)).body("errors", nullValue());

        post(Map.of("query", "{ gatewayInfo { version } }"))
                .body("data", nullValue())
                .body("errors[0].extensions.code", equalTo("OPERATION_NOT_ALLOWED"));
        post(Map.of("query", "mutation { invalidateAnalyticsCache }"))
                .body("errors[0].extensions.code", equalTo("OPERATION_NOT_ALLOWED"));
        post(Map.of("extensions", Map.of("persistedQuery", Map.of("version", 1, "sha256Hash", "0".repeat(64)))))
                .body("errors[0].extensions.code", equalTo("OPERATION_NOT_ALLOWED"));

        Assertions.assertThat(registry.get("gateway.graphql.requests").tags("operation", "Version", "type", "query",
                "outcome", "ok").timer().count()).isEqualTo(2);
        Assertions.assertThat(registry.get("gateway.graphql.errors").tags("operation", "other", "code",
                "OPERATION_NOT_ALLOWED").counter().count()).isEqualTo(3);
    }

    @Test
    void aRegisteredAnalyticsQuerySentByHashIsAnsweredFromTheResponseCache() throws Exception {
        String hash = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                .digest(RECENT.getBytes(StandardCharsets.UTF_8)));
        Instant today = Instant.now().truncatedTo(ChronoUnit.DAYS);
        Map<String, Object> body = Map.of("variables", Map.of("f", Map.of("interval", Map.of(
                "start", today.minus(2, ChronoUnit.DAYS).toString(), "end", today.toString()))),
                "extensions", Map.of("persistedQuery", Map.of("version", 1, "sha256Hash", hash)));
        var hits = registry.get("gateway.graphql.response.cache.requests").tag("result", "hit").counter();
        double before = hits.count();
        String first = post(body).body("errors", nullValue()).extract().asString();
        post(body).body("errors", nullValue());
        String fromMemory = post(body).extract().asString();
        Assertions.assertThat(hits.count()).isEqualTo(before + 1);
        // Two executions and one kept response, all under the manifest's name.
        Assertions.assertThat(registry.get("gateway.graphql.requests").tags("operation", "Recent", "type", "query",
                "outcome", "ok").timer().count()).isEqualTo(3);
        Assertions.assertThat(fromMemory).isEqualTo(first);
    }
}
