package io.gcgateway.errors;

import io.smallrye.graphql.api.ErrorCode;

/** The gateway client did not prove who it is. */
@ErrorCode(UnauthenticatedException.CODE)
public class UnauthenticatedException extends GatewayException {
    public static final String CODE = "UNAUTHENTICATED";
    /** The message for a request that carries no credentials at all. */
    public static final String CREDENTIALS_REQUIRED =
            "Authentication required: send an API key (X-API-Key) or a bearer JWT";

    public UnauthenticatedException(String message) {
        super(message);
    }

    public UnauthenticatedException(String message, String contextId) {
        super(message, contextId);
    }

    @Override
    public String code() {
        return CODE;
    }
}
