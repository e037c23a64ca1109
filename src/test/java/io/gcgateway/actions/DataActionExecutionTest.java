package io.gcgateway.actions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.stream.IntStream;

import org.hamcrest.Matchers;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.gcgateway.GraphQL;
import io.gcgateway.Simulator;
import io.gcgateway.TestClients;
import io.gcgateway.simulator.control.FaultRule;
import io.quarkus.test.junit.QuarkusTest;

/**
 * executeDataAction end to end: GraphQL → gateway (contract check, idempotency) → simulator (Velocity, JSONPath) →
 * a real HTTP server on 127.0.0.1 → back.
 */
@QuarkusTest
class DataActionExecutionTest {
    static final ObjectMapper JSON = new ObjectMapper();
    static final String EXECUTE = """
            mutation($id: ID!, $input: JSON!, $key: String) {
              executeDataAction(actionId: $id, input: $input, idempotencyKey: $key) { actionId output idempotency }
            }""";
    /** Six levels of objects and arrays of objects, with enums, nulls, dates and numbers. */
    static final String NESTED_SCHEMA = """
            { "type": "object", "required": ["shipment"], "properties": {
                "shipment": { "type": "object", "required": ["id", "legs"], "properties": {
                  "id": { "type": "string" },
                  "createdAt": { "type": "string", "format": "date-time" },
                  "legs": { "type": "array", "items": { "type": "object", "required": ["from", "parcels"], "properties": {
                    "from": { "type": "string" },
                    "parcels": { "type": "array", "items": { "type": "object", "required": ["sku"], "properties": {
                      "sku": { "type": "string" },
                      "weightKg": { "type": "number" },
                      "fragile": { "type": "boolean" },
                      "note": { "type": ["string", "null"] },
                      "contents": { "type": "array", "items": { "type": "object", "properties": {
                        "kind": { "type": "string", "enum": ["book", "toy", "food"] },
                        "tags": { "type": "array", "items": { "type": "string" } } } } } } } } } } } } } } }""";

    @RegisterExtension
    static final RemoteService remote = new RemoteService();

    @BeforeEach
    void reset() {
        Simulator.resetWithCircuitBreakers();
    }

    static String echoAction() {
        return DataActionFixtures.createAction(remote, "Echo Shipment", NESTED_SCHEMA, "POST", "/echo", "${input.rawRequest}", Map.of(), "${rawResult}");
    }

    static Object parse(String json) {
        return DataActionFixtures.parse(json);
    }

    static String executePath(String actionId) {
        return DataActionFixtures.executePath(actionId);
    }

    static final String SHIPMENT = """
            {"shipment":{"id":"SHP-1","createdAt":"2026-11-23T08:15:30Z","legs":[{"from":"Lyon","parcels":[\
            {"sku":"A-1","weightKg":2.5,"fragile":true,"note":null,"contents":[{"kind":"book","tags":["paper","gift"]},\
            {"kind":"toy","tags":[]}]},{"sku":"B-2","weightKg":12,"fragile":false,"note":"leave at door","contents":[]}]},\
            {"from":"Oslo","parcels":[{"sku":"C-3","weightKg":0.25,"fragile":false,"note":"ünïcødé \\"quoted\\"","contents":[{"kind":"food","tags":["cold"]}]}]}]}}""";

    @Test
    void nestedInputRoundTripsByteForByte() throws IOException {
        String actionId = echoAction();

        String response = GraphQL.query(EXECUTE, Map.of("id", actionId, "input", parse(SHIPMENT)))
                .body("errors", nullValue())
                .body("data.executeDataAction.idempotency", equalTo("NONE"))
                .extract().asString();

        // The remote service received exactly the bytes of the input, and the output is those bytes again.
        assertThat(remote.bodies).containsExactly(SHIPMENT);
        JsonNode output = JSON.readTree(response).at("/data/executeDataAction/output");
        assertThat(output.toString()).isEqualTo(SHIPMENT);
        assertThat(Simulator.calls("POST", executePath(actionId))).isEqualTo(1);
    }

