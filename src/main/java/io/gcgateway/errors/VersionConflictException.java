package io.gcgateway.errors;

import io.smallrye.graphql.api.ErrorCode;
import jakarta.json.Json;

/** An optimistic-concurrency check failed; {@code currentVersion} is what the caller should retry with, if known. */
@ErrorCode(VersionConflictException.CODE)
public class VersionConflictException extends GatewayException {
    public static final String CODE = "VERSION_CONFLICT";

    public VersionConflictException(String message, String currentVersion, String contextId) {
        super(message, contextId);
        if (currentVersion != null) {
            extension("currentVersion", Json.createValue(currentVersion));
        }
    }

    public VersionConflictException(String message, long currentVersion) {
        super(message);
        extension("currentVersion", Json.createValue(currentVersion));
    }

    /** A conversation (which has no version at Genesys) changed: {@code currentEtag} (also as currentVersion). */
    public static VersionConflictException etag(String message, String currentEtag) {
        VersionConflictException conflict = new VersionConflictException(message, currentEtag, null);
        conflict.extension("currentEtag", Json.createValue(currentEtag));
        return conflict;
    }

    @Override
    public String code() {
        return CODE;
    }
}
