package io.gcgateway.gateway;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.Map;

import org.dataloader.DataLoader;

import graphql.schema.DataFetcher;
import graphql.schema.DataFetchingEnvironment;
import graphql.schema.FieldCoordinates;
import graphql.schema.GraphQLCodeRegistry;
import graphql.schema.GraphQLFieldDefinition;
import graphql.schema.GraphQLObjectType;
import graphql.schema.GraphQLSchema;
import io.smallrye.graphql.execution.datafetcher.BatchDataFetcher;
import io.smallrye.graphql.execution.datafetcher.helper.BatchLoaderHelper;

/**
 * The per-object half of a SmallRye batch field ({@code @Source List<…>}) without its per-object context set-up.
 * SmallRye's {@link BatchDataFetcher} builds the field's whole selection set as JSON-P for every source object before
 * queueing it in the data loader; the batch loader then sets the context up again, once per batch, which is all the
 * resolver sees. On a page of 100 conversations with names and presence that per-object set-up was about half of the
 * gateway's CPU (measured with JFR, docs/benchmarks.md). This queues the object in the same data loader with the same
 * batch context; the resolver, its interceptors (roles, rate limit) and the batching are SmallRye's. Used for
 * batch fields without arguments (all of the gateway's); any other keeps SmallRye's fetcher, as does a field whose
 * data loader is not where SmallRye names it.
 */
final class SourceBatchFetcher implements DataFetcher<Object> {
    private final String loaderName;
    private final DataFetcher<?> smallRye;

    /** The data loader's name (for tests). */
    String loaderName() {
        return loaderName;
    }

    private SourceBatchFetcher(String loaderName, DataFetcher<?> smallRye) {
        this.loaderName = loaderName;
        this.smallRye = smallRye;
    }

    @Override
    public Object get(DataFetchingEnvironment environment) throws Exception {
        DataLoader<Object, Object> loader = environment.getDataLoader(loaderName);
        if (loader == null) {
            return smallRye.get(environment);
        }
        Map<String, Object> batchContext = new HashMap<>(4);
        batchContext.put(BatchLoaderHelper.ARGUMENTS, new ArrayList<>());
        batchContext.put(BatchLoaderHelper.DATA_FETCHING_ENVIRONMENT, environment);
        return loader.load(environment.getSource(), batchContext);
    }

    /** The schema with every argument-less SmallRye batch field served by this fetcher. */
    static GraphQLSchema everywhere(GraphQLSchema schema) {
        GraphQLCodeRegistry registry = schema.getCodeRegistry().transform(builder -> {
            for (GraphQLObjectType type : schema.getAllTypesAsList().stream()
                    .filter(GraphQLObjectType.class::isInstance).map(GraphQLObjectType.class::cast).toList()) {
                for (GraphQLFieldDefinition field : type.getFieldDefinitions()) {
                    DataFetcher<?> fetcher = schema.getCodeRegistry().getDataFetcher(type, field);
                    if (fetcher instanceof BatchDataFetcher<?> && field.getArguments().isEmpty()) {
                        // SmallRye's name for the field's data loader (BatchLoaderHelper.getName): "<Type>_<field>".
                        builder.dataFetcher(FieldCoordinates.coordinates(type.getName(), field.getName()),
                                new SourceBatchFetcher(type.getName() + "_" + field.getName(), fetcher));
                    }
                }
            }
        });
        return schema.transform(builder -> builder.codeRegistry(registry));
    }
}
