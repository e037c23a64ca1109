package io.gcgateway.gateway;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import graphql.parser.InvalidSyntaxException;
import graphql.parser.Parser;
import graphql.parser.ParserEnvironment;
import graphql.parser.ParserOptions;
import graphql.parser.exceptions.ParseCancelledException;
import io.gcgateway.cache.CacheStatus;
import io.gcgateway.cache.RedisKeys;
import io.gcgateway.errors.GraphQLErrorResponse;
import io.gcgateway.errors.UnauthenticatedException;
import io.gcgateway.security.CallerAccess;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
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
 * The front door of {@code POST /graphql}, before SmallRye's handler: the caller is authenticated first, one
 * operation per request (batches are refused), documents that do not parse are answered with the parser's message
 * and a code, and:
 * <p>
 * Automatic persisted queries (the Apollo protocol): a client sends {@code extensions.persistedQuery.sha256Hash}
 * instead of the document; the gateway finds the document in Redis (shared by replicas) or answers
 * {@code PERSISTED_QUERY_NOT_FOUND}, and the client repeats once with the document, which is checked against the
 * hash and stored. Runs in front of the GraphQL handler, which then sees an ordinary request.
 * <p>
 * Allow-list mode ({@code gateway.graphql.allow-list}): only the operations of a manifest run, by hash or as the same
 * document; clients cannot register anything.
 * <p>
 * Once the document is known, a repeated query may be answered from the {@link ResponseCache}.
 */
@ApplicationScoped
class GraphQLRequests {
    static final String PREFIX = "gateway:apq:v1:";
    static final String SYNTAX = "GRAPHQL_PARSE_FAILED";
    private static final int KNOWN_DOCUMENTS = 10_000;
    private static final Duration KEEP = Duration.ofDays(7);
    private static final Duration REDIS_TIMEOUT = Duration.ofMillis(500);
    private static final Logger LOG = Logger.getLogger(GraphQLRequests.class);

    private final ReactiveRedisDataSource redis;
    private final CacheStatus status;
    /** Allow-list mode: the registered documents by hash; null when any document may run. */
    private final Map<String, String> allowed;
    private final int maxTokens;
    private final Map<String, Boolean> parsed = new ConcurrentHashMap<>();

    private final long maxBodyBytes;
    private final ResponseCache responses;
    private final CallerAccess access;

    GraphQLRequests(ReactiveRedisDataSource redis, CacheStatus status, GatewayConfig config, ResponseCache responses,
            CallerAccess access, @ConfigProperty(name = "quarkus.http.limits.max-body-size") MemorySize maxBodySize) {
        this.maxBodyBytes = maxBodySize.asLongValue();
        this.responses = responses;
        this.access = access;
        this.redis = redis;
        this.status = status;
        this.allowed = config.graphql().allowList().map(GraphQLRequests::manifest).orElse(null);
        this.maxTokens = config.graphql().maxTokens();
    }

