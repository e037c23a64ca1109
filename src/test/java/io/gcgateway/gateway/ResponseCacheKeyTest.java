package io.gcgateway.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.StringReader;

import org.junit.jupiter.api.Test;

import io.vertx.core.json.JsonObject;
import jakarta.json.Json;

/**
 * The response cache's key is computed at the front door from Vert.x JSON and after execution from SmallRye's JSON-P:
 * the same request must give the same key in both, different requests different keys.
 */
class ResponseCacheKeyTest {

    private static String vertx(String body) {
        return ResponseCacheKey.of(new JsonObject(body));
    }

    private static String jsonp(String body) {
        try (var reader = Json.createReader(new StringReader(body))) {
            return ResponseCacheKey.of(reader.readObject());
        }
    }

    @Test
    void bothRepresentationsOfARequestGiveOneKey() {
        String[] bodies = {
                "{\"query\":\"{ a }\"}",
                "{\"query\":\"query Q($f: F!) { a(f: $f) }\",\"operationName\":\"Q\",\"variables\":null}",
                "{\"query\":\"q\",\"variables\":{\"f\":{\"interval\":{\"start\":\"2026-11-01T00:00:00Z\"},"
                        + "\"ids\":[\"a\",\"b\\\"c\",\"\\u00e9\\u2603\\n\"],\"n\":25,\"big\":12345678901234,"
                        + "\"yes\":true,\"no\":false,\"none\":null,\"nested\":[[1,2],{\"k\":[]}]}}}",
        };
        for (String body : bodies) {
            assertThat(vertx(body)).as(body).isNotNull().isEqualTo(jsonp(body));
        }
    }

    @Test
    void differentRequestsGiveDifferentKeys() {
        String base = vertx("{\"query\":\"q\",\"variables\":{\"a\":1,\"b\":\"x\"}}");
        assertThat(vertx("{\"query\":\"q\",\"variables\":{\"a\":2,\"b\":\"x\"}}")).isNotEqualTo(base);
        assertThat(vertx("{\"query\":\"q\",\"variables\":{\"a\":\"1\",\"b\":\"x\"}}")).isNotEqualTo(base);
        assertThat(vertx("{\"query\":\"q\",\"operationName\":\"O\",\"variables\":{\"a\":1,\"b\":\"x\"}}")).isNotEqualTo(base);
        // No text can move between the document and the operation name, whatever characters they hold.
        assertThat(vertx("{\"query\":\"a\\u0000b\",\"operationName\":\"c\"}"))
                .isNotEqualTo(vertx("{\"query\":\"a\",\"operationName\":\"b\\u0000c\"}"));
        assertThat(vertx("{\"query\":\"q\",\"operationName\":\"\"}")).isNotEqualTo(vertx("{\"query\":\"q\"}"));
    }

    @Test
    void theOrderOfVariablesDoesNotMatter() {
        assertThat(vertx("{\"query\":\"q\",\"variables\":{\"b\":\"x\",\"a\":{\"d\":1,\"c\":2}}}"))
                .isEqualTo(jsonp("{\"query\":\"q\",\"variables\":{\"a\":{\"c\":2,\"d\":1},\"b\":\"x\"}}"));
    }

    @Test
    void requestsWithNonIntegerNumbersHaveNoKey() {
        // The two parsers may write 1.50 differently; such requests are simply never kept.
        String body = "{\"query\":\"q\",\"variables\":{\"x\":1.50}}";
        assertThat(vertx(body)).isNull();
        assertThat(jsonp(body)).isNull();
        assertThat(vertx("{\"variables\":{}}")).isNull();
    }
}
