package io.gcgateway.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

import graphql.ExecutionInput;
import graphql.ExecutionResult;
import graphql.GraphQL;
import graphql.analysis.MaxQueryDepthInstrumentation;
import graphql.execution.instrumentation.Instrumentation;
import graphql.execution.instrumentation.InstrumentationContext;
import graphql.execution.instrumentation.InstrumentationState;
import graphql.execution.instrumentation.parameters.InstrumentationFieldFetchParameters;
import graphql.schema.GraphQLSchema;
import graphql.schema.idl.RuntimeWiring;
import graphql.schema.idl.SchemaGenerator;
import graphql.schema.idl.SchemaParser;

/**
 * The request-level chain keeps enforcing what its instrumentations enforce, skips field hooks only when every
 * instrumentation is a known request-level one, and leaves any other chain whole.
 */
class OperationLevelInstrumentationTest {
    private static final GraphQLSchema SCHEMA = new SchemaGenerator().makeExecutableSchema(
            new SchemaParser().parse("type Query { node: Node } type Node { child: Node value: Int }"),
            RuntimeWiring.newRuntimeWiring().build());
    private static final Map<String, Object> ROOT = Map.of("node",
            Map.of("value", 1, "child", Map.of("value", 2, "child", Map.of("value", 3))));

    @Test
    void knownRequestLevelInstrumentationsStillEnforceTheirLimits() {
        Instrumentation instrumentation = OperationLevelInstrumentation.of(
                List.of(new MaxQueryDepthInstrumentation(2), new GraphQLLimits(1)));
        assertThat(instrumentation).isInstanceOf(OperationLevelInstrumentation.class);

        ExecutionResult shallow = run(instrumentation, "{ node { value } }");
        assertThat(shallow.getErrors()).isEmpty();
        assertThat(shallow.<Map<String, Object>> getData()).isEqualTo(Map.of("node", Map.of("value", 1)));

        assertThat(run(instrumentation, "{ node { child { child { value } } } }").getErrors())
                .as("deeper than 2").isNotEmpty();
        assertThat(run(instrumentation, "{ node { a: value b: value } }").getErrors())
                .as("more aliases than 1").isNotEmpty();
    }

    @Test
    void knownRequestLevelInstrumentationsAreNotAskedAboutFields() {
        Instrumentation instrumentation = OperationLevelInstrumentation.of(List.of(new MaxQueryDepthInstrumentation(10)));
        // A chain is consulted for every field (and, given no state, fails); the request-level one never asks it.
        assertThatCode(() -> instrumentation.beginFieldFetch(null, null)).doesNotThrowAnyException();
        Instrumentation chain = OperationLevelInstrumentation.of(List.of(new MaxQueryDepthInstrumentation(10),
                new Instrumentation() {
                }));
        assertThatThrownBy(() -> chain.beginFieldFetch(null, null)).isInstanceOf(NullPointerException.class);
    }

    @Test
    void anUnknownInstrumentationKeepsItsFieldHooks() {
        AtomicInteger fieldFetches = new AtomicInteger();
        Instrumentation fieldLevel = new Instrumentation() {
            @Override
            public InstrumentationContext<Object> beginFieldFetch(InstrumentationFieldFetchParameters parameters,
                    InstrumentationState state) {
                fieldFetches.incrementAndGet();
                return null;
            }
        };
        Instrumentation instrumentation = OperationLevelInstrumentation.of(List.of(new GraphQLLimits(30), fieldLevel));
        assertThat(instrumentation).isNotInstanceOf(OperationLevelInstrumentation.class);

        ExecutionResult result = run(instrumentation, "{ node { value child { value } } }");
        assertThat(result.getErrors()).isEmpty();
        assertThat(fieldFetches).as("node, value, child, child.value").hasValue(4);
    }

    private static ExecutionResult run(Instrumentation instrumentation, String query) {
        return GraphQL.newGraphQL(SCHEMA).instrumentation(instrumentation).build()
                .execute(ExecutionInput.newExecutionInput(query).root(ROOT).build());
    }
}
