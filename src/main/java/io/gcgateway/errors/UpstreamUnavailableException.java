package io.gcgateway.errors;

import io.smallrye.graphql.api.ErrorCode;

/** Genesys could not be reached or is failing (5xx, refused or dropped connection, open circuit). */
@ErrorCode(UpstreamUnavailableException.CODE)
public class UpstreamUnavailableException extends GatewayException {
    public static final String CODE = "UPSTREAM_UNAVAILABLE";

    public UpstreamUnavailableException(String message) {
        super(message);
    }

    public UpstreamUnavailableException(String message, String contextId) {
        super(message, contextId);
    }

    @Override
    public String code() {
        return CODE;
    }
}
