package io.gcgateway.errors;

import io.smallrye.graphql.api.ErrorCode;
import jakarta.json.JsonValue;

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

    /**
     * For a call that is not idempotent: it was sent and may have taken effect. {@code extensions.mayHaveRun} tells
     * clients not to repeat it blindly.
     */
    public static UpstreamTimeoutException mayHaveRun(String message, String contextId) {
        UpstreamTimeoutException e = new UpstreamTimeoutException(message, contextId);
        e.extension("mayHaveRun", JsonValue.TRUE);
        return e;
    }

    public boolean isMayHaveRun() {
        return getExtensions().containsKey("mayHaveRun");
    }

    @Override
    public String code() {
        return CODE;
    }
}
