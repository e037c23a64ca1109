package io.gcgateway.gateway;

import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

import graphql.ExecutionInput;
import graphql.ExecutionResult;
import graphql.execution.ExecutionContext;
import graphql.execution.instrumentation.ChainedInstrumentation;
import graphql.execution.instrumentation.DocumentAndVariables;
import graphql.execution.instrumentation.Instrumentation;
import graphql.execution.instrumentation.InstrumentationContext;
import graphql.execution.instrumentation.InstrumentationState;
import graphql.execution.instrumentation.parameters.InstrumentationCreateStateParameters;
import graphql.execution.instrumentation.parameters.InstrumentationExecuteOperationParameters;
import graphql.execution.instrumentation.parameters.InstrumentationExecutionParameters;
import graphql.execution.instrumentation.parameters.InstrumentationFieldParameters;
import graphql.execution.instrumentation.parameters.InstrumentationValidationParameters;
import graphql.language.Document;
import graphql.schema.GraphQLSchema;
import graphql.validation.ValidationError;

/**
 * The engine's instrumentation chain (SmallRye's depth and complexity limits and parse cache, then {@link GraphQLLimits})
 * with only its request-level hooks: parse, validation, operation, input and result. None of those instrumentations
 * looks at single fields, yet a chain is consulted (and allocates) for every field of every object, about 200 times
 * for a 25-row page. Used only when every instrumentation in the chain is one of the known request-level ones; anything else (e.g.
 * federated tracing) keeps the full chain.
 */
final class OperationLevelInstrumentation implements Instrumentation {
    /** Instrumentations known to act on requests only (SmallRye's QueryCache hooks validation, for its parse cache). */
    private static final Set<String> REQUEST_LEVEL_ONLY = Set.of("graphql.analysis.MaxQueryComplexityInstrumentation",
            "graphql.analysis.MaxQueryDepthInstrumentation", "io.smallrye.graphql.execution.QueryCache",
            GraphQLLimits.class.getName());

    private final Instrumentation chain;

    private OperationLevelInstrumentation(Instrumentation chain) {
        this.chain = chain;
    }

    /** The chain of {@code instrumentations}, without field-level hooks when none of them has any. */
    static Instrumentation of(List<Instrumentation> instrumentations) {
        ChainedInstrumentation chain = new ChainedInstrumentation(instrumentations);
        boolean requestLevelOnly = instrumentations.stream()
                .allMatch(instrumentation -> REQUEST_LEVEL_ONLY.contains(instrumentation.getClass().getName()));
        return requestLevelOnly ? new OperationLevelInstrumentation(chain) : chain;
    }

    /** The instrumentations of {@code instrumentation}, chains flattened. */
    static void flatten(Instrumentation instrumentation, List<Instrumentation> into) {
        if (instrumentation instanceof ChainedInstrumentation chained) {
            chained.getInstrumentations().forEach(inner -> flatten(inner, into));
        } else if (instrumentation != null) {
            into.add(instrumentation);
        }
    }

    @Override
    public CompletableFuture<InstrumentationState> createStateAsync(InstrumentationCreateStateParameters parameters) {
        return chain.createStateAsync(parameters);
    }

    @Override
    public InstrumentationContext<ExecutionResult> beginExecution(InstrumentationExecutionParameters parameters,
            InstrumentationState state) {
        return chain.beginExecution(parameters, state);
    }

    @Override
    public InstrumentationContext<Document> beginParse(InstrumentationExecutionParameters parameters, InstrumentationState state) {
        return chain.beginParse(parameters, state);
    }

    @Override
    public InstrumentationContext<List<ValidationError>> beginValidation(InstrumentationValidationParameters parameters,
            InstrumentationState state) {
        return chain.beginValidation(parameters, state);
    }

    @Override
    public InstrumentationContext<ExecutionResult> beginExecuteOperation(InstrumentationExecuteOperationParameters parameters,
            InstrumentationState state) {
        return chain.beginExecuteOperation(parameters, state);
    }

    @Override
    public InstrumentationContext<ExecutionResult> beginSubscribedFieldEvent(InstrumentationFieldParameters parameters,
            InstrumentationState state) {
        return chain.beginSubscribedFieldEvent(parameters, state);
    }

    @Override
    public ExecutionInput instrumentExecutionInput(ExecutionInput input, InstrumentationExecutionParameters parameters,
            InstrumentationState state) {
        return chain.instrumentExecutionInput(input, parameters, state);
    }

    @Override
    public DocumentAndVariables instrumentDocumentAndVariables(DocumentAndVariables documentAndVariables,
            InstrumentationExecutionParameters parameters, InstrumentationState state) {
        return chain.instrumentDocumentAndVariables(documentAndVariables, parameters, state);
    }

    @Override
    public GraphQLSchema instrumentSchema(GraphQLSchema schema, InstrumentationExecutionParameters parameters,
            InstrumentationState state) {
        return chain.instrumentSchema(schema, parameters, state);
    }

    @Override
    public ExecutionContext instrumentExecutionContext(ExecutionContext context, InstrumentationExecutionParameters parameters,
            InstrumentationState state) {
        return chain.instrumentExecutionContext(context, parameters, state);
    }

    @Override
    public CompletableFuture<ExecutionResult> instrumentExecutionResult(ExecutionResult result,
            InstrumentationExecutionParameters parameters, InstrumentationState state) {
        return chain.instrumentExecutionResult(result, parameters, state);
    }
}
