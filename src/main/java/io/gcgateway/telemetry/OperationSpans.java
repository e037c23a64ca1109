package io.gcgateway.telemetry;

import java.util.List;
import java.util.concurrent.TimeUnit;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.quarkus.arc.Arc;

/**
 * The span of a GraphQL request (the HTTP server span of {@code POST /graphql}: one operation per request) described
 * as the operation ({@code graphql.operation.type} and {@code .name}, the outcome {@code ok}, {@code partial} or
 * {@code error}, and the error codes), with a child span named as the operation ({@code query Agents}) for its
 * execution. Genesys calls and Redis commands are children of the request's span. Quarkus names the request's span
 * after its route when the response ends, so the operation's name goes on a span of its own.
 * SmallRye's own GraphQL span is off: it opens a scope in one event and closes it in another, which breaks with
 * asynchronous resolvers (smallrye-graphql#1806).
 */
public final class OperationSpans {
    static final AttributeKey<String> TYPE = AttributeKey.stringKey("graphql.operation.type");
    static final AttributeKey<String> NAME = AttributeKey.stringKey("graphql.operation.name");
    static final AttributeKey<String> OUTCOME = AttributeKey.stringKey("gateway.outcome");
    static final AttributeKey<List<String>> CODES = AttributeKey.stringArrayKey("gateway.error.codes");

    private static volatile Tracer tracer;

    private OperationSpans() {
    }

    /**
     * Describes the request's span as the operation, and adds the operation's own span ({@code query Agents}), which
     * covered the last {@code nanos}; {@code name} is already bounded (a metric label).
     */
    public static void describe(String type, String name, String outcome, List<String> codes, long nanos) {
        Span request = Span.current();
        if (!request.isRecording()) {
            return;
        }
        describe(request, type, name, outcome, codes);
        long now = System.currentTimeMillis() * 1_000_000L;
        Span operation = tracer().spanBuilder(type + " " + name).setParent(Context.current())
                .setStartTimestamp(now - nanos, TimeUnit.NANOSECONDS).startSpan();
        describe(operation, type, name, outcome, codes);
        operation.end(now, TimeUnit.NANOSECONDS);
    }

    private static void describe(Span span, String type, String name, String outcome, List<String> codes) {
        span.setAttribute(TYPE, type);
        span.setAttribute(NAME, name);
        span.setAttribute(OUTCOME, outcome);
        if (!codes.isEmpty()) {
            span.setAttribute(CODES, codes);
        }
        if ("error".equals(outcome)) {
            span.setStatus(StatusCode.ERROR, codes.isEmpty() ? "error" : codes.get(0));
        }
    }

    private static Tracer tracer() {
        Tracer found = tracer;
        if (found == null) {
            found = tracer = Arc.container().instance(Tracer.class).get();
        }
        return found;
    }
}