    @Test
    void inputWrittenAsAGraphQLLiteralWithNullsIsARealNestedValue() {
        String actionId = echoAction();
        String document = """
                mutation { executeDataAction(actionId: "%s", input: {shipment: {id: "SHP-2", legs: [{from: "Rome",
                  parcels: [{sku: "Z-9", note: null, weightKg: 1.75, contents: [{kind: book, tags: ["x", "y"]}]}]}]}}) { output } }"""
                .formatted(actionId);

        GraphQL.query(document).body("errors", nullValue())
                .body("data.executeDataAction.output.shipment.legs[0].parcels[0].note", nullValue())
                .body("data.executeDataAction.output.shipment.legs[0].parcels[0].contents[0].kind", equalTo("book"));
        assertThat(remote.bodies).containsExactly("{\"shipment\":{\"id\":\"SHP-2\",\"legs\":[{\"from\":\"Rome\",\"parcels\":"
                + "[{\"sku\":\"Z-9\",\"note\":null,\"weightKg\":1.75,\"contents\":[{\"kind\":\"book\",\"tags\":[\"x\",\"y\"]}]}]}]}}");
    }

    @Test
    void contractViolationsAreRejectedWithExactPathsAndNothingIsExecuted() {
        String actionId = echoAction();
        Map<String, Object> input = castMap(parse(SHIPMENT));
        Map<String, Object> shipment = castMap(input.get("shipment"));
        shipment.put("createdAt", "23/11/2026 08:15");
        List<Object> legs = castList(shipment.get("legs"));
        List<Object> parcels = castList(castMap(legs.get(0)).get("parcels"));
        castMap(parcels.get(1)).remove("sku");
        castMap(parcels.get(0)).put("weightKg", "heavy");
        castMap(castList(castMap(parcels.get(0)).get("contents")).get(1)).put("kind", "weapon");
        long before = Simulator.totalCalls();

        var errors = GraphQL.query(EXECUTE, Map.of("id", actionId, "input", input))
                .body("data", nullValue())
                .body("errors[0].extensions.code", equalTo("VALIDATION_FAILED"))
                .extract().<List<String>> path("errors[0].extensions.fieldErrors.path");

        assertThat(errors).containsExactlyInAnyOrder(
                "/shipment/createdAt",
                "/shipment/legs/0/parcels/0/contents/1/kind",
                "/shipment/legs/0/parcels/0/weightKg",
                "/shipment/legs/0/parcels/1/sku");
        // The contract was already cached by createDataAction's follow-up read or is read now; nothing was executed.
        assertThat(Simulator.calls("POST", executePath(actionId))).isZero();
        assertThat(remote.calls.get()).isZero();
        // A second bad input costs no upstream call at all: the contract is cached.
        long afterFirst = Simulator.totalCalls();
        GraphQL.query(EXECUTE, Map.of("id", actionId, "input", Map.of("shipment", Map.of("id", 7))))
                .body("errors[0].extensions.code", equalTo("VALIDATION_FAILED"))
                .body("errors[0].extensions.fieldErrors.path", equalTo(List.of("/shipment/id", "/shipment/legs")));
        assertThat(Simulator.totalCalls()).isEqualTo(afterFirst);
        assertThat(afterFirst - before).isLessThanOrEqualTo(1);
    }

    @Test
    void seededActionContractIsEnforcedAtTheGateway() {
        String getOrderStatus = GraphQL.query("{ dataActions(nameContains: \"Order Status\") { edges { node { id } } } }")
                .extract().path("data.dataActions.edges[0].node.id");
        Map<String, Object> input = Map.of("order", Map.of("id", "SO-1", "placedAt", "yesterday",
                "lines", List.of(Map.of("sku", "A-1", "qty", 0, "options", Map.of("engraving", Map.of("font", "comic"))))));

        GraphQL.query(EXECUTE, Map.of("id", getOrderStatus, "input", input))
                .body("errors[0].extensions.code", equalTo("VALIDATION_FAILED"))
                .body("errors[0].extensions.fieldErrors.path", equalTo(List.of("/order/lines/0/options/engraving/font",
                        "/order/lines/0/qty", "/order/placedAt")));
        assertThat(Simulator.calls("POST", executePath(getOrderStatus))).isZero();
    }

