package io.gcgateway.security;

import java.util.LinkedHashSet;
import java.util.Set;

import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.SecurityIdentityAugmentor;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/** Gives every identity the roles its roles include (a JWT with {@code groups: [admin]} is also operator and reader). */
@ApplicationScoped
class JwtRolesAugmentor implements SecurityIdentityAugmentor {

    @Override
    public Uni<SecurityIdentity> augment(SecurityIdentity identity, AuthenticationRequestContext context) {
        if (identity.isAnonymous()) {
            return Uni.createFrom().item(identity);
        }
        Set<String> roles = new LinkedHashSet<>();
        for (Role role : Role.values()) {
            if (identity.hasRole(role.id())) {
                role.withIncluded().forEach(r -> roles.add(r.id()));
            }
        }
        if (roles.isEmpty() || identity.getRoles().containsAll(roles)) {
            return Uni.createFrom().item(identity);
        }
        return Uni.createFrom().item(QuarkusSecurityIdentity.builder(identity).addRoles(roles).build());
    }
}
