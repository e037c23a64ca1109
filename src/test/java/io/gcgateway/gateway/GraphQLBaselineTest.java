package io.gcgateway.gateway;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

import org.junit.jupiter.api.Test;

import io.gcgateway.GraphQL;
import io.quarkus.test.junit.QuarkusTest;

/** Schema, UI, gateway info, health and the query depth and complexity limits. */
@QuarkusTest
class GraphQLBaselineTest {

    @Test
    void gatewayInfoReportsSimulatorAndCache() {
        GraphQL.query("{ gatewayInfo { version region simulator cache { available } } }")
                .body("errors", nullValue())
                .body("data.gatewayInfo.version", notNullValue())
                .body("data.gatewayInfo.region", equalTo("simulator"))
                .body("data.gatewayInfo.simulator", equalTo(true))
                .body("data.gatewayInfo.cache.available", equalTo(true));
    }

    @Test
    void schemaIsPublishedAsSdl() {
        given().get("/graphql/schema.graphql").then().statusCode(200)
                .body(containsString("type Organization"))
                .body(containsString("organization: Organization!"))
                .body(containsString("gatewayInfo: GatewayInfo!"));
    }

    @Test
    void graphiqlIsServed() {
        given().get("/q/graphql-ui/").then().statusCode(200).body(containsString("<html"));
    }

    @Test
    void tooDeepQueryIsRejected() {
        StringBuilder query = new StringBuilder("{ __schema { types { fields { type ");
        int ofTypes = 14;
        query.append("{ ofType ".repeat(ofTypes)).append("{ name }").append(" }".repeat(ofTypes));
        query.append(" } } } }");
        GraphQL.query(query.toString())
                .body("data", nullValue())
                .body("errors[0].message", containsString("maximum query depth exceeded"));
    }

    @Test
    void introspectionAsGraphiqlSendsItStillWorks() {
        // Depth 13, like GraphiQL's own introspection query: __schema > types > fields > type > 8 x ofType > name.
        int ofTypes = 8;
        String introspection = "{ __schema { types { name fields { name type { name kind "
                + "ofType { name kind ".repeat(ofTypes) + "}".repeat(ofTypes) + " } } } } }";
        GraphQL.query(introspection).body("errors", nullValue()).body("data.__schema.types.name", hasItem("Organization"));
    }

    @Test
    void livenessAndReadinessAreUp() {
        given().get("/q/health/live").then().statusCode(200).body("status", equalTo("UP"));
        given().get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP"))
                .body("checks.name", hasItem("redis"));
    }
}
