package io.gcgateway.errors;

import io.smallrye.graphql.api.ErrorCode;
import jakarta.json.Json;

/**
 * Genesys ran the data action but the action failed: its remote endpoint answered an error or could not be reached,
 * or its templates could not process the result. {@code actionErrorCode} is the Genesys detail code
 * (e.g. {@code ACTION.REMOTE_ENDPOINT}, {@code ACTION.PROCESSING}). Not a Genesys outage.
 */
@ErrorCode(DataActionFailedException.CODE)
public class DataActionFailedException extends GatewayException {
    public static final String CODE = "DATA_ACTION_FAILED";

    public DataActionFailedException(String message, String actionErrorCode, String contextId) {
        super(message, contextId);
        if (actionErrorCode != null) {
            extension("actionErrorCode", Json.createValue(actionErrorCode));
        }
    }

    @Override
    public String code() {
        return CODE;
    }
}
