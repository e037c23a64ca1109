package io.gcgateway.telemetry;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.Span;

/**
 * Failed Genesys calls as events on the request's span, with the Genesys {@code contextId} Genesys support can look
 * up. Each attempt is already a client span (Quarkus traces the HTTP client: method and route template, status); the
 * {@code ININ-Correlation-Id} header is not on it, since that span ends before a REST client filter sees the response.
 */
public final class UpstreamSpans {
    static final AttributeKey<String> CALL = AttributeKey.stringKey("genesys.call");
    static final AttributeKey<String> CODE = AttributeKey.stringKey("gateway.error.code");
    static final AttributeKey<String> CONTEXT_ID = AttributeKey.stringKey("genesys.context_id");

    private UpstreamSpans() {
    }

    /** Records that {@code call} (e.g. {@code UsersRestClient.users}) failed with {@code code}, after any retries. */
    public static void failed(String call, String code, String contextId) {
        Span span = Span.current();
        if (!span.isRecording()) {
            return;
        }
        var attributes = Attributes.builder().put(CALL, call).put(CODE, code);
        if (contextId != null) {
            attributes.put(CONTEXT_ID, contextId);
        }
        span.addEvent("genesys.call.failed", attributes.build());
    }
}
