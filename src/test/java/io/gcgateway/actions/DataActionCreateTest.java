package io.gcgateway.actions;

import static io.gcgateway.actions.DataActionFixtures.createAction;
import static io.gcgateway.actions.DataActionFixtures.executePath;
import static io.gcgateway.actions.DataActionFixtures.parse;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.hamcrest.Matchers;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.gcgateway.GraphQL;
import io.gcgateway.Simulator;
import io.quarkus.test.junit.QuarkusTest;

/** createDataAction → testDataAction → executeDataAction of an action that calls an external API (a local server). */
@QuarkusTest
class DataActionCreateTest {
    static final String TEST = """
            mutation($id: ID!, $input: JSON!) {
              testDataAction(actionId: $id, input: $input) { success error finalResult steps { step name success error errorCode } }
            }""";
    static final String EXECUTE = """
            mutation($id: ID!, $input: JSON!) { executeDataAction(actionId: $id, input: $input) { output } }""";
    static final String TICKET_SCHEMA = """
            { "type": "object", "required": ["subject"], "properties": {
                "subject": { "type": "string" }, "priority": { "type": "string", "enum": ["low", "high"] } } }""";
    static final String TICKET_BODY = "{\"title\": \"$esc.jsonString(${input.subject})\", \"priority\": \"$!{input.priority}\"}";

    @RegisterExtension
    static final RemoteService remote = new RemoteService();

    @BeforeEach
    void reset() {
        Simulator.resetWithCircuitBreakers();
    }

    @Test
    void createdActionIsPublishedThenTestedThenExecuted() {
        Map<String, Object> input = ticketAction("/echo");
        var created = GraphQL.query(DataActionFixtures.CREATE, Map.of("in", input)).body("errors", nullValue())
                .body("data.createDataAction.name", equalTo("Create Support Ticket"))
                .body("data.createDataAction.category", equalTo("ERP Actions"))
                .body("data.createDataAction.integrationId", notNullValue())
                .body("data.createDataAction.contract.inputSchema.required", equalTo(List.of("subject")))
                .body("data.createDataAction.config.request.requestTemplate", equalTo(TICKET_BODY))
                .body("data.createDataAction.config.timeoutSeconds", equalTo(15))
                .extract();
        String id = created.path("data.createDataAction.id");
        // Draft, then publish with the draft's version (the integration was found by name).
        assertThat(Simulator.calls("POST", "/api/v2/integrations/actions/drafts")).isEqualTo(1);
        assertThat(Simulator.calls("POST", "/api/v2/integrations/actions/" + id + "/draft/publish")).isEqualTo(1);
        GraphQL.query("query($id: ID!) { dataAction(id: $id) { name } }", Map.of("id", id))
                .body("data.dataAction.name", equalTo("Create Support Ticket"));

        Map<String, Object> ticket = Map.of("subject", "Printer \"on fire\"", "priority", "high");
        GraphQL.query(TEST, Map.of("id", id, "input", ticket)).body("errors", nullValue())
                .body("data.testDataAction.success", equalTo(true))
                .body("data.testDataAction.steps.name", hasItem("Execute request"))
                .body("data.testDataAction.steps.success", Matchers.everyItem(equalTo(true)))
                .body("data.testDataAction.finalResult.title", equalTo("Printer \"on fire\""));

        GraphQL.query(EXECUTE, Map.of("id", id, "input", ticket)).body("errors", nullValue())
                .body("data.executeDataAction.output.title", equalTo("Printer \"on fire\""))
                .body("data.executeDataAction.output.priority", equalTo("high"));
        // Test and execute both really called the remote service, with the rendered body.
        assertThat(remote.bodies).containsExactly(
                "{\"title\": \"Printer \\\"on fire\\\"\", \"priority\": \"high\"}",
                "{\"title\": \"Printer \\\"on fire\\\"\", \"priority\": \"high\"}");
    }

    @Test
    void aRemote500IsAFailedStepInTestAndAClearErrorInExecute() {
        String id = GraphQL.query(DataActionFixtures.CREATE, Map.of("in", ticketAction("/fail")))
                .body("errors", nullValue()).extract().path("data.createDataAction.id");
        Map<String, Object> ticket = Map.of("subject", "Printer jam");

        GraphQL.query(TEST, Map.of("id", id, "input", ticket)).body("errors", nullValue())
                .body("data.testDataAction.success", equalTo(false))
                .body("data.testDataAction.error", containsString("500"))
                .body("data.testDataAction.steps.find { !it.success }.name", equalTo("Execute request"))
                .body("data.testDataAction.steps.find { !it.success }.errorCode", equalTo("ACTION.REMOTE_ENDPOINT"));

        GraphQL.query(EXECUTE, Map.of("id", id, "input", ticket))
                .body("data", nullValue())
                .body("errors[0].extensions.code", equalTo("DATA_ACTION_FAILED"))
                .body("errors[0].extensions.actionErrorCode", equalTo("ACTION.REMOTE_ENDPOINT"))
                .body("errors[0].message", containsString("500"));
        assertThat(Simulator.calls("POST", executePath(id))).isEqualTo(1);
    }

