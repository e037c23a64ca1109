package io.gcgateway.gateway;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

import io.gcgateway.TestClients;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;

/**
 * The first requests of a freshly started gateway, sent at once, are validated against the schema they run on:
 * its own profile gives this test a fresh application, and nothing else runs before the burst.
 */
@QuarkusTest
@TestProfile(ColdStartTest.FreshApplication.class)
class ColdStartTest {
    private static final String UPDATE = """
            mutation($in: UpdateRecordInput!) { updateRecord(input: $in) { version } }""";
    private static final String CREATE = """
            mutation($in: CreateRecordInput!) { createRecord(input: $in) { version } }""";

    public static class FreshApplication implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("gateway.graphql.max-aliases", "31");
        }
    }

    @Test
    void concurrentFirstRequestsSeeOneSchema() {
        Map<String, Object> fields = Map.of("quantity", 1, "price", 1, "status", "available", "warehouseLocation", "DUB-A1");
        List<CompletableFuture<String>> burst = IntStream.range(0, 16).mapToObj(i -> CompletableFuture.supplyAsync(() -> {
            boolean update = i % 2 == 0;
            Map<String, Object> input = update
                    ? Map.of("tableId", "no-such-table", "key", "K-" + i, "expectedVersion", 1, "fields", fields)
                    : Map.of("tableId", "no-such-table", "key", "K-" + i, "fields", fields);
            return given().contentType("application/json").header(TestClients.API_KEY_HEADER, TestClients.ADMIN)
                    .body(Map.of("query", update ? UPDATE : CREATE, "variables", Map.of("in", input)))
                    .post("/graphql").then().statusCode(200).extract().asString();
        })).toList();

        for (CompletableFuture<String> answer : burst) {
            JsonPath body = JsonPath.from(answer.join());
            // Each reaches its resolver (and fails there: the table does not exist); none fails validation.
            assertThat(body.getList("errors.extensions.code")).as(answer.join()).isNotEmpty()
                    .doesNotContain("GRAPHQL_VALIDATION_FAILED", "ValidationError");
            assertThat(body.getList("errors.message").toString()).doesNotContain("used in position expecting type");
        }
    }
}
