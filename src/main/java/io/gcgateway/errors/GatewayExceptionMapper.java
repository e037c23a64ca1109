package io.gcgateway.errors;

import java.util.LinkedHashMap;
import java.util.Map;

import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import jakarta.json.JsonValue;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/** Gateway errors on plain HTTP routes (exports, dashboard): the same code and fields as in GraphQL, as JSON. */
class GatewayExceptionMapper {
    private static final ObjectMapper JSON = new ObjectMapper();

    @ServerExceptionMapper
    Response toResponse(GatewayException e) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("code", e.code());
        body.put("message", e.getMessage());
        e.getExtensions().forEach((key, value) -> body.put(key, json(value)));
        Response.ResponseBuilder response = Response.status(status(e.code())).type(MediaType.APPLICATION_JSON_TYPE)
                .entity(body);
        if (e instanceof RateLimitedException limited) {
            response.header("Retry-After", limited.retryAfterSeconds());
        }
        return response.build();
    }

    private static Object json(Object value) {
        try {
            return value instanceof JsonValue ? JSON.readTree(value.toString()) : value;
        } catch (JsonProcessingException e) {
            return value.toString();
        }
    }

    static int status(String code) {
        return switch (code) {
            case ValidationFailedException.CODE -> 400;
            case UnauthenticatedException.CODE -> 401;
            case ForbiddenException.CODE -> 403;
            case NotFoundException.CODE -> 404;
            case VersionConflictException.CODE -> 409;
            case RateLimitedException.CODE -> 429;
            case UpstreamUnavailableException.CODE -> 503;
            case UpstreamTimeoutException.CODE -> 504;
            default -> 502;
        };
    }
}
