package io.gcgateway.gateway;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import org.hamcrest.Matchers;
import org.junit.jupiter.api.Test;

import io.gcgateway.GraphQL;
import io.gcgateway.TestClients;
import io.gcgateway.cache.RedisKeys;
import io.quarkus.test.junit.QuarkusTest;

/** Hostile documents: each limit answers a GraphQL error with a code, never a 5xx or a stack trace. */
@QuarkusTest
class GraphQLLimitsTest {

    @Test
    void notGraphQLAtAll() {
        for (String broken : new String[] { "{ organization { name }", "mutation { ", "query(" }) {
            GraphQL.query(broken).body("data", Matchers.nullValue())
                    .body("errors[0].extensions.code", equalTo("GRAPHQL_PARSE_FAILED"))
                    .body("errors[0].message", containsString("Invalid syntax"));
        }
        given().contentType("application/json").header(TestClients.API_KEY_HEADER, TestClients.ADMIN)
                .body("{not json").post("/graphql").then().statusCode(200)
                .body("errors[0].extensions.code", equalTo("GRAPHQL_PARSE_FAILED"));
    }

    @Test
    void notAllowedByTheSchema() {
        GraphQL.query("{ nope }").body("errors[0].extensions.code", equalTo("GRAPHQL_VALIDATION_FAILED"));
        GraphQL.query("{ records(tableId: 1, first: \"x\") { totalCount } }")
                .body("errors[0].extensions.code", equalTo("GRAPHQL_VALIDATION_FAILED"));
    }

    @Test
    void tooDeep() {
        String deep = "{ __schema { types { " + "ofType { ".repeat(16) + "name" + " }".repeat(16) + " } } }";
        GraphQL.query(deep).body("errors[0].extensions.code", equalTo("QUERY_TOO_COMPLEX"))
                .body("errors[0].message", containsString("depth"));
    }

    @Test
    void tooManyAliases() {
        String aliases = IntStream.range(0, 31).mapToObj(i -> "a" + i + ": __typename").collect(Collectors.joining(" "));
        GraphQL.query("{ " + aliases + " }").body("errors[0].extensions.code", equalTo("QUERY_TOO_COMPLEX"))
                .body("errors[0].message", containsString("31 aliased fields"));
        String allowed = IntStream.range(0, 30).mapToObj(i -> "a" + i + ": __typename").collect(Collectors.joining(" "));
        GraphQL.query("{ " + allowed + " }").body("errors", Matchers.nullValue());
    }

    @Test
    void tooManyTokens() {
        // 15,500 one-letter names: under the document size limit (32 KiB), over the token limit (15,000).
        GraphQL.query("{" + "a ".repeat(15_500) + "}").body("data", Matchers.nullValue())
                .body("errors[0].extensions.code", equalTo("QUERY_TOO_COMPLEX"));
    }

    @Test
    void largeDistinctDocumentsAreRefusedBeforeAnythingKeepsThem() {
        for (int i = 0; i < 20; i++) {
            // 0.9 MB each, all different: a client trying to fill the engine's document cache.
            String large = "query Q" + i + " { __typename }" + ("#" + "x".repeat(99) + "\n").repeat(9_000);
            GraphQL.query(large).body("data", Matchers.nullValue())
                    .body("errors[0].extensions.code", equalTo("QUERY_TOO_LARGE"));
        }
        String large = "{ __typename }" + " ".repeat(40_000);
        given().contentType("application/graphql").header(TestClients.API_KEY_HEADER, TestClients.ADMIN)
                .body(large.getBytes(StandardCharsets.UTF_8)).post("/graphql").then().statusCode(200)
                .body("errors[0].extensions.code", equalTo("QUERY_TOO_LARGE"));
        // A persisted query that is too large is refused, not stored.
        String hash = RedisKeys.sha256(large);
        Map<String, Object> persisted = Map.of("persistedQuery", Map.of("version", 1, "sha256Hash", hash));
        given().contentType("application/json").header(TestClients.API_KEY_HEADER, TestClients.ADMIN)
                .body(Map.of("query", large, "extensions", persisted)).post("/graphql").then().statusCode(200)
                .body("errors[0].extensions.code", equalTo("QUERY_TOO_LARGE"));
        given().contentType("application/json").header(TestClients.API_KEY_HEADER, TestClients.ADMIN)
                .body(Map.of("extensions", persisted)).post("/graphql").then().statusCode(200)
                .body("errors[0].extensions.code", equalTo("PERSISTED_QUERY_NOT_FOUND"));
        // Just under the limit runs.
        GraphQL.query("{ __typename }" + " ".repeat(32 * 1024 - 20)).body("errors", Matchers.nullValue());
    }

    @Test
    void tooLargeABody() {
        String huge = "x".repeat(2 * 1024 * 1024);
        given().contentType("application/json").header(TestClients.API_KEY_HEADER, TestClients.ADMIN)
                .body(Map.of("query", "{ __typename }", "variables", Map.of("pad", huge)))
                .post("/graphql").then().statusCode(413).body(not(containsString("Exception")));
    }
}
