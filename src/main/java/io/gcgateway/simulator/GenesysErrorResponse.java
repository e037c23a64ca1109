package io.gcgateway.simulator;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonInclude;

import io.quarkus.runtime.annotations.RegisterForReflection;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/** The Genesys {@code ErrorBody} as the simulator writes it. */
@RegisterForReflection
@JsonInclude(JsonInclude.Include.NON_NULL)
public record GenesysErrorResponse(
        String message,
        String code,
        int status,
        String contextId,
        Map<String, String> messageParams,
        List<Map<String, String>> details,
        List<Object> errors) {

    /** The usual {@code code} Genesys sends with a status. */
    public static String defaultCode(int status) {
        return switch (status) {
            case 400 -> "bad.request";
            case 401 -> "authentication.required";
            case 403 -> "missing.any.permissions";
            case 404 -> "not.found";
            case 408 -> "client.timeout";
            case 409 -> "conflict";
            case 413 -> "request.entity.too.large";
            case 415 -> "unsupported.media.type";
            case 422 -> "payload.or.params.invalid";
            case 429 -> "too.many.requests.retry.after";
            case 502 -> "bad.gateway";
            case 503 -> "service.unavailable";
            case 504 -> "request.timeout";
            default -> status >= 500 ? "internal.server.error" : "bad.request";
        };
    }

    public static Response response(int status, String code, String message, String contextId) {
        return response(status, code, message, contextId, List.of(), null);
    }

    public static Response response(int status, String code, String message, String contextId,
            List<Map<String, String>> details, Long retryAfterSeconds) {
        Response.ResponseBuilder builder = Response.status(status)
                .type(MediaType.APPLICATION_JSON_TYPE)
                .entity(new GenesysErrorResponse(message, code, status, contextId, Map.of(), details, List.of()));
        if (retryAfterSeconds != null) {
            builder.header("Retry-After", retryAfterSeconds);
        }
        return builder.build();
    }
}
