package io.gcgateway.gateway;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.gcgateway.cache.RedisKeys;
import io.gcgateway.errors.GraphQLErrorResponse;
import io.gcgateway.errors.UnauthenticatedException;
import io.gcgateway.security.CallerAccess;
import io.gcgateway.telemetry.RequestLogFields;
import io.quarkus.runtime.configuration.MemorySize;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import io.vertx.ext.web.impl.RoutingContextInternal;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * The front door of {@code POST /graphql}, before SmallRye's handler, and what it decides in order: the caller is
 * authenticated first; one operation per request (batches are refused); the document comes from the request, the
 * {@link AllowList} or the {@link PersistedQueries}; a document that does not parse is answered with the parser's
 * message and a code ({@link DocumentSyntax}); a repeated query may be answered with a kept response
 * ({@link ResponseServer}); everything else is executed ({@link GraphQLExecution}, or SmallRye's handler for what
 * that does not serve) as an ordinary request.
 */
@ApplicationScoped
class GraphQLRequests {
    private static final String STARTED = "gateway.graphql.started";
    private final AllowList allowList;
    private final PersistedQueries persisted;
    private final DocumentSyntax syntax;
    private final ResponseServer responses;
    private final CallerAccess access;
    private final OperationMetrics metrics;
    private final GraphQLExecution execution;
    private final long maxBodyBytes;

    GraphQLRequests(AllowList allowList, PersistedQueries persisted, DocumentSyntax syntax, ResponseServer responses,
            CallerAccess access, OperationMetrics metrics, GraphQLExecution execution,
            @ConfigProperty(name = "quarkus.http.limits.max-body-size") MemorySize maxBodySize) {
        this.execution = execution;
        this.metrics = metrics;
        this.allowList = allowList;
        this.persisted = persisted;
        this.syntax = syntax;
        this.responses = responses;
        this.access = access;
        this.maxBodyBytes = maxBodySize.asLongValue();
    }

    void register(@Observes Router router) {
        router.post("/graphql").order(-100).handler(BodyHandler.create().setBodyLimit(maxBodyBytes)).handler(this::handle);
        router.get("/graphql").order(-100).handler(this::upgrade);
    }

    /**
     * Subscriptions: the socket is opened only for an authenticated caller (a 401 otherwise), for the reason
     * {@link #handle} gives; a browser cannot put credentials on a WebSocket, so nothing a client could do is lost.
     */
    private void upgrade(RoutingContext context) {
        if (!"websocket".equalsIgnoreCase(context.request().getHeader(HttpHeaders.UPGRADE))) {
            context.next();
            return;
        }
        whenAuthenticated(context, context::next, () -> {
            context.response().putHeader("WWW-Authenticate", "Bearer");
            GraphQLErrorResponse.send(context, 401, UnauthenticatedException.CODE,
                    UnauthenticatedException.CREDENTIALS_REQUIRED);
        });
    }

    /**
     * Who is calling comes first: nothing of the request is parsed, validated, stored or run for a caller who is not
     * authenticated.
     */
    private void handle(RoutingContext context) {
        context.put(STARTED, System.nanoTime());
        whenAuthenticated(context, () -> route(context),
                () -> fail(context, UnauthenticatedException.CODE, UnauthenticatedException.CREDENTIALS_REQUIRED));
    }

    /** Proceeds for an authenticated caller, refuses one without credentials; invalid ones fail (a 401). */
    private void whenAuthenticated(RoutingContext context, Runnable proceed, Runnable refuse) {
        access.authenticated(context).subscribe().with(authenticated -> (authenticated ? proceed : refuse).run(),
                context::fail);
    }

