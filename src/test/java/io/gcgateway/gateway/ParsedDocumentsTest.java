package io.gcgateway.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

import graphql.parser.ParserOptions;

import io.gcgateway.GraphQL;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;

/**
 * The engine remembers parsed documents within its memory bound, whatever the documents: distinct documents near the
 * size limit (here 40 of 30,000 characters, 29 MB of estimated syntax trees) leave at most 16 MB remembered.
 */
@QuarkusTest
class ParsedDocumentsTest {

    @Inject
    ParsedDocuments documents;

    /**
     * A new document is parsed at the front door, for its syntax, and once by SmallRye, which reads the operation
     * types before the engine runs; the engine validates the front door's tree, and nothing else parses it again
     * (it was four parses: SmallRye's own parse cache, an instrumentation, parsed each new document once more). A
     * repeated document is not parsed by the gateway at all.
     */
    @Test
    void aNewDocumentIsParsedTwiceAndARepeatedOneOnlyBySmallRye() {
        String operation = "Parsed" + UUID.randomUUID().toString().replace("-", "");
        AtomicInteger parses = new AtomicInteger();
        ParserOptions before = ParserOptions.getDefaultOperationParserOptions();
        ParserOptions.setDefaultOperationParserOptions(before.transform(options -> options.parsingListener(token -> {
            if (operation.equals(token.getText())) {
                parses.incrementAndGet();
            }
        })));
        try {
            String query = "query " + operation + " { __typename a: __typename }";
            GraphQL.query(query, Map.of()).body("errors", nullValue()).body("data.a", equalTo("Query"));
            assertThat(parses).as("parses of a new document").hasValue(2);
            parses.set(0);
            GraphQL.query(query, Map.of()).body("errors", nullValue());
            assertThat(parses).as("parses of a repeated document").hasValue(1);
        } finally {
            ParserOptions.setDefaultOperationParserOptions(before);
        }
    }

    @Test
    void distinctLargeDocumentsStayWithinTheMemoryBound() {
        String padding = "#" + "x".repeat(30_000);
        for (int i = 0; i < 40; i++) {
            GraphQL.query("query Large" + i + " { __typename }\n" + padding, Map.of())
                    .body("errors", nullValue())
                    .body("data.__typename", equalTo("Query"));
        }
        long bound = 16L * 1024 * 1024;
        assertThat(documents.weight()).as("remembered, estimated bytes").isPositive().isLessThanOrEqualTo(bound);
        // The engine's memo is this one: a small document is remembered too.
        long before = documents.weight();
        GraphQL.query("query Small { __typename }", Map.of()).body("errors", nullValue());
        assertThat(documents.weight()).isNotEqualTo(before);
    }
}
