package io.gcgateway.gateway;

import static graphql.Scalars.GraphQLBoolean;
import static graphql.Scalars.GraphQLString;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import com.apollographql.federation.graphqljava.Federation;

import graphql.execution.DataFetcherResult;
import graphql.introspection.Introspection.DirectiveLocation;
import graphql.language.StringValue;
import graphql.language.Value;
import graphql.schema.Coercing;
import graphql.schema.CoercingParseLiteralException;
import graphql.schema.DataFetcher;
import graphql.schema.GraphQLAppliedDirective;
import graphql.schema.GraphQLAppliedDirectiveArgument;
import graphql.schema.GraphQLDirective;
import graphql.schema.GraphQLList;
import graphql.schema.GraphQLNonNull;
import graphql.schema.GraphQLObjectType;
import graphql.schema.GraphQLScalarType;
import graphql.schema.GraphQLSchema;
import graphql.schema.GraphQLSchemaElement;
import graphql.schema.GraphQLTypeVisitorStub;
import graphql.schema.SchemaTransformer;
import graphql.schema.TypeResolver;
import graphql.util.TraversalControl;
import graphql.util.TraverserContext;

/**
 * The gateway's schema as an Apollo Federation 2 subgraph ({@code gateway.federation.enabled}): {@code @link} to
 * the Federation 2.7 spec importing {@code @key}, {@code @key(fields: ...)} on each type a capability declares
 * ({@link FederatedEntities}), and {@code _service { sdl }} and {@code _entities(representations:)} from
 * federation-jvm, with the entities resolved in bulk ({@link EntityResolution}). Built on the executed schema rather
 * than through SmallRye's {@code @Key} annotations: those turn federation on at build time, whereas here it is a
 * setting, and SmallRye resolves each representation with its own query.
 */
final class SubgraphSchema {
    /** 2.7: Apollo's composition refuses SmallRye-style {@code @override(label:)} below it; both composers accept it. */
    static final String FEDERATION_SPEC = "https://specs.apollo.dev/federation/v2.7";

    private static final GraphQLScalarType FIELD_SET = stringScalar("FieldSet");
    private static final GraphQLScalarType LINK_IMPORT = stringScalar("link__Import");
    private static final GraphQLDirective KEY = GraphQLDirective.newDirective().name("key").repeatable(true)
            .validLocations(DirectiveLocation.OBJECT, DirectiveLocation.INTERFACE)
            .argument(argument -> argument.name("fields").type(GraphQLNonNull.nonNull(FIELD_SET)))
            .argument(argument -> argument.name("resolvable").type(GraphQLBoolean).defaultValueProgrammatic(true))
            .build();
    private static final GraphQLDirective LINK = GraphQLDirective.newDirective().name("link").repeatable(true)
            .validLocations(DirectiveLocation.SCHEMA)
            .argument(argument -> argument.name("url").type(GraphQLNonNull.nonNull(GraphQLString)))
            .argument(argument -> argument.name("import").type(GraphQLList.list(LINK_IMPORT)))
            .build();

    private SubgraphSchema() {
    }

    static GraphQLSchema of(GraphQLSchema schema, EntityResolution entities) {
        Map<String, FederatedEntities.Entity> types = entities.types();
        GraphQLSchema keyed = SchemaTransformer.transformSchema(schema, new GraphQLTypeVisitorStub() {
            @Override
            public TraversalControl visitGraphQLObjectType(GraphQLObjectType type, TraverserContext<GraphQLSchemaElement> context) {
                FederatedEntities.Entity entity = types.get(type.getName());
                if (entity == null) {
                    return TraversalControl.CONTINUE;
                }
                return changeNode(context, type.transform(builder -> builder.withAppliedDirective(
                        GraphQLAppliedDirective.newDirective().name(KEY.getName()).argument(
                                GraphQLAppliedDirectiveArgument.newArgument().name("fields")
                                        .type(GraphQLNonNull.nonNull(FIELD_SET)).valueProgrammatic(entity.keyFields()).build())
                                .build())));
            }
        });
        GraphQLSchema linked = keyed.transform(builder -> builder.additionalDirective(KEY).additionalDirective(LINK)
                .additionalType(FIELD_SET).additionalType(LINK_IMPORT)
                .withSchemaAppliedDirective(GraphQLAppliedDirective.newDirective().name(LINK.getName())
                        .argument(GraphQLAppliedDirectiveArgument.newArgument().name("url")
                                .type(GraphQLNonNull.nonNull(GraphQLString)).valueProgrammatic(FEDERATION_SPEC).build())
                        .argument(GraphQLAppliedDirectiveArgument.newArgument().name("import")
                                .type(GraphQLList.list(LINK_IMPORT)).valueProgrammatic(List.of("@key")).build())
                        .build()));
        DataFetcher<CompletableFuture<DataFetcherResult<List<Object>>>> fetcher = environment -> entities
                .resolve(environment.getArgument("representations"), environment.getExecutionStepInfo().getPath())
                .subscribeAsCompletionStage();
        TypeResolver typeOf = environment -> {
            Object found = environment.getObject();
            for (FederatedEntities.Entity entity : types.values()) {
                if (entity.javaType().isInstance(found)) {
                    return environment.getSchema().getObjectType(entity.typeName());
                }
            }
            return null;
        };
        return Federation.transform(linked).fetchEntities(fetcher).resolveEntityType(typeOf).setFederation2(true).build();
    }

    /** A scalar written and read as a string (the link spec's and the federation spec's names). */
    private static GraphQLScalarType stringScalar(String name) {
        return GraphQLScalarType.newScalar().name(name).coercing(new Coercing<Object, String>() {
            @Override
            public String serialize(Object value) {
                return String.valueOf(value);
            }

            @Override
            public Object parseValue(Object input) {
                return String.valueOf(input);
            }

            @Override
            public Object parseLiteral(Object input) {
                if (input instanceof StringValue string) {
                    return string.getValue();
                }
                throw new CoercingParseLiteralException(name + " must be a string");
            }

            @Override
            public Value<?> valueToLiteral(Object input) {
                return StringValue.of(String.valueOf(input));
            }
        }).build();
    }
}
