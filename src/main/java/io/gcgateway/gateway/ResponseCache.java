package io.gcgateway.gateway;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;

import graphql.ExecutionInput;
import graphql.ExecutionResult;
import graphql.language.Field;
import graphql.language.OperationDefinition;
import graphql.language.Selection;
import io.gcgateway.security.Role;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.graphql.api.Context;
import io.smallrye.graphql.execution.context.SmallRyeContext;
import io.vertx.core.buffer.Buffer;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Whole GraphQL responses, kept in this replica's memory so that the front door ({@link ResponseServer}) can answer
 * a repeated query without running it: the cache tier in front of the Redis analytics cache.
 * <p>
 * A response is kept the second time it is produced (most queries are never repeated), and only when every root
 * field of the query said its result may be reused, and until when ({@link ResponseReuse}); today that is the
 * analytics queries, whose results do not change until their Redis entry's freshness ends. It is never kept when
 * the query is not a plain query, had any error, or selects something that differs per request (the analytics
 * {@code cache.ttlSeconds}). The key is the request itself ({@link ResponseCacheKey}).
 */
@ApplicationScoped
public class ResponseCache {
    private static final String STARTED_AFTER = ResponseCache.class.getName() + ".startedAfter";
    /** Larger responses are not kept: one would crowd out many. */
    private static final int MAX_RESPONSE_BYTES = 1024 * 1024;
    /** Keys of responses seen once and not kept yet (see firstSight). */
    private static final int SEEN_ONCE = 10_000;

    private final GatewayConfig.ResponseCacheConfig config;
    private final Cache<String, Response> responses;
    private final Cache<String, Boolean> seenOnce;
    private final Counter stored;
    private final Counter hits;
    /** Counts this replica's emptyings: an execution that started before one must not keep its response. */
    private final AtomicLong emptied = new AtomicLong();

    ResponseCache(GatewayConfig config, MeterRegistry registry) {
        this.config = config.graphql().responseCache();
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
    record Response(Buffer body, Role role, int operations, long expiresAt, List<Runnable> onReuse, String operationName) {
    }

    boolean enabled() {
        return config.enabled();
    }

    /** The kept, unexpired response of {@code request}; null when there is none. */
    Response lookup(Object request) {
        if (!config.enabled() || responses.estimatedSize() == 0) {
            return null;
        }
        String key = ResponseCacheKey.of(request);
        Response response = key == null ? null : responses.getIfPresent(key);
        return response == null || response.expiresAt() <= System.currentTimeMillis() ? null : response;
    }

    /** Counts a request answered with a kept response. */
    void countHit() {
        hits.increment();
    }

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
        ResponseReuse reuse = input == null ? null : ResponseReuse.told(input.getGraphQLContext());
        if (!config.enabled() || reuse == null) {
            return;
        }
        Long startedAfter = input.getGraphQLContext().get(STARTED_AFTER);
        if (startedAfter == null || startedAfter != emptied.get()) {
            // Invalidated while it ran: it may hold what was read before.
            return;
        }
        ExecutionResult result = context.unwrap(ExecutionResult.class);
        if (result == null || !result.getErrors().isEmpty() || !result.isDataPresent()) {
            return;
        }
        OperationDefinition operation = ParsedDocuments.selectedOperation(ParsedDocuments.documentOf(input), input.getOperationName());
        int operations = reusableRootFields(operation);
        ResponseReuse.Verdict verdict = reuse.verdict(operations);
        long expiresAt = Math.min(verdict.freshUntil(), System.currentTimeMillis() + config.maxAge().toMillis());
        if (!verdict.allowed() || expiresAt <= System.currentTimeMillis()) {
            return;
        }
        String key = ResponseCacheKey.of(context.getRequest());
        if (key == null || firstSight(key)) {
            return;
        }
        // The bytes the HTTP handler writes (GraphQLExecution).
        Map<String, Object> extensions = context instanceof SmallRyeContext smallRye ? smallRye.getAddedExtensions() : null;
        Buffer body = Buffer.buffer(ResponseJson.body(result, extensions).getBytes(StandardCharsets.UTF_8));
        if (body.length() > MAX_RESPONSE_BYTES) {
            return;
        }
        responses.put(key, new Response(body, verdict.role(), operations, expiresAt, verdict.onReuse(),
                operation == null ? null : operation.getName()));
        stored.increment();
    }

    /** Forgets every kept response, and voids those of executions running now. */
    void empty() {
        emptied.incrementAndGet();
        responses.invalidateAll();
        seenOnce.invalidateAll();
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
    private static int reusableRootFields(OperationDefinition operation) {
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
}
