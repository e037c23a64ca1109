package io.gcgateway.security;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Set;

import io.quarkus.security.identity.IdentityProviderManager;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.request.AuthenticationRequest;
import io.quarkus.vertx.http.runtime.security.ChallengeData;
import io.quarkus.vertx.http.runtime.security.HttpAuthenticationMechanism;
import io.smallrye.mutiny.Uni;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Reads the API key header; requests without it are left to the other mechanisms (JWT) or stay anonymous.
 * <p>
 * A browser cannot set headers on a WebSocket, so a graphql-ws upgrade may carry the key as an extra offered
 * subprotocol, {@code gateway-api-key.<base64url(key)>} (the way Kubernetes passes bearer tokens): it is only ever
 * read from the upgrade's {@code Sec-WebSocket-Protocol}, never selected, and never in a URL that logs would keep.
 */
@ApplicationScoped
class ApiKeyAuthenticationMechanism implements HttpAuthenticationMechanism {
    static final String SUBPROTOCOL_PREFIX = "gateway-api-key.";
    private final SecurityConfig config;

    ApiKeyAuthenticationMechanism(SecurityConfig config) {
        this.config = config;
    }

    @Override
    public Uni<SecurityIdentity> authenticate(RoutingContext context, IdentityProviderManager identityProviderManager) {
        String key = context.request().getHeader(config.apiKeyHeader());
        if (key == null || key.isBlank()) {
            key = fromSubprotocol(context.request().getHeader("Sec-WebSocket-Protocol"));
        }
        if (key == null || key.isBlank()) {
            return Uni.createFrom().nullItem();
        }
        return identityProviderManager.authenticate(new ApiKeyAuthenticationRequest(key.trim()));
    }

    static String fromSubprotocol(String offered) {
        if (offered == null) {
            return null;
        }
        for (String protocol : offered.split(",")) {
            String candidate = protocol.trim();
            if (candidate.startsWith(SUBPROTOCOL_PREFIX) && candidate.length() <= 1_024) {
                try {
                    return new String(Base64.getUrlDecoder().decode(candidate.substring(SUBPROTOCOL_PREFIX.length())),
                            StandardCharsets.UTF_8);
                } catch (IllegalArgumentException notBase64) {
                    return null;
                }
            }
        }
        return null;
    }

    @Override
    public Uni<ChallengeData> getChallenge(RoutingContext context) {
        return Uni.createFrom().item(new ChallengeData(401, null, null));
    }

    @Override
    public Set<Class<? extends AuthenticationRequest>> getCredentialTypes() {
        return Set.of(ApiKeyAuthenticationRequest.class);
    }
}
