package io.gcgateway.security;

import graphql.GraphQLContext;
import io.gcgateway.telemetry.RequestLogFields;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.vertx.http.runtime.security.QuarkusHttpUser;
import io.smallrye.mutiny.Uni;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * The checks of {@link RoleCheckInterceptor} for a request answered without running its resolvers (the GraphQL
 * response cache): the caller is authenticated, has the role, and gets its operations' rate-limit tokens. Anything
 * short of "yes" is "no" here, and the request goes the ordinary way, which gives the ordinary error; a refusal takes
 * no token, so nothing is counted twice.
 */
@ApplicationScoped
public class CallerAccess {
    private static final Uni<Boolean> YES = Uni.createFrom().item(Boolean.TRUE);
    private static final Uni<Boolean> NO = Uni.createFrom().item(Boolean.FALSE);

    private final SecurityConfig config;
    private final ClientRateLimiter rateLimiter;

    CallerAccess(SecurityConfig config, ClientRateLimiter rateLimiter) {
        this.config = config;
        this.rateLimiter = rateLimiter;
    }

    /**
     * Whether the caller of {@code context} is authenticated (always yes with authentication off). Every operation
     * needs a role, so the front door asks this before the GraphQL engine sees anything of a request: an anonymous
     * caller cannot learn the schema from validation messages or store persisted queries. Invalid credentials are a
     * failure ({@code AuthenticationFailedException}), which {@link CredentialFailureHandler} answers with a 401.
     */
    public Uni<Boolean> authenticated(RoutingContext context) {
        if (!config.enabled()) {
            return YES;
        }
        Uni<SecurityIdentity> identity = QuarkusHttpUser.getSecurityIdentity(context, null);
        return identity == null ? NO : identity.map(caller -> {
            boolean known = caller != null && !caller.isAnonymous();
            if (known) {
                // Every log line of the request says who asked.
                RequestLogFields.put(RequestLogFields.CALLER, caller.getPrincipal().getName());
            }
            return known;
        });
    }

    /**
     * Whether the GraphQL operation of {@code operation} was already authorized for a caller with {@code required}
     * (by {@link RoleCheckInterceptor}, for one of its resolvers): the test for an answer given without running a
     * resolver ({@code BatchShortcut}). Anything short of "yes" is "no", and the resolver's own check decides.
     */
    public boolean authorizedIn(GraphQLContext operation, Role required) {
        if (!config.enabled()) {
            return true;
        }
        SecurityIdentity caller = operation == null ? null : operation.get(RoleCheckInterceptor.AUTHORIZED);
        return caller != null && RoleCheckInterceptor.permits(caller, required);
    }

    /** Whether the caller of {@code context} may run {@code operations} operations that need {@code required}. */
    public Uni<Boolean> admits(RoutingContext context, Role required, int operations) {
        if (!config.enabled()) {
            return YES;
        }
        // The identity the HTTP layer establishes lazily, the same one the interceptor checks (and memoized there).
        Uni<SecurityIdentity> identity = QuarkusHttpUser.getSecurityIdentity(context, null);
        if (identity == null) {
            return NO;
        }
        return identity.flatMap(caller -> {
            if (!RoleCheckInterceptor.permits(caller, required)) {
                return NO;
            }
            return rateLimiter.acquire(caller.getPrincipal().getName(), operations).map(waitMillis -> waitMillis == 0);
        }).onFailure().recoverWithUni(NO);
    }
}
