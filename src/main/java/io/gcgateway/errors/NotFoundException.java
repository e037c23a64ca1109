package io.gcgateway.errors;

import io.smallrye.graphql.api.ErrorCode;

/** The requested entity does not exist (at Genesys or in the gateway). */
@ErrorCode(NotFoundException.CODE)
public class NotFoundException extends GatewayException {
    public static final String CODE = "NOT_FOUND";

    public NotFoundException(String message) {
        super(message);
    }

    public NotFoundException(String message, String contextId) {
        super(message, contextId);
    }

    @Override
    public String code() {
        return CODE;
    }
}
