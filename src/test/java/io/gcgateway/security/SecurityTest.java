package io.gcgateway.security;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.gcgateway.GraphQL;
import io.gcgateway.Simulator;
import io.gcgateway.TestClients;
import io.gcgateway.cache.RedisKeys;
import io.quarkus.test.junit.QuarkusTest;

/** Who may call what: API keys and JWTs, the three roles, and refusals that reveal nothing. */
@QuarkusTest
class SecurityTest {
    static final String ORGANIZATION = "{ organization { name } }";
    static final String EXECUTE = """
            mutation($id: ID!) { executeDataAction(actionId: $id, input: {a: 1}) { output } }""";
    static final String CREATE_ACTION = """
            mutation { createDataAction(input: { name: "x", integrationName: "ERP Actions", inputSchema: {type: "object"},
              outputSchema: {type: "object"}, request: { method: GET, urlTemplate: "http://127.0.0.1:9/x" } }) { id } }""";
    static final String INVALIDATE = "mutation { invalidateAnalyticsCache }";
    static final String AUDIT_LOG = "{ gatewayAuditLog(first: 1) { edges { node { actor } } } }";

    @BeforeEach
    void reset() {
        Simulator.resetWithCircuitBreakers();
    }

    @Test
    void withoutCredentialsNothingRunsAndNothingIsCalled() {
        long before = Simulator.totalCalls();
        GraphQL.as(null, ORGANIZATION, Map.of())
                .body("data", nullValue())
                .body("errors[0].extensions.code", equalTo("UNAUTHENTICATED"));
        // Invalid credentials are refused at the HTTP layer, with the same GraphQL error shape.
        given().contentType("application/json").header(TestClients.API_KEY_HEADER, "not-a-key")
                .body(Map.of("query", ORGANIZATION)).post("/graphql")
                .then().statusCode(401)
                .body("data", nullValue())
                .body("errors[0].extensions.code", equalTo("UNAUTHENTICATED"))
                .body("errors[0].message", equalTo("The credentials are not valid"));
        GraphQL.as(null, EXECUTE, Map.of("id", "custom_-_does-not-exist"))
                .body("errors[0].extensions.code", equalTo("UNAUTHENTICATED"));
        assertThat(Simulator.totalCalls()).isEqualTo(before);
    }

    @Test
    void unauthenticatedCallersCannotProbeTheSchemaOrStorePersistedQueries() {
        // A validation message would say which fields exist, introspection or not.
        GraphQL.as(null, "{ nope }", Map.of())
                .body("data", nullValue())
                .body("errors", hasSize(1))
                .body("errors[0].extensions.code", equalTo("UNAUTHENTICATED"));
        given().contentType("application/json").header(TestClients.API_KEY_HEADER, "not-a-key")
                .body(Map.of("query", "{ nope }")).post("/graphql")
                .then().statusCode(401)
                .body("errors", hasSize(1))
                .body("errors[0].extensions.code", equalTo("UNAUTHENTICATED"));
        GraphQL.as(TestClients.READER, "{ nope }", Map.of())
                .body("errors[0].extensions.code", equalTo("GRAPHQL_VALIDATION_FAILED"));

        // An anonymous persisted-query registration stores nothing: a reader asking by hash finds nothing.
        String document = "{ gatewayInfo { version } } # " + UUID.randomUUID();
        Map<String, Object> byHash = Map.of("persistedQuery", Map.of("version", 1, "sha256Hash", RedisKeys.sha256(document)));
        given().contentType("application/json").body(Map.of("query", document, "extensions", byHash)).post("/graphql")
                .then().statusCode(200).body("errors[0].extensions.code", equalTo("UNAUTHENTICATED"));
        given().contentType("application/json").header(TestClients.API_KEY_HEADER, TestClients.READER)
                .body(Map.of("extensions", byHash)).post("/graphql")
                .then().statusCode(200).body("errors[0].extensions.code", equalTo("PERSISTED_QUERY_NOT_FOUND"));
    }

    @Test
    void readersReadButCannotWriteWhetherOrNotTheTargetExists() {
        GraphQL.as(TestClients.READER, ORGANIZATION, Map.of()).body("errors", nullValue())
                .body("data.organization.name", not(nullValue()));
        String existing = GraphQL.as(TestClients.READER, "{ dataActions(first: 1) { edges { node { id } } } }", Map.of())
                .body("errors", nullValue()).extract().path("data.dataActions.edges[0].node.id");
        long before = Simulator.totalCalls();
        for (String id : List.of(existing, "custom_-_does-not-exist")) {
            GraphQL.as(TestClients.READER, EXECUTE, Map.of("id", id))
                    .body("data", nullValue())
                    .body("errors[0].extensions.code", equalTo("FORBIDDEN"))
                    .body("errors[0].message", equalTo("This operation needs the operator role"));
        }
        assertThat(Simulator.totalCalls()).isEqualTo(before);
    }

