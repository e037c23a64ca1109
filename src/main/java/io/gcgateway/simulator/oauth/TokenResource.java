package io.gcgateway.simulator.oauth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

import io.gcgateway.simulator.SimulatorConfig;
import io.gcgateway.simulator.control.SimulatorSettings;
import io.quarkus.runtime.annotations.RegisterForReflection;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/** The login host's {@code POST /oauth/token}, client-credentials grant with HTTP Basic client authentication. */
@Path("/simulator/oauth/token")
public class TokenResource {

    private final SimulatorConfig config;
    private final SimulatorSettings settings;
    private final TokenStore tokens;

    TokenResource(SimulatorConfig config, SimulatorSettings settings, TokenStore tokens) {
        this.config = config;
        this.settings = settings;
        this.tokens = tokens;
    }

    @POST
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Produces(MediaType.APPLICATION_JSON)
    public Response token(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
            @FormParam("grant_type") String grantType) {
        if (!"client_credentials".equals(grantType)) {
            return oauthError(400, "unsupported_grant_type", "Only the client_credentials grant is supported.");
        }
        if (!validClient(authorization)) {
            return oauthError(401, "invalid_client", "Client authentication failed.");
        }
        long lifetime = settings.tokenLifetime().toSeconds();
        return Response.ok(new Token(tokens.issue(lifetime * 1000), "bearer", lifetime, null, null)).build();
    }

    private boolean validClient(String authorization) {
        if (authorization == null || !authorization.regionMatches(true, 0, "Basic ", 0, 6)) {
            return false;
        }
        String expected = config.clientId() + ":" + config.clientSecret();
        try {
            byte[] given = Base64.getDecoder().decode(authorization.substring(6).trim());
            return MessageDigest.isEqual(given, expected.getBytes(StandardCharsets.UTF_8));
        } catch (IllegalArgumentException malformed) {
            return false;
        }
    }

    private static Response oauthError(int status, String error, String description) {
        return Response.status(status).type(MediaType.APPLICATION_JSON_TYPE)
                .entity(new Token(null, null, null, error, description)).build();
    }

    /** Token response, or an OAuth error ({@code error}, {@code description}) with the other fields absent. */
    @RegisterForReflection
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Token(
            @JsonProperty("access_token") String accessToken,
            @JsonProperty("token_type") String tokenType,
            @JsonProperty("expires_in") Long expiresIn,
            @JsonProperty("error") String error,
            @JsonProperty("description") String description) {
    }
}
