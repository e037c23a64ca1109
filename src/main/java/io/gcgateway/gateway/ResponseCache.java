package io.gcgateway.gateway;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;

import org.jboss.logging.Logger;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;

import graphql.ExecutionInput;
import graphql.ExecutionResult;
import graphql.GraphQLContext;
import graphql.language.Document;
import graphql.language.Field;
import graphql.language.OperationDefinition;
import graphql.language.Selection;
import graphql.schema.DataFetchingEnvironment;
import io.gcgateway.cache.CacheStatus;
import io.gcgateway.security.CallerAccess;
import io.gcgateway.security.Role;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.graphql.api.Context;
import io.smallrye.graphql.execution.ExecutionResponse;
import io.smallrye.graphql.execution.context.SmallRyeContext;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.MIMEHeader;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.json.JsonNumber;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;

/**
 * Whole GraphQL responses, kept in this replica's memory and answered at the front door without running the query
 * again: the cache tier in front of the Redis analytics cache.
 * <p>
 * A response is kept the second time it is produced (most queries are never repeated), and only when every root
 * field of the query said its result may be reused, and until when ({@link #reusable}); today that is the analytics
 * queries, whose results do not change until their Redis entry's freshness ends. It is never kept when the query
 * is not a plain query, had any error, or selects something that differs per request (the analytics
 * {@code cache.ttlSeconds}). The key is the request itself: the document, the operation name and the variables, as
 * sent.
 * <p>
 * A kept response is served only after the same checks the resolvers would make ({@link CallerAccess}: the caller's
 * credentials, the role, one rate-limit token per operation); otherwise the request goes the ordinary way and gets
 * the ordinary answer. {@code invalidateAnalyticsCache} empties every replica's responses: at once in its own, and
 * within {@code invalidation-poll} in the others (through a generation number in Redis).
 */
@ApplicationScoped
public class ResponseCache {
    static final String GENERATION_KEY = "gateway:responses:v1:generation";
    private static final String HINTS = ResponseCache.class.getName() + ".hints";
    private static final String STARTED_AFTER = ResponseCache.class.getName() + ".startedAfter";
    private static final String DEFAULT_CONTENT_TYPE = "application/graphql-response+json; charset=UTF-8";
    /** Larger responses are not kept: one would crowd out many. */
    private static final int MAX_RESPONSE_BYTES = 1024 * 1024;
    private static final Duration REDIS_TIMEOUT = Duration.ofMillis(500);
    /** Keys of responses seen once and not kept yet (see firstSight). */
    private static final int SEEN_ONCE = 10_000;
    private static final Logger LOG = Logger.getLogger(ResponseCache.class);

    private final GatewayConfig.ResponseCacheConfig config;
    private final CallerAccess access;
    private final ReactiveRedisDataSource redis;
    private final CacheStatus status;
    private final Vertx vertx;
    private final Cache<String, Response> responses;
    private final Cache<String, Boolean> seenOnce;
    private final Counter hits;
    private final Counter stored;
    /** The last generation number read from Redis (other replicas' invalidations). */
    private volatile String generation;
    /** Counts this replica's emptyings: an execution that started before one must not keep its response. */
    private final AtomicLong emptied = new AtomicLong();
    private long poller = -1;

    ResponseCache(GatewayConfig config, CallerAccess access, ReactiveRedisDataSource redis, CacheStatus status, Vertx vertx,
            MeterRegistry registry) {
        this.config = config.graphql().responseCache();
        this.access = access;
        this.redis = redis;
        this.status = status;
        this.vertx = vertx;
        this.responses = Caffeine.newBuilder()
                .maximumWeight(this.config.maxMemory().asLongValue())
                .weigher((String key, Response response) -> 2 * key.length() + response.body().length())
                .expireAfter(new Expiry<String, Response>() {
                    @Override
                    public long expireAfterCreate(String key, Response response, long now) {
                        return Math.max(0, response.expiresAt() - System.currentTimeMillis()) * 1_000_000;
                    }

                    @Override
                    public long expireAfterUpdate(String key, Response response, long now, long remaining) {
                        return expireAfterCreate(key, response, now);
                    }

                    @Override
                    public long expireAfterRead(String key, Response response, long now, long remaining) {
                        return remaining;
                    }
                })
                .build();
        this.seenOnce = Caffeine.newBuilder().maximumSize(SEEN_ONCE).expireAfterWrite(this.config.maxAge()).build();
        this.hits = Counter.builder("gateway.graphql.response.cache.requests").tag("result", "hit")
                .description("Requests answered with a kept response, without running the query").register(registry);
        this.stored = Counter.builder("gateway.graphql.response.cache.requests").tag("result", "stored")
                .description("Responses kept for reuse").register(registry);
        registry.gauge("gateway.graphql.response.cache.size", responses, cache -> cache.estimatedSize());
    }

