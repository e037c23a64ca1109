package io.gcgateway.errors;

import io.smallrye.graphql.api.ErrorCode;

/** Genesys did not answer within the call's time budget. For a non-idempotent call the operation may have run. */
@ErrorCode(UpstreamTimeoutException.CODE)
public class UpstreamTimeoutException extends GatewayException {
    public static final String CODE = "UPSTREAM_TIMEOUT";

    public UpstreamTimeoutException(String message) {
        super(message);
    }

    public UpstreamTimeoutException(String message, String contextId) {
        super(message, contextId);
    }

    @Override
    public String code() {
        return CODE;
    }
}
