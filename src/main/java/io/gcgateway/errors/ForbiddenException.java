package io.gcgateway.errors;

import io.smallrye.graphql.api.ErrorCode;

/** The caller (or the gateway's Genesys OAuth client) lacks the permission the operation needs. */
@ErrorCode(ForbiddenException.CODE)
public class ForbiddenException extends GatewayException {
    public static final String CODE = "FORBIDDEN";

    public ForbiddenException(String message) {
        super(message);
    }

    public ForbiddenException(String message, String contextId) {
        super(message, contextId);
    }

    @Override
    public String code() {
        return CODE;
    }
}
