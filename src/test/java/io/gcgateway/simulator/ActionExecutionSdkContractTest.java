package io.gcgateway.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.mypurecloud.sdk.v2.ApiClient;
import com.mypurecloud.sdk.v2.ApiException;
import com.mypurecloud.sdk.v2.api.IntegrationsApi;
import com.mypurecloud.sdk.v2.model.ActionConfig;
import com.mypurecloud.sdk.v2.model.ActionContractInput;
import com.mypurecloud.sdk.v2.model.ErrorBody;
import com.mypurecloud.sdk.v2.model.JsonSchemaDocument;
import com.mypurecloud.sdk.v2.model.PostActionInput;
import com.mypurecloud.sdk.v2.model.PostInputContract;
import com.mypurecloud.sdk.v2.model.PostOutputContract;
import com.mypurecloud.sdk.v2.model.RequestConfig;
import com.mypurecloud.sdk.v2.model.ResponseConfig;
import com.mypurecloud.sdk.v2.model.TestExecutionOperationResult;
import com.mypurecloud.sdk.v2.model.TestExecutionResult;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import io.gcgateway.Simulator;
import io.quarkus.test.junit.QuarkusTest;

/**
 * Executing and testing actions in the simulator with the official SDK: the action calls a local HTTP server on
 * 127.0.0.1, through real Velocity templates and a JSONPath translation map.
 */