    /** A kept response: its body, who may have it, and what to count when it is reused. */
    private record Response(Buffer body, Role role, int operations, long expiresAt, List<Runnable> onReuse) {
    }

    // ---- Resolvers say what may be reused -------------------------------------------------------------------

    /**
     * Called by a root-field resolver: its result may be given to any caller with {@code role} until
     * {@code freshUntilMillis}; {@code onReuse} runs each time it is (for the resolver's own metrics).
     */
    public static void reusable(DataFetchingEnvironment env, Role role, long freshUntilMillis, Runnable onReuse) {
        hints(env).reusable(role, freshUntilMillis, onReuse);
    }

    /** Called by a root-field resolver whose result must not be reused. */
    public static void notReusable(DataFetchingEnvironment env) {
        hints(env).refuse();
    }

    private static Hints hints(DataFetchingEnvironment env) {
        GraphQLContext context = env.getGraphQlContext();
        return context.computeIfAbsent(HINTS, ignored -> new Hints());
    }

    /** What the root fields of one execution said; they may complete on different threads. */
    private static final class Hints {
        private int reusable;
        private boolean refused;
        private long freshUntil = Long.MAX_VALUE;
        private Role role = Role.READER;
        private final List<Runnable> onReuse = new ArrayList<>(1);

        synchronized void reusable(Role fieldRole, long fieldFreshUntil, Runnable fieldOnReuse) {
            reusable++;
            freshUntil = Math.min(freshUntil, fieldFreshUntil);
            role = fieldRole.compareTo(role) > 0 ? fieldRole : role;
            onReuse.add(fieldOnReuse);
        }

        synchronized void refuse() {
            refused = true;
        }
    }

    // ---- Keeping a response, after execution ----------------------------------------------------------------

    /** Notes when an execution starts (SmallRye's before-execute event; see GraphQLEngine), for {@link #keep}. */
    void started(Context context) {
        ExecutionInput input = context.unwrap(ExecutionInput.class);
        if (config.enabled() && input != null) {
            input.getGraphQLContext().put(STARTED_AFTER, emptied.get());
        }
    }

    /** Keeps the response of an execution that may be reused (SmallRye's after-execute event; see GraphQLEngine). */
    void keep(Context context) {
        ExecutionInput input = context.unwrap(ExecutionInput.class);
        if (!config.enabled() || input == null || !input.getGraphQLContext().hasKey(HINTS)) {
            return;
        }
        Hints hints = input.getGraphQLContext().get(HINTS);
        Long startedAfter = input.getGraphQLContext().get(STARTED_AFTER);
        if (startedAfter == null || startedAfter != emptied.get()) {
            // Invalidated while it ran: it may hold what was read before.
            return;
        }
        ExecutionResult result = context.unwrap(ExecutionResult.class);
        if (result == null || !result.getErrors().isEmpty() || !result.isDataPresent()) {
            return;
        }
        Response response;
        synchronized (hints) {
            int operations = reusableRootFields(context.unwrap(Document.class), input.getOperationName());
            long expiresAt = Math.min(hints.freshUntil, System.currentTimeMillis() + config.maxAge().toMillis());
            if (hints.refused || operations != hints.reusable || operations == 0 || expiresAt <= System.currentTimeMillis()) {
                return;
            }
            String key = key(context.getRequest());
            if (key == null || firstSight(key)) {
                return;
            }
            // The same serialization SmallRye's HTTP handler writes.
            Map<String, Object> extensions = context instanceof SmallRyeContext smallRye
                    ? smallRye.getAddedExtensions()
                    : null;
            Buffer body = Buffer.buffer(new ExecutionResponse(result, extensions).getExecutionResultAsString()
                    .getBytes(StandardCharsets.UTF_8));
            if (body.length() > MAX_RESPONSE_BYTES) {
                return;
            }
            response = new Response(body, hints.role, operations, expiresAt, List.copyOf(hints.onReuse));
            responses.put(key, response);
        }
        stored.increment();
    }