    /** Reads an Apollo persisted-query manifest; an entry whose id is not its body's SHA-256 stops the start. */
    static Map<String, String> manifest(Path path) {
        try {
            JsonObject manifest = new JsonObject(Files.readString(path));
            Map<String, String> operations = new HashMap<>();
            for (Object entry : manifest.getJsonArray("operations", new JsonArray())) {
                JsonObject operation = (JsonObject) entry;
                String body = operation.getString("body");
                String id = operation.getString("id");
                if (body == null || !RedisKeys.sha256(body).equals(id)) {
                    throw new IllegalStateException("gateway.graphql.allow-list: operation '" + operation.getString("name")
                            + "' has an id that is not the SHA-256 of its body");
                }
                operations.put(id, body);
            }
            LOG.infof("Allow-list mode: %d registered operations may run, nothing else", operations.size());
            return Map.copyOf(operations);
        } catch (IOException | DecodeException | ClassCastException e) {
            throw new IllegalStateException("gateway.graphql.allow-list: cannot read " + path + ": " + e.getMessage(), e);
        }
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
            context.next(); // application/graphql bodies and the like: the GraphQL handler's business
            return;
        }
        Object parsed;
        try {
            parsed = buffer.toJson();
        } catch (DecodeException e) {
            fail(context, SYNTAX, "The request body is not JSON");
            return;
        }
        if (parsed instanceof JsonArray) {
            fail(context, "BATCHING_NOT_SUPPORTED", "Batched requests are not accepted: send one operation per request");
            return;
        }
        if (!(parsed instanceof JsonObject request)) {
            fail(context, SYNTAX, "The request body must be a JSON object with a query");
            return;
        }
        if (allowed != null) {
            allowListed(context, request);
            return;
        }
        JsonObject persisted = request.getJsonObject("extensions", new JsonObject()).getJsonObject("persistedQuery");
        if (persisted == null) {
            if (!responses.serve(context, request)) {
                checkSyntaxThenNext(context, request.getString("query"));
            }
            return;
        }
        String hash = persisted.getString("sha256Hash", "");
        if (!hash.matches("[0-9a-f]{64}") || persisted.getInteger("version", 1) != 1) {
            fail(context, "PERSISTED_QUERY_INVALID", "persistedQuery needs version 1 and a lower-case hex sha256Hash");
            return;
        }
        String query = request.getString("query");
        JsonObject body = request;
        if (query != null) {
            if (!RedisKeys.sha256(query).equals(hash)) {
                fail(context, "PERSISTED_QUERY_HASH_MISMATCH", "sha256Hash is not the SHA-256 of the query");
                return;
            }
            if (status.shouldTry()) {
                redis.execute("SET", PREFIX + hash, query, "EX", String.valueOf(KEEP.toSeconds()))
                        .ifNoItem().after(REDIS_TIMEOUT).fail()
                        .subscribe().with(ok -> status.record(true), failure -> status.record(false));
            }
            if (!responses.serve(context, request)) {
                checkSyntaxThenNext(context, query);
            }
            return;
        }
        if (!status.shouldTry()) {
            fail(context, "PERSISTED_QUERY_NOT_FOUND", "PersistedQueryNotFound");
            return;
        }
        redis.execute("GET", PREFIX + hash).ifNoItem().after(REDIS_TIMEOUT).fail()
                .subscribe().with(stored -> {
                    status.record(true);
                    if (stored == null) {
                        fail(context, "PERSISTED_QUERY_NOT_FOUND", "PersistedQueryNotFound");
                        return;
                    }
                    JsonObject resolved = body.copy().put("query", stored.toString());
                    ((RoutingContextInternal) context).setBody(resolved.toBuffer());
                    if (!responses.serve(context, resolved)) {
                        context.next();
                    }
                }, failure -> {
                    status.record(false);
                    LOG.debugf("Persisted query lookup failed: %s", failure.toString());
                    fail(context, "PERSISTED_QUERY_NOT_FOUND", "PersistedQueryNotFound");
                });
    }

    /**
     * SmallRye answers an unparseable document with a generic error that has no code; parsing here first gives the
     * client the parser's message and a code. Documents that parsed once are remembered (bounded), so a repeated
     * query costs a map lookup, not a second parse.
     */
    private void checkSyntaxThenNext(RoutingContext context, String query) {
        if (query == null || query.isBlank() || parsed.containsKey(query)) {
            context.next();
            return;
        }
        try {
            Parser.parse(ParserEnvironment.newParserEnvironment().document(query)
                    .parserOptions(ParserOptions.getDefaultOperationParserOptions().transform(
                            options -> options.maxTokens(maxTokens)))
                    .build());
        } catch (ParseCancelledException e) {
            fail(context, "QUERY_TOO_COMPLEX", "The document has more than " + maxTokens + " tokens");
            return;
        } catch (InvalidSyntaxException e) {
            fail(context, SYNTAX, e.getMessage());
            return;
        }
        if (parsed.size() > KNOWN_DOCUMENTS) {
            parsed.clear();
        }
        parsed.put(query, Boolean.TRUE);
        context.next();
    }

    /** Allow-list mode: a registered hash runs its document, a registered document runs; nothing else does. */
    private void allowListed(RoutingContext context, JsonObject request) {
        JsonObject persisted = request.getJsonObject("extensions", new JsonObject()).getJsonObject("persistedQuery");
        String query = request.getString("query");
        String hash = query != null ? RedisKeys.sha256(query) : persisted == null ? null : persisted.getString("sha256Hash");
        String document = hash == null ? null : allowed.get(hash);
        if (document == null) {
            fail(context, "OPERATION_NOT_ALLOWED", "Only registered operations run on this gateway (allow-list mode)");
            return;
        }
        JsonObject effective = request;
        if (query == null) {
            effective = request.copy().put("query", document);
            ((RoutingContextInternal) context).setBody(effective.toBuffer());
        }
        if (!responses.serve(context, effective)) {
            context.next();
        }
    }

    private static void fail(RoutingContext context, String code, String message) {
        GraphQLErrorResponse.send(context, 200, code, message);
    }
}
