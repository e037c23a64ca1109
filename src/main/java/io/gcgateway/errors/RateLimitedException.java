package io.gcgateway.errors;

import io.smallrye.graphql.api.ErrorCode;
import jakarta.json.Json;

/** Too many requests (at Genesys or at the gateway); {@code retryAfterSeconds} says when to try again. */
@ErrorCode(RateLimitedException.CODE)
public class RateLimitedException extends GatewayException {
    public static final String CODE = "RATE_LIMITED";

    private final long retryAfterSeconds;

    public RateLimitedException(String message, long retryAfterSeconds, String contextId) {
        super(message, contextId);
        this.retryAfterSeconds = retryAfterSeconds;
        extension("retryAfterSeconds", Json.createValue(retryAfterSeconds));
    }

    public long retryAfterSeconds() {
        return retryAfterSeconds;
    }

    @Override
    public String code() {
        return CODE;
    }
}
