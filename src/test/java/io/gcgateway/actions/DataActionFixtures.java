package io.gcgateway.actions;

import static org.hamcrest.Matchers.nullValue;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.gcgateway.GraphQL;

/** Data actions made through the gateway's own createDataAction, pointing at a test's {@link RemoteService}. */
final class DataActionFixtures {
    static final ObjectMapper JSON = new ObjectMapper();
    static final String CREATE = """
            mutation($in: CreateDataActionInput!) {
              createDataAction(input: $in) { id name category integrationId version contract { inputSchema outputSchema } config }
            }""";

    private DataActionFixtures() {
    }

    /** Creates (and publishes) an action on the seeded "ERP Actions" integration; returns its id. */
    static String createAction(RemoteService remote, String name, String inputSchema, String method, String urlPath, String bodyTemplate,
            Map<String, String> translationMap, String successTemplate) {
        Map<String, Object> request = new LinkedHashMap<>();
        request.put("urlTemplate", remote.baseUrl() + urlPath);
        request.put("method", method);
        request.put("headers", Map.of("Content-Type", "application/json"));
        request.put("bodyTemplate", bodyTemplate);
        Map<String, Object> response = new LinkedHashMap<>();
        response.put("translationMap", translationMap);
        response.put("successTemplate", successTemplate);
        Map<String, Object> input = new LinkedHashMap<>();
        input.put("name", name);
        input.put("integrationName", "ERP Actions");
        input.put("inputSchema", parse(inputSchema));
        input.put("outputSchema", Map.of("type", "object", "additionalProperties", true));
        input.put("request", request);
        input.put("response", response);
        input.put("timeoutSeconds", 10);
        return GraphQL.query(CREATE, Map.of("in", input)).body("errors", nullValue())
                .extract().path("data.createDataAction.id");
    }

    static Object parse(String json) {
        try {
            return JSON.readValue(json, Object.class);
        } catch (IOException e) {
            throw new IllegalArgumentException(e);
        }
    }

    static String executePath(String actionId) {
        return "/api/v2/integrations/actions/" + actionId + "/execute";
    }
}