    @Test
    void inputsBeyondTheDepthAndSizeBoundsAreRejected() {
        String actionId = echoAction();
        Map<String, Object> deep = new LinkedHashMap<>();
        Map<String, Object> level = deep;
        for (int i = 0; i < 40; i++) {
            Map<String, Object> next = new LinkedHashMap<>();
            level.put("n", next);
            level = next;
        }
        GraphQL.query(EXECUTE, Map.of("id", actionId, "input", deep))
                .body("errors[0].extensions.code", equalTo("VALIDATION_FAILED"))
                .body("errors[0].extensions.fieldErrors[0].path", equalTo("input" + "/n".repeat(32)));

        GraphQL.query(EXECUTE, Map.of("id", actionId, "input", Map.of("blob", "x".repeat(300_000))))
                .body("errors[0].extensions.code", equalTo("VALIDATION_FAILED"))
                .body("errors[0].extensions.fieldErrors[0].path", equalTo("input"));
        assertThat(Simulator.calls("POST", executePath(actionId))).isZero();
    }

    @Test
    void unknownActionIsNotFound() {
        GraphQL.query(EXECUTE, Map.of("id", "custom_-_00000000-0000-0000-0000-000000000000", "input", Map.of()))
                .body("errors[0].extensions.code", equalTo("NOT_FOUND"));
    }

    @Test
    void anIdempotencyKeyExecutesOnceAndReplaysTheResult() {
        String actionId = echoAction();
        Map<String, Object> vars = Map.of("id", actionId, "input", parse(SHIPMENT), "key", "order-SHP-1-ship");

        Object first = GraphQL.query(EXECUTE, vars).body("errors", nullValue())
                .body("data.executeDataAction.idempotency", equalTo("FIRST"))
                .extract().path("data.executeDataAction.output");
        Object second = GraphQL.query(EXECUTE, vars).body("errors", nullValue())
                .body("data.executeDataAction.idempotency", equalTo("REPLAYED"))
                .extract().path("data.executeDataAction.output");

        assertThat(second).isEqualTo(first);
        assertThat(Simulator.calls("POST", executePath(actionId))).isEqualTo(1);
        assertThat(remote.calls.get()).isEqualTo(1);

        // The same key for a different input is a client bug, not a replay.
        Map<String, Object> other = Map.of("id", actionId, "input", Map.of("shipment", Map.of("id", "SHP-9", "legs", List.of())),
                "key", "order-SHP-1-ship");
        GraphQL.query(EXECUTE, other).body("errors[0].extensions.code", equalTo("VALIDATION_FAILED"))
                .body("errors[0].extensions.fieldErrors[0].path", equalTo("idempotencyKey"));
        assertThat(Simulator.calls("POST", executePath(actionId))).isEqualTo(1);
    }

    @Test
    void anIdempotencyKeyBelongsToItsCaller() {
        String actionId = echoAction();
        Map<String, Object> vars = Map.of("id", actionId, "input", parse(SHIPMENT), "key", "shared-key-1");
        GraphQL.as(TestClients.ADMIN, EXECUTE, vars).body("errors", nullValue())
                .body("data.executeDataAction.idempotency", equalTo("FIRST"));

        // Another caller with the same key and input runs its own execution; it never gets the first one's result.
        GraphQL.as(TestClients.OPERATOR, EXECUTE, vars).body("errors", nullValue())
                .body("data.executeDataAction.idempotency", equalTo("FIRST"));
        GraphQL.as(TestClients.OPERATOR, EXECUTE, vars).body("errors", nullValue())
                .body("data.executeDataAction.idempotency", equalTo("REPLAYED"));
        assertThat(Simulator.calls("POST", executePath(actionId))).isEqualTo(2);
    }

