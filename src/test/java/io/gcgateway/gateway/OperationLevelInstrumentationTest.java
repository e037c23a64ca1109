package io.gcgateway.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

import graphql.analysis.MaxQueryDepthInstrumentation;
import graphql.execution.instrumentation.ChainedInstrumentation;
import graphql.execution.instrumentation.Instrumentation;

/** Only a chain of request-level instrumentations loses its field hooks; anything unknown keeps the full chain. */
class OperationLevelInstrumentationTest {

    @Test
    void knownRequestLevelInstrumentationsSkipFieldHooks() {
        Instrumentation depth = new MaxQueryDepthInstrumentation(10);
        assertThat(OperationLevelInstrumentation.of(List.of(depth, new GraphQLLimits(30))))
                .isInstanceOf(OperationLevelInstrumentation.class);
    }

    @Test
    void anUnknownInstrumentationKeepsTheFullChain() {
        Instrumentation fieldLevel = new Instrumentation() {
        };
        assertThat(OperationLevelInstrumentation.of(List.of(new GraphQLLimits(30), fieldLevel)))
                .isInstanceOf(ChainedInstrumentation.class);
    }
}