    private void route(RoutingContext context) {
        String contentType = context.request().getHeader("Content-Type");
        Buffer buffer = context.body().buffer();
        if (buffer == null || contentType == null || !contentType.toLowerCase().startsWith("application/json")) {
            // application/graphql bodies and the like: the GraphQL handler's business, once their size is known to fit.
            DocumentSyntax.Refusal tooLarge = buffer == null ? null : syntax.checkSize(buffer.length());
            if (tooLarge != null) {
                fail(context, tooLarge.code(), tooLarge.message());
            } else {
                context.next();
            }
            return;
        }
        Object parsed;
        try {
            parsed = buffer.toJson();
        } catch (DecodeException e) {
            fail(context, DocumentSyntax.SYNTAX, "The request body is not JSON");
            return;
        }
        if (parsed instanceof JsonArray) {
            fail(context, "BATCHING_NOT_SUPPORTED", "Batched requests are not accepted: send one operation per request");
            return;
        }
        if (!(parsed instanceof JsonObject request)) {
            fail(context, DocumentSyntax.SYNTAX, "The request body must be a JSON object with a query");
            return;
        }
        Object operationName = request.getValue("operationName");
        if (operationName instanceof String name && OperationMetrics.isName(name)) {
            RequestLogFields.put(RequestLogFields.OPERATION, name); // for the request's log lines
        }
        JsonObject persistedQuery = request.getJsonObject("extensions", new JsonObject()).getJsonObject("persistedQuery");
        if (allowList.enabled()) {
            allowListed(context, request, persistedQuery);
        } else if (persistedQuery == null) {
            proceed(context, request, true);
        } else {
            persisted(context, request, persistedQuery);
        }
    }

    /** Allow-list mode: a registered hash runs its document, a registered document runs; nothing else does. */
    private void allowListed(RoutingContext context, JsonObject request, JsonObject persistedQuery) {
        String query = request.getString("query");
        String hash = query != null ? RedisKeys.sha256(query)
                : persistedQuery == null ? null : persistedQuery.getString("sha256Hash");
        String document = allowList.document(hash);
        if (document == null) {
            fail(context, "OPERATION_NOT_ALLOWED", "Only registered operations run on this gateway (allow-list mode)");
            return;
        }
        proceed(context, query == null ? withDocument(context, request, document) : request, false);
    }

    /** Automatic persisted queries: a known hash runs its document; a document sent with its hash is kept. */
    private void persisted(RoutingContext context, JsonObject request, JsonObject persistedQuery) {
        String hash = persistedQuery.getString("sha256Hash", "");
        if (!hash.matches("[0-9a-f]{64}") || persistedQuery.getInteger("version", 1) != 1) {
            fail(context, "PERSISTED_QUERY_INVALID", "persistedQuery needs version 1 and a lower-case hex sha256Hash");
            return;
        }
        String query = request.getString("query");
        if (query != null) {
            if (!RedisKeys.sha256(query).equals(hash)) {
                fail(context, "PERSISTED_QUERY_HASH_MISMATCH", "sha256Hash is not the SHA-256 of the query");
                return;
            }
            DocumentSyntax.Refusal refusal = syntax.check(query, true);
            if (refusal != null) {
                fail(context, refusal.code(), refusal.message()); // nothing is stored
                return;
            }
            persisted.store(hash, query);
            proceed(context, request, false);
            return;
        }
        persisted.find(hash).subscribe().with(stored -> {
            if (stored == null) {
                fail(context, "PERSISTED_QUERY_NOT_FOUND", "PersistedQueryNotFound");
            } else {
                // Known documents were checked when they were stored.
                proceed(context, withDocument(context, request, stored), false);
            }
        }, context::fail);
    }

    /** A kept response when there is one; else, the document checked if it is new here, on to the GraphQL handler. */
    private void proceed(RoutingContext context, JsonObject request, boolean checkSyntax) {
        if (responses.serve(context, request)) {
            return; // only a document that ran before (and so was checked) has a kept response
        }
        DocumentSyntax.Refusal refusal = syntax.check(request.getString("query"), checkSyntax);
        if (refusal != null) {
            fail(context, refusal.code(), refusal.message());
            return;
        }
        String contentType = ResponseServer.contentType(context);
        if (contentType == null || !execution.execute(context, contentType)) {
            context.next(); // SmallRye's handler: its answer to an Accept or charset this does not serve
        }
    }

    /**
     * The request with its document filled in, as the GraphQL handler will read it. Vert.x Web has no public way to
     * replace a request body once read (its {@code setBody} was removed in 4.x); the internal interface is the one
     * there is.
     */
    private static JsonObject withDocument(RoutingContext context, JsonObject request, String document) {
        JsonObject resolved = request.copy().put("query", document);
        ((RoutingContextInternal) context).setBody(resolved.toBuffer());
        return resolved;
    }

    private void fail(RoutingContext context, String code, String message) {
        GraphQLErrorResponse.send(context, 200, code, message);
        Long started = context.get(STARTED);
        metrics.refused(code, started == null ? 0 : System.nanoTime() - started);
    }
}