    @Test
    void concurrentRepeatsOfOneKeyExecuteOnce() {
        String actionId = echoAction();
        Map<String, Object> vars = Map.of("id", actionId, "input", parse(SHIPMENT), "key", "burst-1");

        List<CompletableFuture<String>> calls = IntStream.range(0, 8)
                .mapToObj(i -> CompletableFuture.supplyAsync(() -> GraphQL.query(EXECUTE, vars).body("errors", nullValue())
                        .extract().<String> path("data.executeDataAction.idempotency")))
                .toList();
        List<String> outcomes = calls.stream().map(CompletableFuture::join).toList();

        assertThat(outcomes).containsOnlyOnce("FIRST").contains("REPLAYED");
        assertThat(Simulator.calls("POST", executePath(actionId))).isEqualTo(1);
    }

    @Test
    void aTimeoutSaysTheActionMayHaveRunAndTheKeyDoesNotRunItAgain() {
        String actionId = DataActionFixtures.createAction(remote, "Slow Action", "{\"type\": \"object\"}", "POST", "/slow", "${input.rawRequest}",
                Map.of(), "${rawResult}");
        Map<String, Object> vars = Map.of("id", actionId, "input", Map.of("step", 1), "key", "slow-1");

        GraphQL.query(EXECUTE, vars)
                .body("errors[0].extensions.code", equalTo("UPSTREAM_TIMEOUT"))
                .body("errors[0].extensions.mayHaveRun", equalTo(true));
        GraphQL.query(EXECUTE, vars)
                .body("errors[0].extensions.code", equalTo("UPSTREAM_TIMEOUT"))
                .body("errors[0].extensions.mayHaveRun", equalTo(true));

        // Sent once, never retried, and not repeated for the same key.
        assertThat(Simulator.calls("POST", executePath(actionId))).isEqualTo(1);
    }

    @Test
    void executeIsNotRetriedAfterAServerErrorButIsAfterARateLimit() {
        String actionId = echoAction();
        Simulator.inject(FaultRule.status("POST", executePath(actionId), 1, 503));
        GraphQL.query(EXECUTE, Map.of("id", actionId, "input", parse(SHIPMENT)))
                .body("errors[0].extensions.code", equalTo("UPSTREAM_UNAVAILABLE"));
        assertThat(Simulator.calls("POST", executePath(actionId))).isEqualTo(1);

        // A 429 is refused before anything runs: retrying it is safe.
        Simulator.inject(FaultRule.rateLimited("POST", executePath(actionId), 1, 1));
        GraphQL.query(EXECUTE, Map.of("id", actionId, "input", parse(SHIPMENT))).body("errors", nullValue());
        assertThat(Simulator.calls("POST", executePath(actionId))).isEqualTo(3);
        assertThat(remote.calls.get()).isEqualTo(1);
    }

    @Test
    void aFailingRemoteServiceIsAClearErrorAndDoesNotOpenTheCircuit() {
        String actionId = DataActionFixtures.createAction(remote, "Failing ERP", "{\"type\": \"object\"}", "POST", "/fail", "${input.rawRequest}",
                Map.of(), "${rawResult}");
        for (int i = 0; i < 12; i++) {
            GraphQL.query(EXECUTE, Map.of("id", actionId, "input", Map.of("attempt", i)))
                    .body("errors[0].extensions.code", equalTo("DATA_ACTION_FAILED"))
                    .body("errors[0].extensions.actionErrorCode", equalTo("ACTION.REMOTE_ENDPOINT"))
                    .body("errors[0].extensions.contextId", notNullValue())
                    .body("errors[0].message", Matchers.containsString("500"));
        }
        // Twelve remote failures (above the breaker's volume threshold) reached Genesys each time: no open circuit.
        assertThat(Simulator.calls("POST", executePath(actionId))).isEqualTo(12);
        String echo = echoAction();
        GraphQL.query(EXECUTE, Map.of("id", echo, "input", parse(SHIPMENT))).body("errors", nullValue());
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> castMap(Object value) {
        return (Map<String, Object>) value;
    }

    @SuppressWarnings("unchecked")
    static List<Object> castList(Object value) {
        return (List<Object>) value;
    }

    static List<Object> copy(List<Object> values) {
        return new ArrayList<>(values);
    }
}
