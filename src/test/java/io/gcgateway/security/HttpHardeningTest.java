package io.gcgateway.security;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;

import java.util.Map;

import org.assertj.core.api.Assertions;
import org.junit.jupiter.api.Test;

import io.gcgateway.GraphQL;
import io.gcgateway.Simulator;
import io.gcgateway.TestClients;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;

/** GET never runs operations, CORS is an allow-list, responses carry the usual security headers. */
@QuarkusTest
class HttpHardeningTest {
    @Inject
    RedisDataSource redis;


    @Test
    void getNeverRunsAMutation() {
        // invalidateAnalyticsCache deletes every analytics entry: this one survives only if the mutation did not run.
        String probe = "gateway:analytics:v1:probe:get-never-runs-a-mutation";
        redis.value(String.class).set(probe, "kept");
        try {
            given().header(TestClients.API_KEY_HEADER, TestClients.ADMIN)
                    .queryParam("query", "mutation { invalidateAnalyticsCache }")
                    .get("/graphql").then().statusCode(not(equalTo(200)));
            Assertions.assertThat(redis.value(String.class).get(probe)).isEqualTo("kept");
        } finally {
            redis.key().del(probe);
        }
        // The same mutation, sent as a POST, does run: the probe is what it deletes.
        redis.value(String.class).set(probe, "kept");
        GraphQL.query("mutation { invalidateAnalyticsCache }").body("errors", nullValue());
        Assertions.assertThat(redis.value(String.class).get(probe)).isNull();
    }

    @Test
    void batchesAreNotAcceptedSoOneRequestRunsAtMostOneDocument() {
        long before = Simulator.totalCalls();
        StringBuilder batch = new StringBuilder("[");
        for (int i = 0; i < 50; i++) {
            batch.append(i == 0 ? "" : ",").append("{\"query\":\"{ organization { name } }\"}");
        }
        given().contentType("application/json").header(TestClients.API_KEY_HEADER, TestClients.ADMIN)
                .body(batch.append("]").toString()).post("/graphql").then().statusCode(200)
                .body("data", nullValue())
                .body("errors[0].extensions.code", equalTo("BATCHING_NOT_SUPPORTED"));
        Assertions.assertThat(Simulator.totalCalls()).isEqualTo(before);
    }

    @Test
    void onlyAllowedOriginsMayCallFromABrowser() {
        given().header("Origin", "https://dashboard.example.com").header("Access-Control-Request-Method", "POST")
                .header("Access-Control-Request-Headers", "content-type,x-api-key")
                .options("/graphql").then()
                .header("Access-Control-Allow-Origin", "https://dashboard.example.com");
        given().header("Origin", "https://evil.example").header("Access-Control-Request-Method", "POST")
                .options("/graphql").then()
                .header("Access-Control-Allow-Origin", nullValue());
        given().contentType("application/json").header("Origin", "https://evil.example")
                .header(TestClients.API_KEY_HEADER, TestClients.READER)
                .body(Map.of("query", "{ gatewayInfo { version } }")).post("/graphql")
                .then().header("Access-Control-Allow-Origin", nullValue());
    }

    @Test
    void responsesCarrySecurityHeaders() {
        given().contentType("application/json").header(TestClients.API_KEY_HEADER, TestClients.READER)
                .body(Map.of("query", "{ gatewayInfo { version } }")).post("/graphql").then().statusCode(200)
                .header("X-Content-Type-Options", "nosniff")
                .header("X-Frame-Options", "DENY")
                .header("Referrer-Policy", "no-referrer")
                .header("Cache-Control", "no-store");
        given().get("/dashboard/").then().statusCode(200)
                .header("Content-Security-Policy", containsString("default-src 'self'"))
                .header("X-Frame-Options", "DENY");
    }
}
