package io.gcgateway.actions;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.gcgateway.GraphQL;
import io.gcgateway.Simulator;
import io.quarkus.test.junit.QuarkusTest;

/** dataActions / dataAction against the simulator's Integrations actions. */
@QuarkusTest
class DataActionsQueryTest {
    private static final String LIST = "/api/v2/integrations/actions";
    private static final String PAGE = """
            query($first: Int, $after: String, $category: String, $name: String) {
              dataActions(first: $first, after: $after, category: $category, nameContains: $name) {
                totalCount pageInfo { hasNextPage endCursor } edges { cursor node { id name category version } }
              }
            }""";

    @BeforeEach
    void reset() {
        Simulator.resetWithCircuitBreakers();
    }

    @Test
    void pagesThroughActionsByName() {
        var first = GraphQL.query(PAGE, Map.of("first", 2)).body("errors", nullValue())
                .body("data.dataActions.totalCount", equalTo(4))
                .body("data.dataActions.edges", hasSize(2))
                .body("data.dataActions.pageInfo.hasNextPage", equalTo(true))
                .extract();
        List<String> names = new ArrayList<>(first.<List<String>> path("data.dataActions.edges.node.name"));
        String after = first.path("data.dataActions.pageInfo.endCursor");
        var second = GraphQL.query(PAGE, Map.of("first", 2, "after", after)).body("errors", nullValue())
                .body("data.dataActions.pageInfo.hasNextPage", equalTo(false)).extract();
        names.addAll(second.path("data.dataActions.edges.node.name"));
        assertThat(names).containsExactly("Create ERP Ticket", "Get Order Status", "Get User Presence", "Search Customers");
        assertThat(Simulator.calls("GET", LIST)).isEqualTo(2);
    }

    @Test
    void filtersByCategoryAndName() {
        GraphQL.query(PAGE, Map.of("category", "ERP Actions", "name", "ORDER"))
                .body("data.dataActions.edges.node.name", equalTo(List.of("Get Order Status")));
    }

    @Test
    void theListOffersNoFieldThatWouldAlwaysBeNull() {
        GraphQL.query("{ dataActions { edges { node { id contract { inputSchema } config } } } }")
                .body("data", nullValue())
                .body("errors[0].extensions.code", equalTo("GRAPHQL_VALIDATION_FAILED"))
                .body("errors[0].message", containsString("contract"));
        assertThat(Simulator.calls("GET", LIST)).isZero();
    }

    @Test
    void oneActionHasItsContractAsRealJson() {
        String id = GraphQL.query(PAGE, Map.of("name", "order")).extract().path("data.dataActions.edges[0].node.id");
        GraphQL.query("query($id: ID!) { dataAction(id: $id) { id name version contract { inputSchema outputSchema } config } }",
                Map.of("id", id))
                .body("errors", nullValue())
                .body("data.dataAction.version", equalTo(1))
                .body("data.dataAction.contract.inputSchema.required", equalTo(List.of("order")))
                .body("data.dataAction.contract.inputSchema.properties.order.properties.lines.items.required",
                        equalTo(List.of("sku", "qty")))
                .body("data.dataAction.contract.outputSchema.properties.status.type", equalTo("string"))
                .body("data.dataAction.config.request.requestType", equalTo("POST"))
                .body("data.dataAction.config.timeoutSeconds", equalTo(20));
    }

    @Test
    void unknownActionIsNull() {
        GraphQL.query("{ dataAction(id: \"custom_-_does-not-exist\") { id } }")
                .body("errors", nullValue())
                .body("data.dataAction", nullValue());
    }

    @Test
    void badPagingArgumentsFailBeforeAnyUpstreamCall() {
        GraphQL.query(PAGE, Map.of("first", 0, "after", "bogus"))
                .body("errors[0].extensions.code", equalTo("VALIDATION_FAILED"))
                .body("errors[0].extensions.fieldErrors.path", equalTo(List.of("first", "after")));
        assertThat(Simulator.calls("GET", LIST)).isZero();
    }

    @Test
    void schemaDeclaresTheJsonScalar() {
        given().get("/graphql/schema.graphql").then().statusCode(200)
                .body(containsString("inputSchema: JSON"))
                .body(containsString("config: JSON"));
    }
}
