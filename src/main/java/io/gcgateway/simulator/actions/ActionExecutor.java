package io.gcgateway.simulator.actions;

import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.jayway.jsonpath.JsonPath;
import com.jayway.jsonpath.PathNotFoundException;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;

import org.apache.velocity.VelocityContext;
import org.apache.velocity.app.VelocityEngine;

import io.smallrye.mutiny.Uni;
import jakarta.inject.Singleton;

/**
 * Runs a data action the way Genesys does: validate the input against the contract, render the request URL and
 * body with Velocity, call the remote service, map the response with the JSONPath translation map (defaults for
 * missing paths), render the success template. Each step is recorded for the {@code /test} endpoint.
 * <p>
 * Unlike Genesys, the simulator only calls loopback addresses: it is a test double on the developer's machine.
 */
@Singleton
class ActionExecutor {
    private static final Set<String> WITHOUT_BODY = Set.of("GET", "DELETE");

    private final ObjectMapper mapper;
    private final ActionStore store;
    private final VelocityEngine velocity = new VelocityEngine();
    private final JsonSchemaFactory schemas = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V7);
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    ActionExecutor(ObjectMapper mapper, ActionStore store) {
        this.mapper = mapper;
        this.store = store;
        velocity.init();
    }

    /** Outcome of a run: the result, or the failing step's error (status, code, message, detail error code). */
    record Run(List<Map<String, Object>> steps, JsonNode result, int status, String code, String message, String errorCode) {
        boolean success() {
            return result != null;
        }
    }

    Uni<Run> run(String actionId, JsonNode input) {
        JsonNode action = store.full(actionId);
        List<Map<String, Object>> steps = new ArrayList<>();
        JsonNode body = input == null || input.isNull() ? mapper.createObjectNode() : input;

        List<String> invalid = validate(action.path("contract").path("input").path("inputSchema"), body);
        if (!invalid.isEmpty()) {
            return fail(steps, "Validate input against schema", 400, "bad.request",
                    "Input does not match the action's input contract: " + String.join("; ", invalid), "ACTION.INPUT_VALIDATION");
        }
        steps.add(step("Validate input against schema", true, null));

        JsonNode request = action.path("config").path("request");
        VelocityContext context = new VelocityContext(new LinkedHashMap<>(TemplateValues.tools()));
        Object inputValue = TemplateValues.of(body);
        if (inputValue instanceof TemplateValues.JsonObject object) {
            object.put("rawRequest", body.toString());
        }
        context.put("input", inputValue);
        context.put("credentials", Map.of());
        URI url;
        String requestBody;
        try {
            url = URI.create(render(request.path("requestUrlTemplate").asText(), context).trim());
            requestBody = render(request.path("requestTemplate").asText("${input.rawRequest}"), context);
        } catch (RuntimeException e) {
            return fail(steps, "Render request", 400, "bad.request", "Request template failed: " + e.getMessage(), "ACTION.PROCESSING");
        }
        if (!loopback(url)) {
            return fail(steps, "Render request", 400, "bad.request",
                    "The simulator only calls loopback addresses, not " + url.getHost(), "ACTION.REMOTE_ENDPOINT");
        }
        steps.add(step("Render request", true, Map.of("url", url.toString(), "body", requestBody)));

        String method = request.path("requestType").asText("POST");
        HttpRequest.Builder call = HttpRequest.newBuilder(url)
                .timeout(Duration.ofSeconds(action.path("config").path("timeoutSeconds").asInt(10)))
                .method(method, WITHOUT_BODY.contains(method) ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(requestBody));
        request.path("headers").fields().forEachRemaining(h -> call.header(h.getKey(), render(h.getValue().asText(), context)));
        return Uni.createFrom().completionStage(() -> http.sendAsync(call.build(), HttpResponse.BodyHandlers.ofString()))
                .map(response -> afterResponse(action, steps, response))
                .onFailure().recoverWithItem(failure -> failure instanceof HttpTimeoutException
                        ? failed(steps, "Execute request", 504, "request.timeout", "The remote service did not answer in time",
                                "ACTION.REMOTE_TIMEOUT")
                        : failed(steps, "Execute request", 502, "bad.gateway",
                                "The remote service could not be reached: " + failure.getClass().getSimpleName(), "ACTION.REMOTE_ENDPOINT"));
    }

    private Run afterResponse(JsonNode action, List<Map<String, Object>> steps, HttpResponse<String> response) {
        if (response.statusCode() >= 300) {
            int status = response.statusCode() >= 500 ? 502 : 400;
            return failed(steps, "Execute request", status, status == 502 ? "bad.gateway" : "bad.request",
                    "REST call for action execute failed: the remote service answered HTTP " + response.statusCode(),
                    "ACTION.REMOTE_ENDPOINT");
        }
        steps.add(step("Execute request", true, Map.of("status", response.statusCode())));

        JsonNode config = action.path("config").path("response");
        VelocityContext context = new VelocityContext(new LinkedHashMap<>(TemplateValues.tools()));
        context.put("rawResult", response.body());
        Map<String, Object> translated = new LinkedHashMap<>();
        var translationMap = config.path("translationMap").fields();
        while (translationMap.hasNext()) {
            var entry = translationMap.next();
            String value;
            try {
                value = mapper.writeValueAsString(JsonPath.read(response.body(), entry.getValue().asText()));
            } catch (PathNotFoundException | IllegalArgumentException | JsonProcessingException e) {
                JsonNode fallback = config.path("translationMapDefaults").get(entry.getKey());
                if (fallback == null) {
                    return failed(steps, "Apply translation map", 400, "bad.request", "JSONPath '" + entry.getValue().asText()
                            + "' for '" + entry.getKey() + "' matched nothing and has no default", "ACTION.PROCESSING");
                }
                value = fallback.asText();
            }
            context.put(entry.getKey(), value);
            translated.put(entry.getKey(), value);
        }
        steps.add(step("Apply translation map", true, translated));

        try {
            JsonNode result = mapper.readTree(render(config.path("successTemplate").asText("${rawResult}"), context));
            steps.add(step("Apply output transformation", true, null));
            return new Run(steps, result, 200, null, null, null);
        } catch (JsonProcessingException | RuntimeException e) {
            return failed(steps, "Apply output transformation", 400, "bad.request",
                    "Transform failed to process result using 'successTemplate' template", "ACTION.PROCESSING");
        }
    }

    private List<String> validate(JsonNode schema, JsonNode input) {
        if (!schema.isObject()) {
            return List.of();
        }
        JsonSchema compiled = schemas.getSchema(schema);
        return compiled.validate(input).stream()
                .map(ValidationMessage::getMessage)
                .sorted()
                .toList();
    }

    private String render(String template, VelocityContext context) {
        StringWriter out = new StringWriter();
        velocity.evaluate(context, out, "action", template);
        return out.toString();
    }

    /** Decided from the URL alone: other host names are not even resolved. */
    private static boolean loopback(URI url) {
        String host = url.getHost();
        return host != null && (host.equals("localhost") || host.startsWith("127.") || host.equals("[::1]") || host.equals("::1"));
    }

    private static Uni<Run> fail(List<Map<String, Object>> steps, String name, int status, String code, String message,
            String errorCode) {
        return Uni.createFrom().item(failed(steps, name, status, code, message, errorCode));
    }

    private static Run failed(List<Map<String, Object>> steps, String name, int status, String code, String message,
            String errorCode) {
        Map<String, Object> error = new LinkedHashMap<>();
        error.put("message", message);
        error.put("code", code);
        error.put("status", status);
        error.put("details", List.of(Map.of("errorCode", errorCode)));
        Map<String, Object> failedStep = step(name, false, null);
        failedStep.put("error", error);
        steps.add(failedStep);
        return new Run(steps, null, status, code, message, errorCode);
    }

    private static Map<String, Object> step(String name, boolean success, Object result) {
        Map<String, Object> step = new LinkedHashMap<>();
        step.put("name", name);
        step.put("success", success);
        if (result != null) {
            step.put("result", result);
        }
        return step;
    }
}
