package io.gcgateway.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

import java.util.Map;

import org.junit.jupiter.api.Test;

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
