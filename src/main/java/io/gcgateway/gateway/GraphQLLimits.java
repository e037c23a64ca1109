package io.gcgateway.gateway;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import graphql.ExecutionResult;
import graphql.GraphQLError;
import graphql.execution.AbortExecutionException;
import graphql.execution.instrumentation.DocumentAndVariables;
import graphql.execution.instrumentation.Instrumentation;
import graphql.execution.instrumentation.InstrumentationState;
import graphql.execution.instrumentation.parameters.InstrumentationExecutionParameters;
import graphql.language.Document;
import graphql.language.Field;
import graphql.language.Node;
import graphql.language.NodeTraverser;
import graphql.language.NodeVisitorStub;
import graphql.language.SourceLocation;
import graphql.util.TraversalControl;
import graphql.util.TraverserContext;
import graphql.validation.ValidationError;
import graphql.validation.ValidationErrorClassification;
import io.gcgateway.telemetry.TraceIds;

/**
 * The gateway's own guard rails on documents (the alias limit), and an {@code extensions.code} on the errors
 * graphql-java reports itself, which otherwise reach clients without one:
 * <ul>
 * <li>{@code GRAPHQL_VALIDATION_FAILED}: a document the schema does not allow (unknown field, wrong argument type).</li>
 * <li>{@code QUERY_TOO_COMPLEX}: over a configured limit (depth, complexity, aliases).</li>
 * </ul>
 * SmallRye writes the extensions of validation errors only, so limit errors are reported as validation errors of
 * their own classification. (Unparseable documents are answered by SmallRye before this instrumentation runs.)
 */
final class GraphQLLimits implements Instrumentation {
    static final String VALIDATION_FAILED = "GRAPHQL_VALIDATION_FAILED";
    static final String TOO_COMPLEX = "QUERY_TOO_COMPLEX";

    private enum Classification implements ValidationErrorClassification {
        QueryTooComplex, InvalidInput
    }

    private final int maxAliases;

    GraphQLLimits(int maxAliases) {
        this.maxAliases = maxAliases;
    }

    @Override
    public DocumentAndVariables instrumentDocumentAndVariables(DocumentAndVariables documentAndVariables,
            InstrumentationExecutionParameters parameters, InstrumentationState state) {
        checkAliases(documentAndVariables.getDocument());
        return documentAndVariables;
    }

    /** Throws, as the engine's parse step would, when {@code document} has more aliased fields than allowed. */
    void checkAliases(Document document) {
        int[] aliases = { 0 };
        new NodeTraverser().preOrder(new NodeVisitorStub() {
            @Override
            public TraversalControl visitField(Field node, TraverserContext<Node> context) {
                if (node.getAlias() != null) {
                    aliases[0]++;
                }
                return TraversalControl.CONTINUE;
            }
        }, document);
        if (aliases[0] > maxAliases) {
            throw new AbortExecutionException(List.of(error(Classification.QueryTooComplex,
                    "The document has " + aliases[0] + " aliased fields; at most " + maxAliases + " are allowed",
                    List.of(), TOO_COMPLEX)));
        }
    }

    @Override
    public CompletableFuture<ExecutionResult> instrumentExecutionResult(ExecutionResult result,
            InstrumentationExecutionParameters parameters, InstrumentationState state) {
        if (result.getErrors().isEmpty()) {
            return CompletableFuture.completedFuture(result);
        }
        List<GraphQLError> errors = new ArrayList<>(result.getErrors().size());
        for (GraphQLError error : result.getErrors()) {
            errors.add(withCode(error));
        }
        return CompletableFuture.completedFuture(result.transform(builder -> builder.errors(errors)));
    }

    private static GraphQLError withCode(GraphQLError error) {
        if (error.getExtensions() != null && error.getExtensions().containsKey("code")) {
            return error;
        }
        if (error instanceof AbortExecutionException || error.getErrorType() == graphql.ErrorType.ExecutionAborted) {
            return error(Classification.QueryTooComplex, error.getMessage(), error.getLocations(), TOO_COMPLEX);
        }
        if (error instanceof ValidationError validation) {
            Map<String, Object> extensions = new LinkedHashMap<>();
            if (validation.getExtensions() != null) {
                extensions.putAll(validation.getExtensions());
            }
            extensions.put("code", VALIDATION_FAILED);
            putTraceId(extensions);
            return ValidationError.newValidationError()
                    .validationErrorType(validation.getValidationErrorType())
                    .description(validation.getDescription())
                    .queryPath(validation.getQueryPath())
                    .sourceLocations(validation.getLocations())
                    .extensions(extensions)
                    .build();
        }
        if (error.getErrorType() == graphql.ErrorType.ValidationError) {
            // Variable coercion errors (wrong type, null for a non-null, unknown input field) are exceptions, not
            // ValidationErrors, so SmallRye would write them without extensions.
            return error(Classification.InvalidInput, error.getMessage(), error.getLocations(), VALIDATION_FAILED);
        }
        return error;
    }

    private static GraphQLError error(Classification type, String message, List<SourceLocation> locations,
            String code) {
        Map<String, Object> extensions = new LinkedHashMap<>();
        extensions.put("code", code);
        putTraceId(extensions);
        return ValidationError.newValidationError()
                .validationErrorType(type)
                .description(message)
                .sourceLocations(locations == null ? List.of() : locations)
                .extensions(extensions)
                .build();
    }

    /** {@code traceId}, as resolver errors carry it ({@code GatewayException}). */
    private static void putTraceId(Map<String, Object> extensions) {
        String traceId = TraceIds.current();
        if (traceId != null) {
            extensions.put("traceId", traceId);
        }
    }
}
