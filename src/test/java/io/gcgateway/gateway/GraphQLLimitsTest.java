package io.gcgateway.gateway;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.containsString;

import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import org.hamcrest.Matchers;
import org.junit.jupiter.api.Test;

import io.gcgateway.GraphQL;
import io.gcgateway.TestClients;
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
        GraphQL.query("{ " + "__typename ".repeat(16_000) + "}").body("data", Matchers.nullValue())
                .body("errors[0].extensions.code", equalTo("QUERY_TOO_COMPLEX"));
    }

    @Test
    void tooLargeABody() {
        String huge = "x".repeat(2 * 1024 * 1024);
        given().contentType("application/json").header(TestClients.API_KEY_HEADER, TestClients.ADMIN)
                .body(Map.of("query", "{ __typename }", "variables", Map.of("pad", huge)))
                .post("/graphql").then().statusCode(413).body(not(containsString("Exception")));
    }
}
