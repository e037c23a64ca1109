package io.gcgateway.gateway;

import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import graphql.ExecutionInput;
import graphql.execution.preparsed.PreparsedDocumentEntry;
import graphql.execution.preparsed.PreparsedDocumentProvider;
import graphql.language.Document;
import graphql.language.OperationDefinition;
import io.gcgateway.cache.RedisKeys;
import io.quarkus.arc.Unremovable;
import jakarta.inject.Singleton;

/**
 * The engine's memo of parsed and validated documents, in place of SmallRye's: bounded in bytes
 * ({@code gateway.graphql.parsed-documents-memory}) and keyed by the document's hash. SmallRye's keeps 2,048 documents
 * whatever their size, keyed by their text: at the largest allowed document that is over a gigabyte of syntax trees,
 * which one client sending distinct documents could fill.
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

    private final Cache<String, Parsed> documents;

    ParsedDocuments(GatewayConfig config) {
        this.documents = Caffeine.newBuilder()
                .maximumWeight(config.graphql().parsedDocumentsMemory().asLongValue())
                .weigher((String hash, Parsed parsed) -> parsed.bytes())
                .build();
    }

    @Override
    public CompletableFuture<PreparsedDocumentEntry> getDocumentAsync(ExecutionInput input,
            Function<ExecutionInput, PreparsedDocumentEntry> parseAndValidate) {
        String query = input.getQuery();
        String hash = RedisKeys.sha256(query);
        Parsed known = documents.getIfPresent(hash);
        if (known != null) {
            return CompletableFuture.completedFuture(known.entry());
        }
        PreparsedDocumentEntry entry = parseAndValidate.apply(input);
        documents.put(hash, new Parsed(entry, 64 + (int) Math.min(Integer.MAX_VALUE / 2, (long) query.length()
                * BYTES_PER_CHARACTER)));
        return CompletableFuture.completedFuture(entry);
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
