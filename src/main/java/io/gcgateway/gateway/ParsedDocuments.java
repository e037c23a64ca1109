package io.gcgateway.gateway;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import java.util.function.Predicate;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import graphql.ExecutionInput;
import graphql.GraphQLContext;
import graphql.ParseAndValidate;
import graphql.execution.preparsed.PreparsedDocumentEntry;
import graphql.execution.preparsed.PreparsedDocumentProvider;
import graphql.language.Document;
import graphql.language.OperationDefinition;
import graphql.schema.GraphQLSchema;
import graphql.validation.ValidationError;
import io.gcgateway.cache.RedisKeys;
import io.quarkus.arc.Unremovable;
import jakarta.inject.Singleton;

/**
 * The engine's memo of parsed and validated documents, in place of SmallRye's: bounded in bytes
 * ({@code gateway.graphql.parsed-documents-memory}) and keyed by the document's hash. SmallRye's keeps 2,048 documents
 * whatever their size, keyed by their text: at the largest allowed document that is over a gigabyte of syntax trees,
 * which one client sending distinct documents could fill.
 * <p>
 * A new document is parsed at the front door ({@link DocumentSyntax}, which hands its syntax tree over with
 * {@link #offer}); the engine then validates that tree instead of parsing the text again. (SmallRye parses it once
 * more itself, to read the operation types before the engine runs; nothing here can spare that.) The document of
 * an execution is kept in its {@link GraphQLContext} ({@link #documentOf}) for what reads it afterwards (metrics, the
 * response cache): SmallRye's own way to it ({@code Context.unwrap(Document.class)}) parses the text once more.
 */
// Looked up by the engine (GraphQLEngine), never injected: kept.
@Unremovable
@Singleton
class ParsedDocuments implements PreparsedDocumentProvider {
    /**
     * Heap a parsed document takes per character of its text: its syntax tree measured at 16.5 bytes per character
     * (graphql-java 24, a 30,000-character query), plus the text and the validation result.
     */
    static final int BYTES_PER_CHARACTER = 24;

    private record Parsed(PreparsedDocumentEntry entry, int bytes) {
    }

    /** A syntax tree handed over by the front door, for the request that follows it (see {@link #offer}). */
    private record Offered(String query, Document document) {
    }

    private static final String DOCUMENT = ParsedDocuments.class.getName() + ".document";
    /** Trees handed over and not yet taken wait this long at most (a request goes on within microseconds). */
    private static final Duration OFFER_TTL = Duration.ofSeconds(10);

    private final Cache<String, Parsed> documents;
    private final Cache<String, Offered> offered;
    private volatile Validation validation;

    ParsedDocuments(GatewayConfig config) {
        long memory = config.graphql().parsedDocumentsMemory().asLongValue();
        this.documents = Caffeine.newBuilder()
                .maximumWeight(memory)
                .weigher((String hash, Parsed parsed) -> parsed.bytes())
                .build();
        this.offered = Caffeine.newBuilder()
                .maximumWeight(Math.max(1, memory / 8))
                .weigher((String hash, Offered tree) -> weight(tree.query()))
                .expireAfterWrite(OFFER_TTL)
                .build();
    }

    /**
     * How the engine validates a tree it did not parse itself: the schema it executes, and the one hook its parse
     * step would have run on that tree (the alias limit). Set when the engine is built ({@link GraphQLEngine});
     * without it, or with instrumentations whose parse and validation hooks are unknown, every document is parsed by
     * the engine as before.
     */
    record Validation(GraphQLSchema schema, GraphQLLimits limits) {
    }

    void validateWith(Validation validation) {
        this.validation = validation;
        this.offered.invalidateAll();
    }

    /** The syntax tree of {@code query}, just parsed at the front door, for the engine to validate rather than parse again. */
    void offer(String hash, String query, Document document) {
        if (validation != null && documents.getIfPresent(hash) == null) {
            offered.put(hash, new Offered(query, document));
        }
    }

    @Override
    public CompletableFuture<PreparsedDocumentEntry> getDocumentAsync(ExecutionInput input,
            Function<ExecutionInput, PreparsedDocumentEntry> parseAndValidate) {
        String query = input.getQuery();
        String hash = RedisKeys.sha256(query);
        Parsed known = documents.getIfPresent(hash);
        PreparsedDocumentEntry entry;
        if (known != null) {
            entry = known.entry();
        } else {
            Offered tree = offered.asMap().remove(hash);
            Validation validating = validation;
            entry = tree != null && validating != null && tree.query().equals(query)
                    ? validated(input, tree.document(), validating)
                    : parseAndValidate.apply(input);
            documents.put(hash, new Parsed(entry, weight(query)));
        }
        if (entry.getDocument() != null) {
            input.getGraphQLContext().put(DOCUMENT, entry.getDocument());
        }
        return CompletableFuture.completedFuture(entry);
    }

    /**
     * What graphql-java's own parse-and-validate step makes of a tree (GraphQL#parseAndValidate in graphql-java 24):
     * the parse step's document hook (the alias limit: an {@code AbortExecutionException}, as there), then the
     * schema's validation rules with the request's rule predicate and locale.
     */
    private static PreparsedDocumentEntry validated(ExecutionInput input, Document document, Validation validation) {
        validation.limits().checkAliases(document);
        Predicate<Class<?>> rules = input.getGraphQLContext().getOrDefault(ParseAndValidate.INTERNAL_VALIDATION_PREDICATE_HINT,
                rule -> true);
        Locale locale = input.getLocale() != null ? input.getLocale() : Locale.getDefault();
        List<ValidationError> errors = ParseAndValidate.validate(validation.schema(), document, rules, locale);
        return errors.isEmpty() ? new PreparsedDocumentEntry(document) : new PreparsedDocumentEntry(document, errors);
    }

    /** The document an execution runs (null before it was parsed, or when it did not parse). */
    static Document documentOf(ExecutionInput input) {
        return input == null ? null : input.getGraphQLContext().get(DOCUMENT);
    }

    private static int weight(String query) {
        return 64 + (int) Math.min(Integer.MAX_VALUE / 2, (long) query.length() * BYTES_PER_CHARACTER);
    }

    /** Bytes the remembered documents are estimated to take (for a test). */
    long weight() {
        documents.cleanUp();
        return documents.policy().eviction().map(eviction -> eviction.weightedSize().orElse(0)).orElse(0L);
    }

    /** The operation a request runs: the one named {@code operationName}, or the only one; null when ambiguous. */
    static OperationDefinition selectedOperation(Document document, String operationName) {
        if (document == null) {
            return null;
        }
        OperationDefinition operation = null;
        for (OperationDefinition candidate : document.getDefinitionsOfType(OperationDefinition.class)) {
            if (operationName == null || operationName.equals(candidate.getName())) {
                if (operation != null) {
                    return null;
                }
                operation = candidate;
            }
        }
        return operation;
    }
}
