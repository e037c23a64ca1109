package io.gcgateway.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.nullValue;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;

import graphql.schema.FieldCoordinates;
import graphql.schema.GraphQLSchema;
import io.gcgateway.GraphQL;
import io.quarkus.arc.Arc;
import io.quarkus.test.junit.QuarkusTest;

/**
 * Every live field a feature declares is executed behind its limit, with the freshness it declared; what the limit
 * does to a kept response is checked in DirectoryGraphTest.
 */
@QuarkusTest
class LiveFieldsTest {

    @Test
    void everyLiveFieldIsExecutedBehindItsFreshness() {
        GraphQL.query("{ __typename }").body("errors", nullValue());
        GraphQLSchema executed = GraphQLEngine.executedSchema();
        Map<String, Duration> declared = new HashMap<>();
        Arc.container().select(LiveFields.class).forEach(feature -> declared.putAll(feature.liveFields()));
        assertThat(declared).as("the directory's live state").containsKeys("User.presence", "User.routingStatus",
                "Queue.observation");
        declared.forEach((coordinates, freshFor) -> {
            String[] typeAndField = coordinates.split("\\.");
            Object fetcher = executed.getCodeRegistry().getDataFetcher(
                    FieldCoordinates.coordinates(typeAndField[0], typeAndField[1]),
                    executed.getObjectType(typeAndField[0]).getFieldDefinition(typeAndField[1]));
            assertThat(fetcher).as(coordinates).isInstanceOfSatisfying(LiveFieldFetcher.class,
                    live -> assertThat(live.freshFor()).isEqualTo(freshFor));
        });
    }
}
