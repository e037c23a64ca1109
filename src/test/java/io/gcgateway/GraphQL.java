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

    public static ValidatableResponse query(String document, Map<String, Object> variables) {
        return given().contentType(ContentType.JSON)
                .body(Map.of("query", document, "variables", variables))
                .when().post("/graphql")
                .then().statusCode(200);
    }
}
