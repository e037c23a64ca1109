package io.gcgateway.gateway;

import io.gcgateway.security.CallerAccess;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.MIMEHeader;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Answers a request at the front door with a kept response ({@link ResponseCache}), after the same checks the
 * resolvers would make ({@link CallerAccess}: the caller's credentials, the role, one rate-limit token per operation)
 * and in the content type SmallRye's handler would choose; otherwise the request goes the ordinary way and gets the
 * ordinary answer.
 */
@ApplicationScoped
class ResponseServer {
    private static final String DEFAULT_CONTENT_TYPE = "application/graphql-response+json; charset=UTF-8";

    private final ResponseCache responses;
    private final CallerAccess access;
    private final OperationMetrics metrics;

    ResponseServer(ResponseCache responses, CallerAccess access, OperationMetrics metrics) {
        this.responses = responses;
        this.access = access;
        this.metrics = metrics;
    }

    /**
     * Answers {@code request} with a kept response when there is one and the caller may have it; returns false (and
     * leaves the request alone) when there is none. When the caller may not, the request goes on its ordinary way.
     */
    boolean serve(RoutingContext context, JsonObject request) {
        long started = System.nanoTime();
        ResponseCache.Response response = responses.lookup(request);
        if (response == null) {
            return false;
        }
        String contentType = contentType(context);
        if (contentType == null) {
            return false;
        }
        access.admits(context, response.role(), response.operations()).subscribe().with(admitted -> {
            if (!admitted) {
                context.next();
                return;
            }
            responses.countHit();
            response.onReuse().forEach(Runnable::run);
            context.response().setStatusCode(200).putHeader(HttpHeaders.CONTENT_TYPE, contentType).end(response.body());
            metrics.served(response.operationName(), System.nanoTime() - started);
        }, context::fail);
        return true;
    }

    /**
     * The content type SmallRye's handler would answer with (the first acceptable {@code Accept} value, else its
     * default), or null when it would refuse the request or use another charset: those go the ordinary way.
     */
    static String contentType(RoutingContext context) {
        if (context.request().getHeader(HttpHeaders.ACCEPT) == null) {
            return DEFAULT_CONTENT_TYPE;
        }
        for (MIMEHeader accept : context.parsedHeaders().accept()) {
            String value = accept.rawValue();
            if (value.startsWith("application/json") || value.startsWith("application/graphql-response+json")
                    || value.startsWith("application/graphql+json")) {
                String charset = accept.parameter("charset");
                return charset == null || charset.equalsIgnoreCase("utf-8") ? value : null;
            }
            if (value.startsWith("*/*")) {
                return DEFAULT_CONTENT_TYPE;
            }
        }
        return null;
    }
}
