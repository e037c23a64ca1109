package io.gcgateway.simulator;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;


import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.hamcrest.Matchers;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.mypurecloud.sdk.v2.ApiClient;
import com.mypurecloud.sdk.v2.ApiException;
import com.mypurecloud.sdk.v2.api.OrganizationApi;
import com.mypurecloud.sdk.v2.extensions.AuthResponse;
import com.mypurecloud.sdk.v2.model.ErrorBody;
import com.mypurecloud.sdk.v2.model.Organization;

import io.gcgateway.GraphQL;
import io.gcgateway.Simulator;
import io.gcgateway.simulator.control.FaultRule;
import io.quarkus.test.junit.QuarkusTest;

/**
 * The simulator checked against the official Genesys Java SDK (platform-client-v2 198.1.0): if the SDK's own
 * models parse what the simulator sends, the simulator speaks the real API.
 */
@QuarkusTest
class SdkContractTest {

    @ConfigProperty(name = "simulator.base-url")
    String baseUrl;
    @ConfigProperty(name = "simulator.client-id")
    String clientId;
    @ConfigProperty(name = "simulator.client-secret")
    String clientSecret;

    private ApiClient sdk;

    @BeforeEach
    void connect() throws Exception {
        Simulator.reset();
        // The SDK derives the login host from a real region's API host, so the token is fetched over plain HTTP
        // and parsed with the SDK's own AuthResponse.
        AuthResponse auth = sdkMapper().readValue(tokenResponse(clientId + ":" + clientSecret), AuthResponse.class);
        sdk = ApiClient.Builder.standard().withBasePath(baseUrl).withAccessToken(auth.getAccess_token()).build();
    }

    @Test
    void tokenResponseIsAnSdkAuthResponse() throws Exception {
        AuthResponse auth = sdkMapper().readValue(tokenResponse(clientId + ":" + clientSecret), AuthResponse.class);
        assertThat(auth.getAccess_token()).isNotBlank();
        assertThat(auth.getToken_type()).isEqualTo("bearer");
        assertThat(auth.getExpires_in()).isEqualTo(86_400);
        assertThat(auth.getError()).isNull();
    }

    @Test
    void wrongClientSecretIsAnOAuthError() throws Exception {
        String body = given().header("Authorization", basic(clientId + ":wrong"))
                .formParam("grant_type", "client_credentials")
                .post(baseUrl + "/oauth/token").then().statusCode(401).extract().asString();
        assertThat(sdkMapper().readValue(body, AuthResponse.class).getError()).isEqualTo("invalid_client");
    }

    @Test
    void organizationParsesIntoTheSdkModelAndMatchesTheGateway() throws Exception {
        Organization organization = new OrganizationApi(sdk).getOrganizationsMe();
        assertThat(organization.getId()).matches("[0-9a-f-]{36}");
        assertThat(organization.getState()).isEqualTo(Organization.StateEnum.ACTIVE);
        assertThat(organization.getSelfUri()).isEqualTo("/api/v2/organizations/" + organization.getId());
        assertThat(organization.getProductPlatform()).isEqualTo(Organization.ProductPlatformEnum.PURECLOUD);

        GraphQL.query("{ organization { id name domain } }")
                .body("data.organization.id", Matchers.equalTo(organization.getId()))
                .body("data.organization.name", Matchers.equalTo(organization.getName()))
                .body("data.organization.domain", Matchers.equalTo(organization.getDomain()));
    }

    @Test
    void invalidTokenIsAGenesysErrorBodyWithTheCorrelationId() throws Exception {
        ApiClient stranger = ApiClient.Builder.standard().withBasePath(baseUrl).withAccessToken("not-a-token").build();
        ApiException e = catchThrowableOfType(ApiException.class, () -> new OrganizationApi(stranger).getOrganizationsMe());
        assertThat(e.getStatusCode()).isEqualTo(401);
        ErrorBody body = sdkMapper().readValue(e.getRawBody(), ErrorBody.class);
        assertThat(body.getCode()).isEqualTo("bad.credentials");
        assertThat(body.getStatus()).isEqualTo(401);
        assertThat(body.getContextId()).isNotBlank().isEqualTo(e.getCorrelationId());
    }

    @Test
    void expiredTokenSaysCredentialsExpired() throws Exception {
        Simulator.expireTokens();
        ApiException e = catchThrowableOfType(ApiException.class, () -> new OrganizationApi(sdk).getOrganizationsMe());
        assertThat(e.getStatusCode()).isEqualTo(401);
        assertThat(sdkMapper().readValue(e.getRawBody(), ErrorBody.class).getCode()).isEqualTo("credentials.expired");
    }

    @Test
    void rateLimitAnswers429WithRetryAfterAndRateLimitHeaders() throws Exception {
        Simulator.settings(2, null);
        OrganizationApi api = new OrganizationApi(sdk);
        var ok = api.getOrganizationsMeWithHttpInfo();
        assertThat(ok.getHeader("inin-ratelimit-allowed")).isEqualTo("2");
        assertThat(ok.getHeader("inin-ratelimit-count")).isEqualTo("1");
        assertThat(Long.parseLong(ok.getHeader("inin-ratelimit-reset"))).isBetween(1L, 60L);
        api.getOrganizationsMe();

        ApiException e = catchThrowableOfType(ApiException.class, api::getOrganizationsMe);
        assertThat(e.getStatusCode()).isEqualTo(429);
        assertThat(Long.parseLong(e.getHeader("Retry-After"))).isBetween(1L, 60L);
        ErrorBody body = sdkMapper().readValue(e.getRawBody(), ErrorBody.class);
        assertThat(body.getCode()).isEqualTo("too.many.requests.retry.after");
        assertThat(body.getMessage()).startsWith("Rate limit exceeded the maximum");
    }

    @Test
    void injectedFaultIsAGenesysErrorBody() throws Exception {
        Simulator.inject(FaultRule.status("GET", "/api/v2/organizations/me", 1, 503));
        ApiException e = catchThrowableOfType(ApiException.class, () -> new OrganizationApi(sdk).getOrganizationsMe());
        assertThat(e.getStatusCode()).isEqualTo(503);
        ErrorBody body = sdkMapper().readValue(e.getRawBody(), ErrorBody.class);
        assertThat(body.getCode()).isEqualTo("service.unavailable");
        assertThat(body.getContextId()).isEqualTo(e.getCorrelationId());
    }

    private String tokenResponse(String credentials) {
        return given().header("Authorization", basic(credentials))
                .formParam("grant_type", "client_credentials")
                .post(baseUrl + "/oauth/token").then().statusCode(200).extract().asString();
    }

    private static String basic(String credentials) {
        String[] idAndSecret = credentials.split(":", 2);
        return Simulator.basic(idAndSecret[0], idAndSecret[1]);
    }

    private static ObjectMapper sdkMapper() {
        return ApiClient.Builder.standard().build().getObjectMapper();
    }
}
