package io.gcgateway.gateway;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

import java.util.Map;

import org.junit.jupiter.api.Test;

import io.gcgateway.TestClients;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.ValidatableResponse;

/** Allow-list mode: only the manifest's operations run, sent by hash or as the same document. */
@QuarkusTest
@TestProfile(AllowListModeTest.AllowList.class)
class AllowListModeTest {
    static final String VERSION = "query Version { gatewayInfo { version } }";

    public static class AllowList implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("gateway.graphql.allow-list", "src/test/resources/allow-list-manifest.json");
        }
    }

    static final String RECENT = "query Recent($f: ConversationFilterInput!) { conversations(filter: $f, first: 2) { edges { node { id } } } }";

    @jakarta.inject.Inject
    io.micrometer.core.instrument.MeterRegistry registry;

    private static ValidatableResponse post(Map<String, Object> body) {
        return given().contentType("application/json").header(TestClients.API_KEY_HEADER, TestClients.ADMIN)
                .body(body).post("/graphql").then().statusCode(200);
    }

    @Test
    void registeredOperationsRunByHashOrDocumentAndNothingElseDoes() throws Exception {
        String hash = java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
                .digest(VERSION.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
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
    }

    @Test
    void aRegisteredAnalyticsQuerySentByHashIsAnsweredFromTheResponseCache() throws Exception {
        String hash = java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
                .digest(RECENT.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        java.time.Instant today = java.time.Instant.now().truncatedTo(java.time.temporal.ChronoUnit.DAYS);
        Map<String, Object> body = Map.of("variables", Map.of("f", Map.of("interval", Map.of(
                "start", today.minus(2, java.time.temporal.ChronoUnit.DAYS).toString(), "end", today.toString()))),
                "extensions", Map.of("persistedQuery", Map.of("version", 1, "sha256Hash", hash)));
        var hits = registry.get("gateway.graphql.response.cache.requests").tag("result", "hit").counter();
        double before = hits.count();
        String first = post(body).body("errors", nullValue()).extract().asString();
        post(body).body("errors", nullValue());
        String fromMemory = post(body).extract().asString();
        org.assertj.core.api.Assertions.assertThat(hits.count()).isEqualTo(before + 1);
        org.assertj.core.api.Assertions.assertThat(fromMemory).isEqualTo(first);
    }
}
