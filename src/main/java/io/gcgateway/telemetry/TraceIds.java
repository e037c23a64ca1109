package io.gcgateway.telemetry;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;

/** The trace id of the work in progress, for error responses and reports: a user's error report finds its trace. */
public final class TraceIds {
    private TraceIds() {
    }

    /** The current trace id, or null outside a trace (tracing off, or no request). */
    public static String current() {
        SpanContext span = Span.current().getSpanContext();
        return span.isValid() ? span.getTraceId() : null;
    }
}
