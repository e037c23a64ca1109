package io.gcgateway.gateway;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import graphql.parser.InvalidSyntaxException;
import graphql.parser.Parser;
import graphql.parser.ParserEnvironment;
import graphql.parser.ParserOptions;
import graphql.parser.exceptions.ParseCancelledException;
import jakarta.inject.Singleton;

/**
 * SmallRye answers an unparseable document with a generic error that has no code; parsing at the front door first
 * gives the client the parser's message and a code. Documents that parsed once are remembered (bounded), so a
 * repeated query costs a map lookup, not a second parse.
 */
@Singleton
class DocumentSyntax {
    static final String SYNTAX = "GRAPHQL_PARSE_FAILED";
    private static final int KNOWN_DOCUMENTS = 10_000;

    /** Why a document is refused: the error code and message the client gets. */
    record Refusal(String code, String message) {
    }

    private final int maxTokens;
    private final Map<String, Boolean> parsed = new ConcurrentHashMap<>();

    DocumentSyntax(GatewayConfig config) {
        this.maxTokens = config.graphql().maxTokens();
    }

    /** Null when {@code query} parses (or is absent: the GraphQL handler answers that); else why it is refused. */
    Refusal check(String query) {
        if (query == null || query.isBlank() || parsed.containsKey(query)) {
            return null;
        }
        try {
            Parser.parse(ParserEnvironment.newParserEnvironment().document(query)
                    .parserOptions(ParserOptions.getDefaultOperationParserOptions().transform(
                            options -> options.maxTokens(maxTokens)))
                    .build());
        } catch (ParseCancelledException e) {
            return new Refusal("QUERY_TOO_COMPLEX", "The document has more than " + maxTokens + " tokens");
        } catch (InvalidSyntaxException e) {
            return new Refusal(SYNTAX, e.getMessage());
        }
        if (parsed.size() > KNOWN_DOCUMENTS) {
            parsed.clear();
        }
        parsed.put(query, Boolean.TRUE);
        return null;
    }
}
