package io.gcgateway.errors;

import io.smallrye.graphql.api.ErrorCode;

/** Genesys answered with an error the gateway has no more specific code for. */
@ErrorCode(UpstreamErrorException.CODE)
public class UpstreamErrorException extends GatewayException {
    public static final String CODE = "UPSTREAM_ERROR";

    public UpstreamErrorException(String message) {
        super(message);
    }

    public UpstreamErrorException(String message, String contextId) {
        super(message, contextId);
    }

    @Override
    public String code() {
        return CODE;
    }
}
