package io.gcgateway.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import graphql.schema.FieldCoordinates;
import graphql.schema.GraphQLObjectType;
import graphql.schema.GraphQLSchema;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;

/**
 * The gateway's own output types are served by the plain accessor fetchers (not SmallRye's per-field context set-up);
 * that they still answer correctly is what every other test checks. Output transformation still applies: dates and
 * JSON values come out as before (see the analytics, audit and records tests).
 */
@QuarkusTest
class PlainFieldFetchersTest {
    @Inject
    GraphQLSchema schema;

    private Object fetcher(String type, String field) {
        GraphQLObjectType object = schema.getObjectType(type);
        return schema.getCodeRegistry().getDataFetcher(FieldCoordinates.coordinates(type, field), object.getFieldDefinition(field));
    }

    @Test
    void gatewayTypesUseThePlainFetchers() {
        assertThat(fetcher("Conversation", "handleMs")).isInstanceOf(PlainFieldFetchers.PlainFieldFetcher.class);
        assertThat(fetcher("ConversationEdge", "node")).isInstanceOf(PlainFieldFetchers.PlainFieldFetcher.class);
        assertThat(fetcher("GatewayAuditEvent", "timestamp")).isInstanceOf(PlainFieldFetchers.PlainFieldFetcher.class);
        assertThat(fetcher("LiveConversation", "etag")).isInstanceOf(PlainFieldFetchers.PlainFieldFetcher.class);
    }

    @Test
    void operationsKeepSmallRyesFetchers() {
        assertThat(fetcher("Query", "conversations")).isNotInstanceOf(PlainFieldFetchers.PlainFieldFetcher.class);
    }
}
