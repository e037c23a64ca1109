package io.gcgateway.gateway;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.gcgateway.TestClients;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import jakarta.inject.Inject;

/**
 * The gateway's execution path ({@link GraphQLExecution}) answers every request with the status, content type and
 * bytes SmallRye's own handler gives it. A query parameter on the POST sends the same request to SmallRye's handler
 * (which may merge query parameters into a POST; the gateway leaves those requests to it), so both answer the same
 * request side by side: data, nested lists, enums, nulls, variables, operation names, validation errors, resolver
 * errors with extensions, and another {@code Accept}. (Only the trace id in errors differs: each request has its own.)
 */
@QuarkusTest
class GraphQLExecutionTest {

    @Inject
    GraphQLExecution execution;

    @Test
    void answersWithTheBytesOfSmallRyesHandler() {
        same("{ __typename }", Map.of(), null, null);
        same("{ users(first: 5) { edges { cursor node { id name email title department division { id name } "
                + "queues(first: 2) { edges { node { name } } } } } pageInfo { hasNextPage endCursor } } }", Map.of(), null, null);
        same("query Names($n: Int) { users(first: $n) { edges { node { name title } } } }",
                Map.of("n", 3), "Names", null);
        same("{ wrapUpCodes { id name } presenceDefinitions { id label systemPresence } gatewayInfo { __typename } }",
                Map.of(), null, null);
        same("{ nope }", Map.of(), null, null);
        same("{ user(id: \"no-such-user\") { id name } queue(id: \"no-such-queue\") { name } }", Map.of(), null, null);
        same("{ users(first: -1) { edges { node { id } } } }", Map.of(), null, null);
        same("{ queues(first: 3) { edges { node { id name description division { name } } } } }", Map.of(), null, "application/json");
    }

    private void same(String document, Map<String, Object> variables, String operationName, String accept) {
        long before = execution.executed();
        Response gateway = post("/graphql", document, variables, operationName, accept);
        assertThat(execution.executed()).as("run by the gateway's execution: " + document).isEqualTo(before + 1);
        Response smallRye = post("/graphql?via=smallrye", document, variables, operationName, accept);
        assertThat(execution.executed()).as("left to SmallRye's handler: " + document).isEqualTo(before + 1);
        assertThat(gateway.statusCode()).as(document).isEqualTo(smallRye.statusCode()).isEqualTo(200);
        assertThat(gateway.contentType()).as(document).isEqualTo(smallRye.contentType());
        // Each request has its own trace id; everything else is the same, byte for byte.
        assertThat(gateway.asByteArray()).hasSameSizeAs(smallRye.asByteArray());
        assertThat(withoutTraceIds(gateway.asByteArray())).as(document).isEqualTo(withoutTraceIds(smallRye.asByteArray()));
        assertThat(gateway.asString()).as(document).startsWith("{\"");
    }

    private static String withoutTraceIds(byte[] body) {
        return new String(body, StandardCharsets.ISO_8859_1).replaceAll("\"traceId\":\"[0-9a-f]{32}\"", "\"traceId\":\"?\"");
    }

    private static Response post(String path, String document, Map<String, Object> variables, String operationName,
            String accept) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("query", document);
        body.put("variables", variables);
        if (operationName != null) {
            body.put("operationName", operationName);
        }
        var request = given().contentType(ContentType.JSON).header(TestClients.API_KEY_HEADER, TestClients.ADMIN);
        if (accept != null) {
            request.accept(accept);
        }
        return request.body(body).when().post(path).andReturn();
    }
}
