package io.gcgateway.gateway;

import io.gcgateway.GraphQL;

import static org.hamcrest.Matchers.nullValue;

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
    void batchFieldsAreQueuedWithoutPerObjectSetUp() {
        GraphQL.query("{ __typename }").body("errors", nullValue());
        GraphQLSchema executed = GraphQLEngine.executedSchema();
        Object user = executed.getCodeRegistry().getDataFetcher(FieldCoordinates.coordinates("ConversationParticipant", "user"),
                executed.getObjectType("ConversationParticipant").getFieldDefinition("user"));
        assertThat(user).isInstanceOfSatisfying(SourceBatchFetcher.class,
                fetcher -> assertThat(fetcher.loaderName()).isEqualTo("ConversationParticipant_user"));
        // A field with arguments keeps SmallRye's fetcher (User.queues is not a batch field at all).
        assertThat(executed.getCodeRegistry().getDataFetcher(FieldCoordinates.coordinates("User", "queues"),
                executed.getObjectType("User").getFieldDefinition("queues"))).isNotInstanceOf(SourceBatchFetcher.class);
        // The loader is where SmallRye names it: a batched page answers (DirectoryGraphTest counts its calls).
        GraphQL.query("{ users(first: 3) { edges { node { name presence { label } } } } }").body("errors", nullValue());
    }

    @Test
    void operationsKeepSmallRyesFetchers() {
        assertThat(fetcher("Query", "conversations")).isNotInstanceOf(PlainFieldFetchers.PlainFieldFetcher.class);
    }
}
