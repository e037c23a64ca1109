package io.gcgateway.gateway;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import graphql.ExecutionInput;
import graphql.ExecutionResult;
import graphql.GraphQL;
import graphql.execution.instrumentation.Instrumentation;
import graphql.schema.GraphQLCodeRegistry;
import graphql.schema.GraphQLFieldDefinition;
import graphql.schema.GraphQLFieldsContainer;
import graphql.schema.GraphQLScalarType;
import graphql.schema.GraphQLSchema;
import graphql.schema.GraphQLSchemaElement;
import graphql.schema.GraphQLTypeVisitorStub;
import graphql.schema.SchemaTransformer;
import graphql.schema.visibility.GraphqlFieldVisibility;
import graphql.schema.visibility.NoIntrospectionGraphqlFieldVisibility;
import graphql.util.TraversalControl;
import graphql.util.TraverserContext;
import io.gcgateway.security.CallerAccess;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.arc.Arc;
import io.quarkus.runtime.annotations.RegisterForReflection;
import io.smallrye.graphql.api.Context;
import io.smallrye.graphql.spi.EventingService;

/**
 * The gateway's changes to the executable GraphQL engine SmallRye builds (once, lazily): its own {@code JSON} and
 * {@code ID} scalars in place of the ones SmallRye registers, and {@link GraphQLLimits} chained after SmallRye's
 * instrumentation (depth and complexity limits), without field-level hooks where none is needed
 * ({@link OperationLevelInstrumentation}), and batch fields queued without per-object set-up, or answered on the spot by their
 * {@link BatchShortcut} ({@link SourceBatchFetcher}), and live fields that shorten how long a response is reused
 * ({@link LiveFieldFetcher}). SmallRye loads this service through
 * {@code META-INF/services/io.smallrye.graphql.spi.EventingService}.
 */
@RegisterForReflection
public class GraphQLEngine implements EventingService {
    /**
     * The gateway's schema, made once from SmallRye's. SmallRye builds its engine lazily, and the first concurrent
     * requests of a fresh process can each build one: they must all get this same schema, or a document validated
     * against one instance's input types is executed against another's ("Variable 'in' of type 'X!' used in
     * position expecting type 'X!'").
     */
    private static final Object SCHEMA_LOCK = new Object();
    private static GraphQLSchema source;
    private static GraphQLSchema gatewaySchema;
    private static final String STARTED = "gateway.execution.started";
    private static final String SMALLRYE_QUERY_CACHE = "io.smallrye.graphql.execution.QueryCache";
    private volatile ResponseCache responses;
    private volatile OperationMetrics metrics;

    /** No key: SmallRye enables an eventing service without a configuration key unconditionally. */
    @Override
    public String getConfigKey() {
        return null;
    }

    @Override
    public GraphQL.Builder beforeGraphQLBuild(GraphQL.Builder builder) {
        GraphQLSchema schema = Arc.container().instance(GraphQLSchema.class).get();
        int maxAliases = Arc.container().instance(GatewayConfig.class).get().graphql().maxAliases();
        List<Instrumentation> instrumentations = new ArrayList<>();
        OperationLevelInstrumentation.flatten(builder.build().getInstrumentation(), instrumentations);
        // SmallRye's parse cache: replaced by ParsedDocuments as the engine's memo, yet as an instrumentation it
        // still kept every valid document by its text (2,048 of them, whatever their size) and parsed each new one
        // once more to do so.
        instrumentations.removeIf(instrumentation -> SMALLRYE_QUERY_CACHE.equals(instrumentation.getClass().getName()));
        GraphQLLimits limits = new GraphQLLimits(maxAliases);
        instrumentations.add(limits);
        Instrumentation chain = OperationLevelInstrumentation.of(instrumentations);
        GraphQLSchema executed = gatewaySchema(schema);
        ParsedDocuments documents = Arc.container().instance(ParsedDocuments.class).get();
        // Trees parsed at the front door are validated, not parsed again, only when no instrumentation of unknown
        // parse or validation hooks is in the chain (those hooks would be skipped).
        documents.validateWith(chain instanceof OperationLevelInstrumentation
                ? new ParsedDocuments.Validation(executed, limits)
                : null);
        return builder.schema(executed).instrumentation(chain).preparsedDocumentProvider(documents);
    }

    private static GraphQLSchema gatewaySchema(GraphQLSchema smallRyeSchema) {
        synchronized (SCHEMA_LOCK) {
            if (source != smallRyeSchema) {
                GraphQLSchema executed = SourceBatchFetcher.everywhere(withPlainVisibility(withGatewayScalars(smallRyeSchema)),
                        batchShortcuts(), SourceBatchFetcher.Answers.of(Arc.container().instance(CallerAccess.class).get(),
                                Arc.container().instance(MeterRegistry.class).get()));
                executed = LiveFieldFetcher.everywhere(executed, liveFields());
                if (Arc.container().instance(GatewayConfig.class).get().federation().enabled()) {
                    executed = SubgraphSchema.of(executed, Arc.container().instance(EntityResolution.class).get());
                }
                gatewaySchema = executed;
                source = smallRyeSchema; // only once built: a failed build is tried again, not served as null
            }
            return gatewaySchema;
        }
    }

