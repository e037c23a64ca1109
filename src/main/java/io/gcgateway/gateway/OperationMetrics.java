package io.gcgateway.gateway;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

import graphql.ExecutionResult;
import graphql.ExceptionWhileDataFetching;
import graphql.GraphQLError;
import graphql.language.Document;
import graphql.language.OperationDefinition;
import io.gcgateway.errors.GatewayException;
import io.gcgateway.telemetry.OperationSpans;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.inject.Singleton;

/**
 * Latency and errors per GraphQL operation (and the same description on the request's span, {@link OperationSpans}): {@code gateway_graphql_requests_seconds{operation, type, outcome}} (a
 * histogram) and {@code gateway_graphql_errors_total{operation, code}}.
 * <p>
 * Operation names come from clients, so their number is bounded: the names of the allow-list's operations are always
 * kept, then the first {@code gateway.graphql.max-operation-names} names this replica sees; any later name, or one that
 * is not a GraphQL name, counts as {@code other}. A request without a name is {@code anonymous}. Codes are the
 * gateway's {@code extensions.code} values (a fixed set); anything else counts as {@code OTHER}.
 */
@Singleton
public class OperationMetrics {
    static final String OTHER = "other";
    static final String ANONYMOUS = "anonymous";
    /** A GraphQL name, and short: anything else is not worth a time series. */
    private static final Pattern NAME = Pattern.compile("[_A-Za-z][_0-9A-Za-z]{0,63}");
    private static final Pattern CODE = Pattern.compile("[A-Z][A-Z0-9_]{0,47}");
    /** Seconds buckets: a cache hit (well under 5 ms) to an export page or a slow upstream (10 s). */
    private static final Duration[] BUCKETS = { Duration.ofMillis(5), Duration.ofMillis(10), Duration.ofMillis(25),
            Duration.ofMillis(50), Duration.ofMillis(100), Duration.ofMillis(250), Duration.ofMillis(500),
            Duration.ofSeconds(1), Duration.ofMillis(2_500), Duration.ofSeconds(5), Duration.ofSeconds(10) };

    private final MeterRegistry registry;
    private final int maxNames;
    /** Names always kept: the allow-list's (they do not count against {@code maxNames}). */
    private final Set<String> registered;
    /** Names kept from what clients sent, at most {@code maxNames}. */
    private final Set<String> seen = ConcurrentHashMap.newKeySet();
    /** Meters by their tags, so a request costs a map lookup rather than a registry lookup. */
    private final Map<String, Timer> timers = new ConcurrentHashMap<>();
    private final Map<String, Counter> errors = new ConcurrentHashMap<>();

    OperationMetrics(MeterRegistry registry, GatewayConfig config, AllowList allowList) {
        this.registry = registry;
        this.maxNames = config.graphql().maxOperationNames();
        this.registered = Set.copyOf(allowList.operationNames());
    }

    /** An executed operation: its latency by outcome, and one count per error by code. */
    void executed(Document document, String requestedName, ExecutionResult result, long nanos) {
        OperationDefinition operation = ParsedDocuments.selectedOperation(document, requestedName);
        String name = label(operation == null ? requestedName : operation.getName());
        String type = operation == null ? "unknown" : operation.getOperation().name().toLowerCase();
        List<GraphQLError> failures = result == null ? List.of() : result.getErrors();
        String outcome = failures.isEmpty() ? "ok" : result.isDataPresent() && result.getData() != null ? "partial" : "error";
        record(name, type, outcome, nanos);
        List<String> codes = new ArrayList<>(failures.size());
        for (GraphQLError error : failures) {
            String code = countError(name, code(error));
            if (!codes.contains(code)) {
                codes.add(code);
            }
        }
        OperationSpans.describe(type, name, outcome, codes, nanos);
    }

    /**
     * The error's {@code extensions.code}. A resolver's failure carries it on its exception: SmallRye writes it into
     * the response only when it serializes the result, after this point.
     */
    private static String code(GraphQLError error) {
        Object code = error.getExtensions() == null ? null : error.getExtensions().get("code");
        if (code == null && error instanceof ExceptionWhileDataFetching fetching
                && fetching.getException() instanceof GatewayException failure) {
            return failure.code();
        }
        return code == null ? null : code.toString();
    }

    /** A request answered with a kept response ({@link ResponseServer}): a query that succeeded before. */
    void served(String operationName, long nanos) {
        String name = label(operationName);
        record(name, "query", "ok", nanos);
        OperationSpans.describe("query", name, "ok", List.of(), nanos);
    }

    /** A request refused at the front door ({@link GraphQLRequests}), before any operation was read. */
    void refused(String code, long nanos) {
        record(OTHER, "unknown", "error", nanos);
        OperationSpans.describe("unknown", OTHER, "error", List.of(countError(OTHER, code)), nanos);
    }

    /** Whether {@code name} is a GraphQL name of at most 64 characters. */
    static boolean isName(String name) {
        return NAME.matcher(name).matches();
    }

    /** The label of an operation name: itself while there is room for it, else {@code other}. */
    String label(String name) {
        if (name == null || name.isEmpty()) {
            return ANONYMOUS;
        }
        if (registered.contains(name) || seen.contains(name)) {
            return name;
        }
        if (seen.size() >= maxNames || !NAME.matcher(name).matches()) {
            return OTHER;
        }
        // Racing first sightings may each get in, so the bound can be passed by the number of event loops at most.
        seen.add(name);
        return name;
    }

    private void record(String name, String type, String outcome, long nanos) {
        timers.computeIfAbsent(name + '\u0000' + type + '\u0000' + outcome, key -> Timer.builder("gateway.graphql.requests")
                .description("GraphQL requests by operation name, type and outcome (ok, partial, error)")
                .tags("operation", name, "type", type, "outcome", outcome)
                .serviceLevelObjectives(BUCKETS)
                .register(registry)).record(nanos, TimeUnit.NANOSECONDS);
    }

    /** Counts an error; returns the code as counted. */
    private String countError(String name, String code) {
        String label = code != null && CODE.matcher(code).matches() ? code : "OTHER";
        errors.computeIfAbsent(name + '\u0000' + label, key -> Counter.builder("gateway.graphql.errors")
                .description("GraphQL errors by operation name and extensions.code")
                .tags("operation", name, "code", label)
                .register(registry)).increment();
        return label;
    }
}
