package io.gcgateway.gateway;

import java.nio.charset.StandardCharsets;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import graphql.language.Document;
import graphql.parser.InvalidSyntaxException;
import graphql.parser.Parser;
import graphql.parser.ParserEnvironment;
import graphql.parser.ParserOptions;
import graphql.parser.exceptions.ParseCancelledException;
import io.gcgateway.cache.RedisKeys;
import jakarta.inject.Singleton;

/**
 * Documents are bounded in bytes ({@code gateway.graphql.max-document-size}) before anything parses them. SmallRye
 * answers an unparseable document with a generic error that has no code; parsing at the front door first gives the
 * client the parser's message and a code. Documents that parsed once are remembered by their hash (a fixed 64
 * characters each, however large the document), so a repeated query costs a hash and a lookup, not a second parse.
 */
@Singleton
class DocumentSyntax {
    static final String SYNTAX = "GRAPHQL_PARSE_FAILED";
    static final String TOO_LARGE = "QUERY_TOO_LARGE";
    private static final int KNOWN_DOCUMENTS = 10_000;

    /** Why a document is refused: the error code and message the client gets. */
    record Refusal(String code, String message) {
    }

    private final int maxTokens;
    private final long maxBytes;
    private final Cache<String, Boolean> parsed = Caffeine.newBuilder().maximumSize(KNOWN_DOCUMENTS).build();

    private final ParsedDocuments documents;

    DocumentSyntax(GatewayConfig config, ParsedDocuments documents) {
        this.documents = documents;
        this.maxTokens = config.graphql().maxTokens();
        this.maxBytes = config.graphql().maxDocumentSize().asLongValue();
    }

    /** Null when a document of {@code bytes} may be read; else why it is refused. */
    Refusal checkSize(long bytes) {
        return bytes <= maxBytes ? null
                : new Refusal(TOO_LARGE, "The document is larger than " + maxBytes
                        + " bytes (gateway.graphql.max-document-size)");
    }

    /**
     * Null when {@code query} may run (or is absent: the GraphQL handler answers that); else why it is refused. With
     * {@code syntax}, a document not seen before is also parsed here.
     */
    Refusal check(String query, boolean syntax) {
        if (query == null || query.isBlank()) {
            return null;
        }
        // A character is at most 3 UTF-8 bytes: only documents that may be over the limit are measured.
        if (query.length() * 3L > maxBytes) {
            Refusal tooLarge = checkSize(query.getBytes(StandardCharsets.UTF_8).length);
            if (tooLarge != null) {
                return tooLarge;
            }
        }
        if (!syntax) {
            return null;
        }
        String hash = RedisKeys.sha256(query);
        if (parsed.getIfPresent(hash) != null) {
            return null;
        }
        Document document;
        try {
            document = Parser.parse(ParserEnvironment.newParserEnvironment().document(query)
                    .parserOptions(ParserOptions.getDefaultOperationParserOptions().transform(
                            options -> options.maxTokens(maxTokens)))
                    .build());
        } catch (ParseCancelledException e) {
            return new Refusal("QUERY_TOO_COMPLEX", "The document has more than " + maxTokens + " tokens");
        } catch (InvalidSyntaxException e) {
            return new Refusal(SYNTAX, e.getMessage());
        }
        parsed.put(hash, Boolean.TRUE);
        documents.offer(hash, query, document);
        return null;
    }
}
