package io.gcgateway.gateway;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.gcgateway.TestClients;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;

/** Automatic persisted queries: hash only → not found; hash + document → stored; hash only again → runs. */
@QuarkusTest
class PersistedQueriesTest {

    private static ValidatableResponse post(Map<String, Object> body) {
        return given().contentType("application/json").header(TestClients.API_KEY_HEADER, TestClients.READER)
                .body(body).post("/graphql").then().statusCode(200);
    }

    private static String sha256(String text) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void aDocumentIsSentOnceThenReferencedByItsHash() throws Exception {
        String query = "query Version { gatewayInfo { version } } # " + System.nanoTime();
        Map<String, Object> persisted = Map.of("persistedQuery", Map.of("version", 1, "sha256Hash", sha256(query)));

        post(Map.of("extensions", persisted)).body("errors[0].extensions.code", equalTo("PERSISTED_QUERY_NOT_FOUND"));
        post(Map.of("query", query, "extensions", persisted)).body("errors", nullValue())
                .body("data.gatewayInfo.version", notNullValue());
        post(Map.of("extensions", persisted)).body("errors", nullValue())
                .body("data.gatewayInfo.version", notNullValue());
    }

    @Test
    void aHashThatIsNotTheDocumentsIsRefused() throws Exception {
        String query = "{ gatewayInfo { version } }";
        Map<String, Object> wrong = Map.of("persistedQuery", Map.of("version", 1, "sha256Hash", sha256(query + " ")));
        post(Map.of("query", query, "extensions", wrong))
                .body("data", nullValue())
                .body("errors[0].extensions.code", equalTo("PERSISTED_QUERY_HASH_MISMATCH"));
        post(Map.of("extensions", Map.of("persistedQuery", Map.of("version", 1, "sha256Hash", "not-a-hash"))))
                .body("errors[0].extensions.code", equalTo("PERSISTED_QUERY_INVALID"));
    }
}
