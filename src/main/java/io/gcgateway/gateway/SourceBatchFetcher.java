package io.gcgateway.gateway;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.Map;

import org.dataloader.DataLoader;
import org.jboss.logging.Logger;

import graphql.schema.DataFetcher;
import graphql.schema.DataFetchingEnvironment;
import graphql.schema.FieldCoordinates;
import graphql.schema.GraphQLCodeRegistry;
import graphql.schema.GraphQLFieldDefinition;
import graphql.schema.GraphQLObjectType;
import graphql.schema.GraphQLSchema;
import io.gcgateway.security.CallerAccess;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.graphql.execution.datafetcher.BatchDataFetcher;
import io.smallrye.graphql.execution.datafetcher.helper.BatchLoaderHelper;

/**
 * The per-object half of a SmallRye batch field ({@code @Source List<…>}) without its per-object context set-up, and
 * with the field's {@link BatchShortcut} when it has one. SmallRye's {@link BatchDataFetcher} builds the field's whole
 * selection set as JSON-P for every source object before queueing it in the data loader; the batch loader then sets
 * the context up again, once per batch, which is all the resolver sees. On a page of 100 conversations with names and
 * presence that per-object set-up was about half of the gateway's CPU (measured with JFR, docs/benchmarks.md). This
 * queues the object in the same data loader with the same batch context; the resolver, its interceptors (roles, rate
 * limit) and the batching are SmallRye's. Before queueing, the shortcut may answer the object from memory (for a
 * caller the operation already authorized for the resolver's role). Used for batch fields without arguments (all of
 * the gateway's); any other keeps SmallRye's fetcher, as does a field whose data loader is not where SmallRye names it.
 */
final class SourceBatchFetcher implements DataFetcher<Object> {
    private static final Logger LOG = Logger.getLogger(SourceBatchFetcher.class);
    private final String loaderName;
    private final DataFetcher<?> smallRye;
    private final BatchShortcut shortcut;
    private final Answers answers;

    /** Where the objects of batch fields were answered, and who may be answered on the spot. */
    record Answers(CallerAccess access, Counter onTheSpot, Counter batched) {
        static Answers of(CallerAccess access, MeterRegistry registry) {
            return new Answers(access, counter(registry, "memory"), counter(registry, "batch"));
        }

        private static Counter counter(MeterRegistry registry, String answer) {
            return Counter.builder("gateway.graphql.batch.objects").tag("answer", answer)
                    .description("Objects of batch fields (relationships) answered from this replica's memory on the "
                            + "spot, or queued for their batch resolver")
                    .register(registry);
        }
    }

    /** The data loader's name (for tests). */
    String loaderName() {
        return loaderName;
    }

    /** The shortcut this field answers with, or null (for tests). */
    BatchShortcut shortcut() {
        return shortcut;
    }

    private SourceBatchFetcher(String loaderName, DataFetcher<?> smallRye, BatchShortcut shortcut, Answers answers) {
        this.loaderName = loaderName;
        this.smallRye = smallRye;
        this.shortcut = shortcut;
        this.answers = answers;
    }

    @Override
    public Object get(DataFetchingEnvironment environment) throws Exception {
        DataLoader<Object, Object> loader = environment.getDataLoader(loaderName);
        if (loader == null) {
            return smallRye.get(environment);
        }
        if (shortcut != null && answers.access().authorizedIn(environment.getGraphQlContext(), shortcut.required())) {
            Object answer = onTheSpot(environment.getSource());
            if (answer != BatchShortcut.NOT_HELD) {
                answers.onTheSpot().increment();
                return answer;
            }
        }
        answers.batched().increment();
        Map<String, Object> batchContext = new HashMap<>(4);
        batchContext.put(BatchLoaderHelper.ARGUMENTS, new ArrayList<>());
        batchContext.put(BatchLoaderHelper.DATA_FETCHING_ENVIRONMENT, environment);
        return loader.load(environment.getSource(), batchContext);
    }

    private Object onTheSpot(Object source) {
        try {
            return shortcut.answer().apply(source);
        } catch (RuntimeException unexpected) {
            // A shortcut is an optimisation: whatever went wrong, the batch resolver answers (or reports) it.
            LOG.debugf("Shortcut of %s declined: %s", shortcut.coordinates(), unexpected.toString());
            return BatchShortcut.NOT_HELD;
        }
    }

    /**
     * The schema with every argument-less SmallRye batch field served by this fetcher, with its shortcut from
     * {@code shortcuts} (by coordinates) when there is one.
     */
    static GraphQLSchema everywhere(GraphQLSchema schema, Map<String, BatchShortcut> shortcuts, Answers answers) {
        GraphQLCodeRegistry registry = schema.getCodeRegistry().transform(builder -> {
            for (GraphQLObjectType type : schema.getAllTypesAsList().stream()
                    .filter(GraphQLObjectType.class::isInstance).map(GraphQLObjectType.class::cast).toList()) {
                for (GraphQLFieldDefinition field : type.getFieldDefinitions()) {
                    DataFetcher<?> fetcher = schema.getCodeRegistry().getDataFetcher(type, field);
                    if (fetcher instanceof BatchDataFetcher<?> && field.getArguments().isEmpty()) {
                        // SmallRye's name for the field's data loader (BatchLoaderHelper.getName): "<Type>_<field>".
                        builder.dataFetcher(FieldCoordinates.coordinates(type.getName(), field.getName()),
                                new SourceBatchFetcher(type.getName() + "_" + field.getName(), fetcher,
                                        shortcuts.get(type.getName() + "." + field.getName()), answers));
                    }
                }
            }
        });
        return schema.transform(builder -> builder.codeRegistry(registry));
    }
}
