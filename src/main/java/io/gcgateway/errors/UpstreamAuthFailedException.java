package io.gcgateway.errors;

import io.smallrye.graphql.api.ErrorCode;

/** The gateway could not obtain or use a Genesys access token (token endpoint failing or credentials rejected). */
@ErrorCode(UpstreamAuthFailedException.CODE)
public class UpstreamAuthFailedException extends GatewayException {
    public static final String CODE = "UPSTREAM_AUTH_FAILED";

    public UpstreamAuthFailedException(String message) {
        super(message);
    }

    public UpstreamAuthFailedException(String message, String contextId) {
        super(message, contextId);
    }

    @Override
    public String code() {
        return CODE;
    }
}