    /**
     * Whether this is the first time the response of {@code key} could be kept: then it is only remembered. Most
     * queries seen once are never repeated (paging, ad-hoc filters); keeping only what comes back saves their
     * serialization and leaves the memory to responses that are reused.
     */
    private boolean firstSight(String key) {
        return seenOnce.asMap().remove(key) == null && seenOnce.asMap().putIfAbsent(key, Boolean.TRUE) == null;
    }

    /**
     * The number of root fields of the operation when all are plain fields of a query (no fragments, no
     * directives; {@code __typename} aside); 0 when the response must not be kept.
     */
    private static int reusableRootFields(Document document, String operationName) {
        if (document == null) {
            return 0;
        }
        OperationDefinition operation = null;
        for (OperationDefinition candidate : document.getDefinitionsOfType(OperationDefinition.class)) {
            if (operationName == null || operationName.equals(candidate.getName())) {
                if (operation != null) {
                    return 0;
                }
                operation = candidate;
            }
        }
        if (operation == null || operation.getOperation() != OperationDefinition.Operation.QUERY
                || !operation.getDirectives().isEmpty()) {
            return 0;
        }
        int fields = 0;
        for (Selection<?> selection : operation.getSelectionSet().getSelections()) {
            if (!(selection instanceof Field field) || !field.getDirectives().isEmpty()) {
                return 0;
            }
            if (!"__typename".equals(field.getName())) {
                fields++;
            }
        }
        return fields;
    }

    // ---- Serving a kept response, at the front door ---------------------------------------------------------

