package io.gcgateway.telemetry;

import java.util.logging.Filter;
import java.util.logging.LogRecord;

import org.jboss.logmanager.ExtLogRecord;

import io.quarkus.logging.LoggingFilter;
import io.smallrye.common.vertx.VertxContext;
import io.vertx.core.Context;
import io.vertx.core.Vertx;

/**
 * Puts the request's {@code caller} and {@code operation} on every log line written while it runs (JSON logs show
 * them under {@code mdc}). They live in the request's Vert.x context, not in the MDC itself: Quarkus's tracing
 * rebuilds the MDC from the span whenever a span starts, which drops any other key.
 */
@LoggingFilter(name = "gateway-request-fields")
public final class RequestLogFields implements Filter {
    public static final String CALLER = "caller";
    public static final String OPERATION = "operation";
    private static final String PREFIX = RequestLogFields.class.getName() + ".";

    /** Names {@code value} as the current request's {@code field}; nothing outside a request. */
    public static void put(String field, String value) {
        Context context = Vertx.currentContext();
        if (context != null && VertxContext.isDuplicatedContext(context)) {
            context.putLocal(PREFIX + field, value);
        }
    }

    @Override
    public boolean isLoggable(LogRecord record) {
        Context context = Vertx.currentContext();
        if (record instanceof ExtLogRecord line && context != null && VertxContext.isDuplicatedContext(context)) {
            copy(context, line, CALLER);
            copy(context, line, OPERATION);
        }
        return true;
    }

    private static void copy(Context context, ExtLogRecord line, String field) {
        Object value = context.getLocal(PREFIX + field);
        if (value != null) {
            line.putMdc(field, value.toString());
        }
    }
}