@QuarkusTest
class ActionExecutionSdkContractTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static HttpServer remote;
    private static final AtomicInteger remoteCalls = new AtomicInteger();

    private IntegrationsApi integrations;
    private String integrationId;

    @BeforeAll
    static void startRemote() throws IOException {
        remote = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        remote.createContext("/erp/echo", exchange -> {
            remoteCalls.incrementAndGet();
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            String query = exchange.getRequestURI().getRawQuery();
            respond(exchange, 200, "{\"data\": " + (body.isBlank() ? "null" : body) + ", \"query\": "
                    + JSON.writeValueAsString(query == null ? "" : query) + "}");
        });
        remote.createContext("/erp/fail", exchange -> {
            remoteCalls.incrementAndGet();
            respond(exchange, 500, "{\"error\": \"database down\"}");
        });
        remote.start();
    }

    @AfterAll
    static void stopRemote() {
        remote.stop(0);
    }

    @BeforeEach
    void connect() throws Exception {
        Simulator.reset();
        remoteCalls.set(0);
        integrations = new IntegrationsApi(Simulator.sdkClient());
        integrationId = integrations.getIntegrations(25, 1, null, null, null, null).getEntities().stream()
                .filter(i -> "custom-rest-actions".equals(i.getIntegrationType().getId())).findFirst().orElseThrow().getId();
    }

    @Test
    void nestedInputPassesThroughUnchanged() throws Exception {
        Map<String, Object> input = Map.of("order", Map.of("id", "SO-1001", "lines", List.of(
                Map.of("sku", "A-1", "qty", 2, "options", Map.of("engraving", Map.of("text", "Hi \"you\"", "font", Map.of("name", "serif")))))));
        String id = create("echo", "POST", "${input.rawRequest}", Map.of(), Map.of(), "${rawResult}", orderSchema());

        Object result = integrations.postIntegrationsActionExecute(id, input);

        assertThat(JSON.<JsonNode> valueToTree(result).get("data")).isEqualTo(JSON.<JsonNode> valueToTree(input));
        assertThat(remoteCalls.get()).isEqualTo(1);
    }

    @Test
    void translationMapAndDefaultsShapeTheResult() throws Exception {
        String id = create("echo", "POST", "{\"status\": \"SHIPPED\", \"subject\": \"$esc.jsonString(${input.order.id})\"}",
                Map.of("status", "$.data.status", "eta", "$.data.eta"), Map.of("eta", "\"unknown\""),
                "{\"status\": ${status}, \"eta\": ${eta}}", orderSchema());
        Object result = integrations.postIntegrationsActionExecute(id, Map.of("order", Map.of("id", "SO-7", "lines",
                List.of(Map.of("sku", "B", "qty", 1)))));
        assertThat(JSON.<JsonNode> valueToTree(result)).isEqualTo(JSON.readTree("{\"status\": \"SHIPPED\", \"eta\": \"unknown\"}"));
    }

    @Test
    void urlTemplatesEscapeValues() throws Exception {
        String id = createAt("http://127.0.0.1:" + remote.getAddress().getPort() + "/erp/echo?q=$esc.url(${input.q})",
                "GET", "${input.rawRequest}", Map.of("query", "$.query"), Map.of(), "{\"query\": ${query}}",
                Map.of("type", "object", "properties", Map.of("q", Map.of("type", "string"))));
        Object result = integrations.postIntegrationsActionExecute(id, Map.of("q", "a b&c"));
        assertThat(JSON.<JsonNode> valueToTree(result).get("query").asText()).isEqualTo("q=a+b%26c");
    }

    @Test
    void inputViolatingTheContractIsRejectedWithoutCallingTheRemote() throws Exception {
        String id = create("echo", "POST", "${input.rawRequest}", Map.of(), Map.of(), "${rawResult}", orderSchema());
        ApiException e = catchThrowableOfType(ApiException.class, () -> integrations.postIntegrationsActionExecute(id,
                Map.of("order", Map.of("id", "SO-1", "lines", List.of(Map.of("sku", "A"))))));
        assertThat(e.getStatusCode()).isEqualTo(400);
        ErrorBody body = ApiClient.Builder.standard().build().getObjectMapper().readValue(e.getRawBody(), ErrorBody.class);
        assertThat(body.getDetails()).extracting(d -> d.getErrorCode()).containsExactly("ACTION.INPUT_VALIDATION");
        assertThat(body.getMessage()).contains("qty");
        assertThat(remoteCalls.get()).isZero();
    }

    @Test
    void remoteFailureIsAGenesysError() throws Exception {
        String id = create("fail", "POST", "${input.rawRequest}", Map.of(), Map.of(), "${rawResult}",
                Map.of("type", "object"));
        ApiException e = catchThrowableOfType(ApiException.class, () -> integrations.postIntegrationsActionExecute(id, Map.of()));
        assertThat(e.getStatusCode()).isEqualTo(502);
        assertThat(e.getRawBody()).contains("ACTION.REMOTE_ENDPOINT").contains("HTTP 500");
    }

    @Test
    void onlyLoopbackTargetsAreCalled() throws Exception {
        String id = createAt("http://10.1.2.3/anything", "POST", "${input.rawRequest}", Map.of(), Map.of(), "${rawResult}",
                Map.of("type", "object"));
        ApiException e = catchThrowableOfType(ApiException.class, () -> integrations.postIntegrationsActionExecute(id, Map.of()));
        assertThat(e.getStatusCode()).isEqualTo(400);
        assertThat(e.getRawBody()).contains("only calls loopback addresses");
    }

    @Test
    void testEndpointReportsEveryStep() throws Exception {
        String ok = create("echo", "POST", "${input.rawRequest}", Map.of("id", "$.data.order.id"), Map.of(),
                "{\"id\": ${id}}", orderSchema());
        TestExecutionResult passed = integrations.postIntegrationsActionTest(ok, Map.of("order", Map.of("id", "SO-9",
                "lines", List.of(Map.of("sku", "C", "qty", 3)))));
        assertThat(passed.getSuccess()).isTrue();
        assertThat(passed.getOperations()).extracting(TestExecutionOperationResult::getName).containsExactly(
                "Validate input against schema", "Render request", "Execute request", "Apply translation map",
                "Apply output transformation");
        assertThat(JSON.<JsonNode> valueToTree(passed.getFinalResult())).isEqualTo(JSON.readTree("{\"id\": \"SO-9\"}"));

        String failing = create("fail", "POST", "${input.rawRequest}", Map.of(), Map.of(), "${rawResult}", Map.of("type", "object"));
        TestExecutionResult failed = integrations.postIntegrationsActionTest(failing, Map.of());
        assertThat(failed.getSuccess()).isFalse();
        TestExecutionOperationResult last = failed.getOperations().get(failed.getOperations().size() - 1);
        assertThat(last.getName()).isEqualTo("Execute request");
        assertThat(last.getSuccess()).isFalse();
        assertThat(last.getError().getDetails().get(0).getErrorCode()).isEqualTo("ACTION.REMOTE_ENDPOINT");
    }

    private static Map<String, Object> orderSchema() {
        return Map.of("type", "object", "required", List.of("order"), "properties", Map.of("order", Map.of(
                "type", "object", "required", List.of("id", "lines"), "properties", Map.of(
                        "id", Map.of("type", "string"),
                        "lines", Map.of("type", "array", "items", Map.of("type", "object", "required", List.of("sku", "qty"),
                                "properties", Map.of("sku", Map.of("type", "string"), "qty", Map.of("type", "integer"))))))));
    }

    private String create(String path, String method, String requestTemplate, Map<String, String> translationMap,
            Map<String, String> defaults, String successTemplate, Map<String, Object> inputSchema) throws Exception {
        return createAt("http://127.0.0.1:" + remote.getAddress().getPort() + "/erp/" + path, method, requestTemplate,
                translationMap, defaults, successTemplate, inputSchema);
    }

    @SuppressWarnings("unchecked")
    private String createAt(String url, String method, String requestTemplate, Map<String, String> translationMap,
            Map<String, String> defaults, String successTemplate, Map<String, Object> inputSchema) throws Exception {
        JsonSchemaDocument input = new JsonSchemaDocument().type("object")
                .properties((Map<String, Object>) inputSchema.getOrDefault("properties", Map.of()))
                .required((List<String>) inputSchema.getOrDefault("required", List.of()));
        ActionConfig config = new ActionConfig().timeoutSeconds(5);
        config.setRequest(new RequestConfig().requestUrlTemplate(url).requestType(method).requestTemplate(requestTemplate)
                .headers(Map.of("Content-Type", "application/json")));
        config.setResponse(new ResponseConfig().translationMap(translationMap).translationMapDefaults(defaults)
                .successTemplate(successTemplate));
        return integrations.postIntegrationsActions(new PostActionInput().name("Test " + System.nanoTime())
                .category("ERP Actions").integrationId(integrationId).config(config)
                .contract(new ActionContractInput().input(new PostInputContract().inputSchema(input))
                        .output(new PostOutputContract().successSchema(new JsonSchemaDocument().type("object")))))
                .getId();
    }

    private static void respond(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }
}
