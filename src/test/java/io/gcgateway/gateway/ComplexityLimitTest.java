package io.gcgateway.gateway;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

import java.util.Map;

import org.junit.jupiter.api.Test;

import io.gcgateway.GraphQL;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/**
 * The complexity limit on its own: the schema has no 1,000 distinct fields to select, so the hostile document uses
 * aliases, and this profile lifts the alias limit that would otherwise refuse it first.
 */
@QuarkusTest
@TestProfile(ComplexityLimitTest.ManyAliases.class)
class ComplexityLimitTest {

    public static class ManyAliases implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("gateway.graphql.max-aliases", "10000");
        }
    }

    @Test
    void tooComplexQueryIsRejected() {
        StringBuilder query = new StringBuilder("{");
        for (int i = 0; i < 600; i++) {
            query.append(" a").append(i).append(": gatewayInfo { version }");
        }
        query.append(" }");
        GraphQL.query(query.toString())
                .body("data", nullValue())
                .body("errors[0].extensions.code", equalTo("QUERY_TOO_COMPLEX"))
                .body("errors[0].message", containsString("maximum query complexity exceeded"));
    }
}
