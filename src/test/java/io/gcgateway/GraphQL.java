package io.gcgateway;

import static io.restassured.RestAssured.given;

import java.util.Map;

import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;

/** Posts GraphQL operations to the gateway the way any client would (JSON over HTTP). */
public final class GraphQL {
    private GraphQL() {
    }

    public static ValidatableResponse query(String document) {
        return query(document, Map.of());
    }

    /** As the test admin (every role), so that tests of a capability are not about authorization. */
    public static ValidatableResponse query(String document, Map<String, Object> variables) {
        return as(TestClients.ADMIN, document, variables);
    }

    /** With the given API key ({@code null}: no credentials at all). */
    public static ValidatableResponse as(String apiKey, String document, Map<String, Object> variables) {
        var request = given().contentType(ContentType.JSON);
        if (apiKey != null) {
            request.header(TestClients.API_KEY_HEADER, apiKey);
        }
        return request.body(Map.of("query", document, "variables", variables))
                .when().post("/graphql")
                .then().statusCode(200);
    }

    /** With a bearer token. */
    public static ValidatableResponse withBearer(String token, String document, Map<String, Object> variables) {
        return given().contentType(ContentType.JSON).header("Authorization", "Bearer " + token)
                .body(Map.of("query", document, "variables", variables))
                .when().post("/graphql")
                .then().statusCode(200);
    }
}
