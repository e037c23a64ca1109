package io.gcgateway.errors;

import io.smallrye.graphql.api.ErrorCode;
import jakarta.json.Json;

/**
 * An identical request (same idempotency key) is still running; its result will be returned to a retry after
 * {@code retryAfterSeconds}. Nothing was executed for this request.
 */
@ErrorCode(RequestInProgressException.CODE)
public class RequestInProgressException extends GatewayException {
    public static final String CODE = "IN_PROGRESS";

    public RequestInProgressException(String message, long retryAfterSeconds) {
        super(message);
        extension("retryAfterSeconds", Json.createValue(retryAfterSeconds));
    }

    @Override
    public String code() {
        return CODE;
    }
}
