package io.gcgateway.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

import graphql.ExecutionResult;
import graphql.GraphQL;
import graphql.schema.GraphQLFieldDefinition;
import graphql.schema.GraphQLFieldsContainer;
import graphql.schema.GraphQLSchema;
import graphql.schema.idl.RuntimeWiring;
import graphql.schema.idl.SchemaGenerator;
import graphql.schema.idl.SchemaParser;
import graphql.schema.visibility.DefaultGraphqlFieldVisibility;
import graphql.schema.visibility.GraphqlFieldVisibility;
import graphql.schema.visibility.NoIntrospectionGraphqlFieldVisibility;

/** The production field visibility without per-field regexes hides exactly what graphql-java's no-introspection one does. */
class IntrospectionVisibilityTest {

    @SuppressWarnings("deprecation")
    private static GraphQLSchema schema(GraphqlFieldVisibility visibility) {
        GraphQLSchema plain = new SchemaGenerator().makeExecutableSchema(
                new SchemaParser().parse("type Query { a: String, b: B } type B { c: Int, _d: Int }"),
                RuntimeWiring.newRuntimeWiring().build());
        return plain.transform(builder -> builder.codeRegistry(plain.getCodeRegistry().transform(c -> c.fieldVisibility(visibility))));
    }

    @Test
    @SuppressWarnings("deprecation")
    void hidesTheSameFieldsAsGraphqlJavasNoIntrospection() {
        GraphQLSchema original = schema(NoIntrospectionGraphqlFieldVisibility.NO_INTROSPECTION_FIELD_VISIBILITY);
        GraphQLSchema replaced = GraphQLEngine.withPlainVisibility(original);
        GraphqlFieldVisibility before = original.getCodeRegistry().getFieldVisibility();
        GraphqlFieldVisibility after = replaced.getCodeRegistry().getFieldVisibility();
        assertThat(after).isInstanceOf(GraphQLEngine.IntrospectionFieldsHidden.class);

        for (var type : original.getAllTypesAsList()) {
            if (type instanceof GraphQLFieldsContainer container) {
                List<String> visible = names(before.getFieldDefinitions(container));
                assertThat(names(after.getFieldDefinitions(container))).as(container.getName()).isEqualTo(visible);
                for (GraphQLFieldDefinition field : container.getFieldDefinitions()) {
                    assertThat(after.getFieldDefinition(container, field.getName()))
                            .as(container.getName() + "." + field.getName())
                            .isEqualTo(before.getFieldDefinition(container, field.getName()));
                }
            }
        }
    }

    @Test
    @SuppressWarnings("deprecation")
    void introspectionIsRefusedAndOrdinaryQueriesRun() {
        GraphQL graphql = GraphQL.newGraphQL(GraphQLEngine.withPlainVisibility(
                schema(NoIntrospectionGraphqlFieldVisibility.NO_INTROSPECTION_FIELD_VISIBILITY))).build();
        ExecutionResult introspection = graphql.execute("{ __schema { queryType { name } } }");
        assertThat(introspection.getErrors()).isNotEmpty();
        assertThat(graphql.execute("{ a b { c _d } __typename }").getErrors()).isEmpty();
    }

    @Test
    void otherVisibilitiesAreLeftAlone() {
        GraphQLSchema schema = schema(DefaultGraphqlFieldVisibility.DEFAULT_FIELD_VISIBILITY);
        assertThat(GraphQLEngine.withPlainVisibility(schema)).isSameAs(schema);
    }

    private static List<String> names(List<GraphQLFieldDefinition> fields) {
        return fields.stream().map(GraphQLFieldDefinition::getName).toList();
    }
}
