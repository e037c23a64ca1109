package io.gcgateway.gateway;

import java.time.Duration;
import java.util.Map;

import graphql.schema.DataFetcher;
import graphql.schema.DataFetchingEnvironment;
import graphql.schema.FieldCoordinates;
import graphql.schema.GraphQLCodeRegistry;
import graphql.schema.GraphQLFieldDefinition;
import graphql.schema.GraphQLObjectType;
import graphql.schema.GraphQLSchema;

/**
 * A {@link LiveFields live field}'s fetcher: before the field's own fetcher runs, it shortens how long the response
 * may be reused ({@link ResponseReuse#freshAtMost}). Every object of the field passes here, batched or answered on
 * the spot, so no path through the field escapes the limit.
 */
final class LiveFieldFetcher implements DataFetcher<Object> {
    private final DataFetcher<?> field;
    private final long freshForMillis;

    private LiveFieldFetcher(DataFetcher<?> field, long freshForMillis) {
        this.field = field;
        this.freshForMillis = freshForMillis;
    }

    @Override
    public Object get(DataFetchingEnvironment environment) throws Exception {
        ResponseReuse.freshAtMost(environment.getGraphQlContext(), freshForMillis);
        return field.get(environment);
    }

    /** The fetcher this one limits (for tests). */
    DataFetcher<?> field() {
        return field;
    }

    /** How long a response that resolved this field may be reused (for tests). */
    Duration freshFor() {
        return Duration.ofMillis(freshForMillis);
    }

    /**
     * The schema with each field of {@code live} (by coordinates) behind a live-field fetcher. A coordinate the
     * schema does not have fails the build: a misspelt one would silently never limit anything.
     */
    static GraphQLSchema everywhere(GraphQLSchema schema, Map<String, Duration> live) {
        if (live.isEmpty()) {
            return schema;
        }
        GraphQLCodeRegistry registry = schema.getCodeRegistry().transform(builder -> live.forEach((coordinates, freshFor) -> {
            String[] typeAndField = coordinates.split("\\.", 2);
            GraphQLObjectType type = typeAndField.length == 2 ? schema.getObjectType(typeAndField[0]) : null;
            GraphQLFieldDefinition field = type == null ? null : type.getFieldDefinition(typeAndField[1]);
            if (field == null) {
                throw new IllegalStateException("A live field the schema does not have: " + coordinates);
            }
            builder.dataFetcher(FieldCoordinates.coordinates(type.getName(), field.getName()),
                    new LiveFieldFetcher(schema.getCodeRegistry().getDataFetcher(type, field), freshFor.toMillis()));
        }));
        return schema.transform(builder -> builder.codeRegistry(registry));
    }
}