    @Test
    void aDraftIsNotPublishedWhenAskedNotTo() {
        Map<String, Object> input = ticketAction("/echo");
        input.put("publish", false);
        String id = GraphQL.query(DataActionFixtures.CREATE, Map.of("in", input)).body("errors", nullValue())
                .extract().path("data.createDataAction.id");
        assertThat(Simulator.calls("POST", "/api/v2/integrations/actions/" + id + "/draft/publish")).isZero();
        GraphQL.query("query($id: ID!) { dataAction(id: $id) { name } }", Map.of("id", id))
                .body("errors", nullValue()).body("data.dataAction", nullValue());
    }

    @Test
    void everyProblemOfADefinitionIsReportedBeforeGenesysIsCalled() {
        Map<String, Object> input = ticketAction("/echo");
        input.remove("integrationName");
        input.put("inputSchema", parse("{\"type\": \"object\", \"properties\": {\"subject\": {\"type\": \"strin\"}}}"));
        input.put("timeoutSeconds", 0);
        Map<String, Object> request = castMap(input.get("request"));
        request.put("bodyTemplate", "#if($input.subject");
        request.put("headers", Map.of("X-Count", 3));
        input.put("response", Map.of("translationMap", Map.of("status", "$.data[?(@.x"),
                "translationMapDefaults", Map.of("status", "not json", "eta", "\"\""), "successTemplate", "${rawResult}"));
        long before = Simulator.totalCalls();

        List<String> paths = GraphQL.query(DataActionFixtures.CREATE, Map.of("in", input))
                .body("errors[0].extensions.code", equalTo("VALIDATION_FAILED"))
                .extract().path("errors[0].extensions.fieldErrors.path");

        assertThat(paths).contains("input.integrationId", "input.timeoutSeconds", "input.request.bodyTemplate",
                "input.request.headers/X-Count", "input.response.translationMap/status",
                "input.response.translationMapDefaults/status", "input.response.translationMapDefaults/eta");
        assertThat(paths).anyMatch(path -> path.startsWith("input.inputSchema/properties/subject"));
        assertThat(Simulator.totalCalls()).isEqualTo(before);
    }

    @Test
    void theIntegrationMustBeAWebServicesIntegrationOfThatName() {
        for (String name : List.of("No Such Integration", "Genesys Cloud Data Actions")) {
            Map<String, Object> input = ticketAction("/echo");
            input.put("integrationName", name);
            GraphQL.query(DataActionFixtures.CREATE, Map.of("in", input))
                    .body("errors[0].extensions.code", equalTo("VALIDATION_FAILED"))
                    .body("errors[0].extensions.fieldErrors[0].path", equalTo("input.integrationName"));
        }
        assertThat(Simulator.calls("POST", "/api/v2/integrations/actions/drafts")).isZero();
    }

    @Test
    void createdActionsEnforceTheirContractAtTheGateway() {
        String id = createAction(remote, "Strict Ticket", TICKET_SCHEMA, "POST", "/echo", TICKET_BODY, Map.of(), "${rawResult}");
        GraphQL.query(EXECUTE, Map.of("id", id, "input", Map.of("priority", "urgent")))
                .body("errors[0].extensions.code", equalTo("VALIDATION_FAILED"))
                .body("errors[0].extensions.fieldErrors.path", equalTo(List.of("/priority", "/subject")));
        assertThat(remote.calls.get()).isZero();
    }

    private Map<String, Object> ticketAction(String path) {
        Map<String, Object> request = new LinkedHashMap<>();
        request.put("urlTemplate", remote.baseUrl() + path);
        request.put("method", "POST");
        request.put("headers", Map.of("Content-Type", "application/json"));
        request.put("bodyTemplate", TICKET_BODY);
        Map<String, Object> input = new HashMap<>();
        input.put("name", "Create Support Ticket");
        input.put("integrationName", "ERP Actions");
        input.put("inputSchema", parse(TICKET_SCHEMA));
        input.put("outputSchema", parse("{\"type\": \"object\", \"properties\": {\"title\": {\"type\": \"string\"}}}"));
        input.put("request", request);
        input.put("response", Map.of("successTemplate", "${rawResult}"));
        input.put("timeoutSeconds", 15);
        return input;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> castMap(Object value) {
        return (Map<String, Object>) value;
    }
}
