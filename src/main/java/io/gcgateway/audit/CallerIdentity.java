package io.gcgateway.audit;

import io.gcgateway.security.SecurityConfig;
import io.quarkus.security.identity.CurrentIdentityAssociation;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Who is calling the gateway, as recorded in audit events: the authenticated principal ({@code apikey:<name>} or the
 * JWT's subject), {@value #DEVELOPER} when authentication is off, {@value #ANONYMOUS} otherwise.
 */
@ApplicationScoped
public class CallerIdentity {
    public static final String ANONYMOUS = "anonymous";
    public static final String DEVELOPER = "developer (authentication off)";

    private final CurrentIdentityAssociation identities;
    private final SecurityConfig config;

    CallerIdentity(CurrentIdentityAssociation identities, SecurityConfig config) {
        this.identities = identities;
        this.config = config;
    }

    public Uni<String> actor() {
        if (!config.enabled()) {
            return Uni.createFrom().item(DEVELOPER);
        }
        return identities.getDeferredIdentity()
                .map(identity -> identity == null || identity.isAnonymous() ? ANONYMOUS : identity.getPrincipal().getName())
                .onFailure().recoverWithItem(ANONYMOUS);
    }
}