    @Test
    void operatorsExecuteButOnlyAdminsAdminister() {
        // Past the role check: the input is checked against the (unknown) action next.
        GraphQL.as(TestClients.OPERATOR, EXECUTE, Map.of("id", "custom_-_does-not-exist"))
                .body("errors[0].extensions.code", equalTo("NOT_FOUND"));
        for (String adminOnly : List.of(CREATE_ACTION, INVALIDATE, AUDIT_LOG)) {
            GraphQL.as(TestClients.OPERATOR, adminOnly, Map.of())
                    .body("errors[0].extensions.code", equalTo("FORBIDDEN"));
        }
        GraphQL.as(TestClients.ADMIN, INVALIDATE, Map.of()).body("errors", nullValue());
        GraphQL.as(TestClients.ADMIN, AUDIT_LOG, Map.of()).body("errors", nullValue());
    }

    @Test
    void bearerJwtsFromTheConfiguredIssuerCarryTheirGroupsAsRoles() {
        String operator = TestClients.jwt("alice@example.com", List.of("operator"));
        GraphQL.withBearer(operator, ORGANIZATION, Map.of()).body("errors", nullValue());
        GraphQL.withBearer(operator, EXECUTE, Map.of("id", "custom_-_does-not-exist"))
                .body("errors[0].extensions.code", equalTo("NOT_FOUND"));
        GraphQL.withBearer(operator, INVALIDATE, Map.of()).body("errors[0].extensions.code", equalTo("FORBIDDEN"));
        GraphQL.withBearer(TestClients.jwt("bob", List.of("admin")), INVALIDATE, Map.of()).body("errors", nullValue());

        for (String bad : List.of(TestClients.forgedJwt("mallory", List.of("admin")),
                TestClients.expiredJwt("alice@example.com", List.of("admin")), "not.a.jwt")) {
            given().contentType("application/json").header("Authorization", "Bearer " + bad)
                    .body(Map.of("query", ORGANIZATION)).post("/graphql")
                    .then().statusCode(401)
                    .body("data", nullValue())
                    .body("errors[0].extensions.code", equalTo("UNAUTHENTICATED"));
        }
        GraphQL.withBearer(TestClients.jwt("nobody", List.of()), ORGANIZATION, Map.of())
                .body("errors[0].extensions.code", equalTo("FORBIDDEN"));
    }

    @Test
    void theCallersIdentityIsTheAuditActor() {
        String inventory = GraphQL.query("{ recordTables { id name } }").extract()
                .path("data.recordTables.find { it.name == 'InventoryItem' }.id");
        String update = "mutation($in: UpdateRecordInput!) { updateRecord(input: $in) { version } }";
        Map<String, Object> stale = Map.of("in", Map.of("tableId", inventory, "key", "AB-1070", "expectedVersion", 99,
                "fields", Map.of("quantity", 1, "price", 1, "status", "available", "warehouseLocation", "DUB-A1")));
        GraphQL.as(TestClients.OPERATOR, update, stale).body("errors[0].extensions.code", equalTo("VERSION_CONFLICT"));
        GraphQL.withBearer(TestClients.jwt("carol@example.com", List.of("operator")), update, stale)
                .body("errors[0].extensions.code", equalTo("VERSION_CONFLICT"));

        GraphQL.query("query($f: GatewayAuditLogFilter) { gatewayAuditLog(filter: $f, first: 2) { edges { node { actor } } } }",
                Map.of("f", Map.of("target", "records/" + inventory + "/AB-1070")))
                .body("data.gatewayAuditLog.edges.node.actor", equalTo(List.of("carol@example.com", "apikey:test-operator")));
    }

    @Test
    void exportDownloadsNeedAReader() {
        given().get("/analytics/exports/some-job.ndjson").then().statusCode(401)
                .body("code", equalTo("UNAUTHENTICATED"));
        given().header(TestClients.API_KEY_HEADER, TestClients.READER).get("/analytics/exports/some-job.ndjson")
                .then().statusCode(404);
        GraphQL.query("{ gatewayInfo { authenticationEnabled } }").body("data.gatewayInfo.authenticationEnabled", equalTo(true));
    }
}
