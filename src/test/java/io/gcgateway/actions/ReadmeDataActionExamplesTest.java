package io.gcgateway.actions;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.gcgateway.GraphQL;
import io.gcgateway.Simulator;
import io.gcgateway.TestClients;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;

/** The GraphiQL example of docs/data-actions.md runs as documented against the embedded simulator. */
@QuarkusTest
class ReadmeDataActionExamplesTest {
    private String document;
    private String getOrderStatus;

    @BeforeEach
    void readExample() throws IOException {
        Simulator.resetWithCircuitBreakers();
        String readme = Files.readString(Path.of("docs", "data-actions.md"));
        int section = readme.indexOf("<!-- tested by ReadmeDataActionExamplesTest -->");
        int start = readme.indexOf("```graphql", section) + "```graphql".length();
        document = readme.substring(start, readme.indexOf("```", start));
        getOrderStatus = GraphQL.query("{ dataActions(nameContains: \"Get Order Status\") { edges { node { id } } } }")
                .extract().path("data.dataActions.edges[0].node.id");
    }

    @Test
    void everyOperationRunsAsDescribed() {
        run("Actions", Map.of()).body("errors", nullValue())
                .body("data.dataActions.edges[0].node.name", equalTo("Get Order Status"));
        run("Contract", Map.of("id", getOrderStatus)).body("errors", nullValue())
                .body("data.dataAction.contract.inputSchema.required", notNullValue());
        // Valid for the contract, so it reaches Genesys; the seeded action's remote service does not exist.
        run("Execute", Map.of("id", getOrderStatus))
                .body("errors[0].extensions.code", equalTo("DATA_ACTION_FAILED"));
        assertThat(Simulator.calls("POST", DataActionFixtures.executePath(getOrderStatus))).isEqualTo(1);
        run("Create", Map.of()).body("errors", nullValue())
                .body("data.createDataAction.contract.inputSchema.required[0]", equalTo("subject"));
    }

    private ValidatableResponse run(String operation, Map<String, Object> variables) {
        Map<String, Object> body = new HashMap<>();
        body.put("query", document);
        body.put("operationName", operation);
        body.put("variables", variables);
        return given().contentType(ContentType.JSON).header(TestClients.API_KEY_HEADER, TestClients.ADMIN)
                .body(body).post("/graphql").then().statusCode(200);
    }
}