    /**
     * Answers {@code request} with a kept response when there is one and the caller may have it; returns false (and
     * leaves the request alone) when there is none. When the caller may not, the request goes on its ordinary way.
     */
    boolean serve(RoutingContext context, JsonObject request) {
        if (!config.enabled() || responses.estimatedSize() == 0) {
            return false;
        }
        String key = key(request);
        Response response = key == null ? null : responses.getIfPresent(key);
        if (response == null || response.expiresAt() <= System.currentTimeMillis()) {
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
            hits.increment();
            response.onReuse().forEach(Runnable::run);
            context.response().setStatusCode(200).putHeader(HttpHeaders.CONTENT_TYPE, contentType).end(response.body());
        }, context::fail);
        return true;
    }

    /**
     * The content type SmallRye's handler would answer with (the first acceptable {@code Accept} value, else its
     * default), or null when it would refuse the request or use another charset: those go the ordinary way.
     */
    private static String contentType(RoutingContext context) {
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

    // ---- Keys -----------------------------------------------------------------------------------------------

    /**
     * The request as one string: document, operation name and variables (members in the order sent). The front door
     * has the request as Vert.x JSON and the engine as JSON-P; both give the same key. Null when a variable holds a
     * number that is not an integer: the two parsers may write those differently, so such requests are not kept.
     */
    static String key(Object request) {
        StringBuilder key = new StringBuilder(256);
        // Lengths first, so that no text can move between the document and the operation name.
        if (!text(member(request, "query"), key)) {
            return null;
        }
        Object operationName = member(request, "operationName");
        if (isNull(operationName)) {
            key.append('-');
        } else if (!text(operationName, key)) {
            return null;
        }
        Object variables = member(request, "variables");
        return isNull(variables) || canonical(variables, key) ? key.toString() : null;
    }

    private static Object member(Object object, String name) {
        if (object instanceof JsonObject vertx) {
            return vertx.getValue(name);
        }
        if (object instanceof jakarta.json.JsonObject jsonp) {
            return jsonp.get(name);
        }
        return null;
    }

    private static boolean isNull(Object value) {
        return value == null || value == JsonValue.NULL;
    }

    /** Appends a string member as {@code <length>:<text>}; false when it is not a string. */
    private static boolean text(Object value, StringBuilder out) {
        String string = value instanceof String s ? s : value instanceof JsonString s ? s.getString() : null;
        if (string == null) {
            return false;
        }
        out.append(string.length()).append(':').append(string);
        return true;
    }

    /** Appends {@code value} as JSON; false when it holds a non-integer number. */
    private static boolean canonical(Object value, StringBuilder out) {
        if (isNull(value)) {
            out.append("null");
        } else if (value instanceof String || value instanceof JsonString) {
            out.append('"');
            String string = value instanceof String s ? s : ((JsonString) value).getString();
            for (int i = 0; i < string.length(); i++) {
                char c = string.charAt(i);
                if (c == '"' || c == '\\') {
                    out.append('\\').append(c);
                } else if (c < 0x20) {
                    out.append(String.format("\\u%04x", (int) c));
                } else {
                    out.append(c);
                }
            }
            out.append('"');
        } else if (value instanceof Boolean || value == JsonValue.TRUE || value == JsonValue.FALSE) {
            boolean truth = value instanceof Boolean b ? b : value == JsonValue.TRUE;
            out.append(truth);
        } else if (value instanceof Integer || value instanceof Long || value instanceof Short || value instanceof BigInteger) {
            out.append(value);
        } else if (value instanceof JsonNumber number) {
            if (!number.isIntegral()) {
                return false;
            }
            out.append(number.bigIntegerValue());
        } else if (value instanceof Double || value instanceof Float || value instanceof BigDecimal) {
            return false;
        } else if (value instanceof JsonObject || value instanceof Map || value instanceof jakarta.json.JsonObject) {
            Map<?, ?> members = value instanceof JsonObject vertx ? vertx.getMap() : (Map<?, ?>) value;
            out.append('{');
            boolean first = true;
            for (Map.Entry<?, ?> member : members.entrySet()) {
                if (!first) {
                    out.append(',');
                }
                first = false;
                canonical(Objects.toString(member.getKey()), out);
                out.append(':');
                if (!canonical(member.getValue(), out)) {
                    return false;
                }
            }
            out.append('}');
        } else if (value instanceof JsonArray || value instanceof List) {
            List<?> items = value instanceof JsonArray vertx ? vertx.getList() : (List<?>) value;
            out.append('[');
            for (int i = 0; i < items.size(); i++) {
                if (i > 0) {
                    out.append(',');
                }
                if (!canonical(items.get(i), out)) {
                    return false;
                }
            }
            out.append(']');
        } else {
            return false;
        }
        return true;
    }

    // ---- Invalidation ---------------------------------------------------------------------------------------

    /** Empties this replica's responses now and every other replica's within {@code invalidation-poll}. */
    public Uni<Void> invalidateAll() {
        empty();
        if (!status.shouldTry()) {
            return Uni.createFrom().voidItem();
        }
        return redis.execute("INCR", GENERATION_KEY).ifNoItem().after(REDIS_TIMEOUT).fail()
                .invoke(reply -> generation = reply.toString())
                .replaceWithVoid()
                .onFailure().recoverWithItem(failure -> {
                    LOG.debugf("Could not announce a response cache invalidation: %s", failure.toString());
                    return null;
                });
    }

    private void empty() {
        emptied.incrementAndGet();
        responses.invalidateAll();
        seenOnce.invalidateAll();
    }

    void startPolling(@Observes StartupEvent event) {
        if (config.enabled()) {
            poller = vertx.setPeriodic(config.invalidationPoll().toMillis(), ignored -> pollGeneration());
        }
    }

    void stopPolling(@Observes ShutdownEvent event) {
        if (poller >= 0) {
            vertx.cancelTimer(poller);
        }
    }

    /** Another replica's invalidation shows as a new generation number; this replica then empties its responses. */
    private void pollGeneration() {
        if (!status.shouldTry()) {
            return;
        }
        redis.execute("GET", GENERATION_KEY).ifNoItem().after(REDIS_TIMEOUT).fail().subscribe().with(reply -> {
            String current = reply == null ? "0" : reply.toString();
            String seen = generation;
            generation = current;
            if (seen != null && !seen.equals(current)) {
                empty();
            }
        }, failure -> LOG.debugf("Could not read the response cache generation: %s", failure.toString()));
    }
}
