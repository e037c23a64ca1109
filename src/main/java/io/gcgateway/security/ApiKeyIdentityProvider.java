package io.gcgateway.security;

import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import io.gcgateway.cache.RedisKeys;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.IdentityProvider;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.runtime.QuarkusPrincipal;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Checks an API key against the configured salted hashes (constant-time comparison). Keys are random 256-bit
 * values, so one salted SHA-256 is enough: there is nothing to guess that a slow hash would protect.
 */
@ApplicationScoped
class ApiKeyIdentityProvider implements IdentityProvider<ApiKeyAuthenticationRequest> {
    private record Client(String name, String salt, byte[] hash, Set<String> roles) {
    }

    private final List<Client> clients;

    ApiKeyIdentityProvider(SecurityConfig config) {
        this.clients = config.apiKeys().entrySet().stream().map(entry -> {
            String[] parts = entry.getValue().hash().split(":");
            Set<String> roles = new LinkedHashSet<>();
            entry.getValue().roles().forEach(role -> Role.of(role).withIncluded().forEach(r -> roles.add(r.id())));
            return new Client(entry.getKey(), parts[0], HexFormat.of().parseHex(parts[1].toLowerCase()), roles);
        }).toList();
    }

    @Override
    public Class<ApiKeyAuthenticationRequest> getRequestType() {
        return ApiKeyAuthenticationRequest.class;
    }

    @Override
    public Uni<SecurityIdentity> authenticate(ApiKeyAuthenticationRequest request, AuthenticationRequestContext context) {
        for (Client client : clients) {
            byte[] presented = HexFormat.of().parseHex(RedisKeys.sha256(client.salt() + request.key()));
            if (MessageDigest.isEqual(presented, client.hash())) {
                return Uni.createFrom().item(QuarkusSecurityIdentity.builder()
                        .setPrincipal(new QuarkusPrincipal("apikey:" + client.name()))
                        .addRoles(client.roles())
                        .build());
            }
        }
        return Uni.createFrom().failure(new AuthenticationFailedException("Unknown API key"));
    }

    static String hashOf(String salt, String key) {
        return salt + ":" + RedisKeys.sha256(salt + key);
    }
}
