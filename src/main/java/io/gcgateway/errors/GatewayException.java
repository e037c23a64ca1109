package io.gcgateway.errors;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import graphql.ErrorClassification;
import graphql.ErrorType;
import graphql.GraphQLError;
import graphql.language.SourceLocation;
import jakarta.json.Json;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;

import io.gcgateway.telemetry.TraceIds;

/**
 * Base of every failure a GraphQL client can see. Each subclass carries one {@code extensions.code} (through
 * {@link io.smallrye.graphql.api.ErrorCode}); extra machine-readable details travel as extension fields.
 * <p>
 * It implements {@link GraphQLError} only so that graphql-java copies {@link #getExtensions()} into the error it
 * reports; the message is always written for the client: never an upstream URL, header, token or stack trace.
 */
public abstract class GatewayException extends RuntimeException implements GraphQLError {

    private final Map<String, Object> extensions = new LinkedHashMap<>();

    protected GatewayException(String message) {
        super(message, null, false, false);
        // The trace of the request that failed, so an error a user reports leads to it.
        String traceId = TraceIds.current();
        if (traceId != null) {
            extension("traceId", Json.createValue(traceId));
        }
    }

    protected GatewayException(String message, String contextId) {
        this(message);
        if (contextId != null && !contextId.isBlank()) {
            extension("contextId", Json.createValue(contextId));
        }
    }

    /** Adds an extension field; values are JSON so that lists and objects keep their shape in the response. */
    protected final void extension(String key, JsonValue value) {
        extensions.put(key, value);
    }

    /** The {@code extensions.code} of this failure, as declared by the subclass's {@code @ErrorCode}. */
    public abstract String code();

    /** The Genesys {@code contextId} (correlation id) of the upstream failure, if there was one. */
    public String contextId() {
        Object value = extensions.get("contextId");
        return value instanceof JsonString s ? s.getString() : null;
    }

    @Override
    public Map<String, Object> getExtensions() {
        return Collections.unmodifiableMap(extensions);
    }

    @Override
    public List<SourceLocation> getLocations() {
        return null;
    }

    @Override
    public ErrorClassification getErrorType() {
        return ErrorType.DataFetchingException;
    }
}