    /** Every feature's batch shortcuts by coordinates ({@code Type.field}). */
    private static Map<String, BatchShortcut> batchShortcuts() {
        return byCoordinates(BatchShortcuts.class, feature -> feature.shortcuts().stream()
                .collect(Collectors.toMap(BatchShortcut::coordinates, Function.identity())));
    }

    /** Every feature's live fields and how long a response that resolved one may be reused. */
    private static Map<String, Duration> liveFields() {
        return byCoordinates(LiveFields.class, LiveFields::liveFields);
    }

    /** What every CDI bean of {@code kind} declares by field coordinates; one field declared twice fails the build. */
    private static <F, V> Map<String, V> byCoordinates(Class<F> kind, Function<F, Map<String, V>> declared) {
        Map<String, V> byField = new HashMap<>();
        for (F feature : Arc.container().select(kind)) {
            declared.apply(feature).forEach((coordinates, value) -> {
                if (byField.put(coordinates, value) != null) {
                    throw new IllegalStateException(kind.getSimpleName() + " declared twice for " + coordinates);
                }
            });
        }
        return byField;
    }

    /** The schema the engine executes (null before SmallRye built its engine); for tests. */
    static GraphQLSchema executedSchema() {
        synchronized (SCHEMA_LOCK) {
            return gatewaySchema;
        }
    }

    /** Tells the {@link ResponseCache} an execution starts (an invalidation while it runs voids its response). */
    @Override
    public void beforeExecute(Context context) {
        ExecutionInput input = context.unwrap(ExecutionInput.class);
        if (input != null) {
            input.getGraphQLContext().put(STARTED, System.nanoTime());
        }
        responses().started(context);
    }

    /** Offers each execution's response to the {@link ResponseCache}, which keeps the ones its resolvers allow. */
    @Override
    public void afterExecute(Context context) {
        responses().keep(context);
        ExecutionInput input = context.unwrap(ExecutionInput.class);
        Long started = input == null ? null : input.getGraphQLContext().get(STARTED);
        if (started != null) {
            metrics().executed(ParsedDocuments.documentOf(input), input.getOperationName(),
                    context.unwrap(ExecutionResult.class), System.nanoTime() - started);
        }
    }

    private OperationMetrics metrics() {
        OperationMetrics found = metrics;
        if (found == null) {
            found = metrics = Arc.container().instance(OperationMetrics.class).get();
        }
        return found;
    }

    private ResponseCache responses() {
        ResponseCache cache = responses;
        if (cache == null) {
            cache = responses = Arc.container().instance(ResponseCache.class).get();
        }
        return cache;
    }

    /**
     * SmallRye's {@code no-introspection} field visibility (production) is graphql-java's pattern-based one, which
     * runs a regex matcher every time any field of any query is looked up. {@link IntrospectionFieldsHidden} hides the
     * same fields, those of the introspection types, with a string comparison.
     */
    @SuppressWarnings("deprecation")
    static GraphQLSchema withPlainVisibility(GraphQLSchema schema) {
        if (!(schema.getCodeRegistry().getFieldVisibility() instanceof NoIntrospectionGraphqlFieldVisibility)) {
            return schema;
        }
        GraphQLCodeRegistry registry = schema.getCodeRegistry()
                .transform(codeRegistry -> codeRegistry.fieldVisibility(IntrospectionFieldsHidden.INSTANCE));
        return schema.transform(builder -> builder.codeRegistry(registry));
    }

    /**
     * The fields graphql-java's {@code NoIntrospectionGraphqlFieldVisibility} hides: its pattern {@code __.*} is
     * matched against {@code <Type>.<field>}, so it hides every field of the types whose names start with "__".
     */
    static final class IntrospectionFieldsHidden implements GraphqlFieldVisibility {
        static final IntrospectionFieldsHidden INSTANCE = new IntrospectionFieldsHidden();

        @Override
        public List<GraphQLFieldDefinition> getFieldDefinitions(GraphQLFieldsContainer container) {
            return container.getName().startsWith("__") ? List.of() : container.getFieldDefinitions();
        }

        @Override
        public GraphQLFieldDefinition getFieldDefinition(GraphQLFieldsContainer container,
                String fieldName) {
            return container.getName().startsWith("__") ? null : container.getFieldDefinition(fieldName);
        }
    }

    static GraphQLSchema withGatewayScalars(GraphQLSchema schema) {
        return SchemaTransformer.transformSchema(schema, new GraphQLTypeVisitorStub() {
            @Override
            public TraversalControl visitGraphQLScalarType(GraphQLScalarType node,
                    TraverserContext<GraphQLSchemaElement> context) {
                GraphQLScalarType replacement = switch (node.getName()) {
                    case JsonScalar.NAME -> JsonScalar.TYPE;
                    case "ID" -> StrictIdScalar.TYPE;
                    default -> node;
                };
                return replacement == node ? TraversalControl.CONTINUE : changeNode(context, replacement);
            }
        });
    }
}
