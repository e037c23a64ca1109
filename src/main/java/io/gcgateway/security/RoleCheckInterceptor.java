package io.gcgateway.security;

import java.lang.reflect.Method;

import io.gcgateway.errors.ForbiddenException;
import io.gcgateway.errors.UnauthenticatedException;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.CurrentIdentityAssociation;
import io.quarkus.security.identity.SecurityIdentity;
import graphql.GraphQLContext;
import graphql.schema.DataFetchingEnvironment;
import io.smallrye.graphql.execution.context.SmallRyeContext;
import io.smallrye.graphql.execution.context.SmallRyeContextManager;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.Priority;
import jakarta.interceptor.AroundInvoke;
import jakarta.interceptor.Interceptor;
import jakarta.interceptor.InvocationContext;

/**
 * Checks the caller's role before a resolver runs, so a refused caller learns nothing about the target (not even
 * whether it exists), then takes one token of the caller's rate limit. Authentication is lazy: the identity is established here, from an API key or a JWT, and a bad
 * credential becomes UNAUTHENTICATED like a missing one.
 */
@RequiresRole(Role.READER)
@Interceptor
@Priority(Interceptor.Priority.PLATFORM_BEFORE + 100)
class RoleCheckInterceptor {
    /** Where a subscription keeps the identity it was authorized for (the operation's GraphQL context). */
    private static final String SUBSCRIBER = RoleCheckInterceptor.class.getName() + ".subscriber";
    /** Where an operation keeps the caller one of its resolvers authorized (its GraphQL context; CallerAccess). */
    static final String AUTHORIZED = RoleCheckInterceptor.class.getName() + ".authorized";
    private final CurrentIdentityAssociation identities;
    private final SecurityConfig config;
    private final ClientRateLimiter rateLimiter;

    RoleCheckInterceptor(CurrentIdentityAssociation identities, SecurityConfig config, ClientRateLimiter rateLimiter) {
        this.identities = identities;
        this.config = config;
        this.rateLimiter = rateLimiter;
    }

    @AroundInvoke
    Object check(InvocationContext context) throws Exception {
        if (!config.enabled()) {
            return context.proceed();
        }
        Role required = required(context.getMethod());
        GraphQLContext operation = operationContext();
        SecurityIdentity subscriber = operation == null ? null : operation.get(SUBSCRIBER);
        Uni<SecurityIdentity> identity = identities.getDeferredIdentity()
                .onFailure(AuthenticationFailedException.class)
                .transform(failure -> new UnauthenticatedException("The credentials are not valid"))
                // A subscription's later events run outside the upgrade request that carried the credentials:
                // their fields act for the subscriber the subscription was authorized for.
                .map(caller -> subscriber != null && !authenticated(caller) ? subscriber : caller);
        if (Multi.class.isAssignableFrom(context.getMethod().getReturnType())) {
            return identity.onItem().transformToUni(caller -> {
                authorize(caller, required);
                if (operation != null) {
                    operation.put(SUBSCRIBER, caller);
                    operation.put(AUTHORIZED, caller);
                }
                return rateLimiter.take(caller.getPrincipal().getName()).replaceWith(caller);
            }).onItem().transformToMulti(caller -> {
                try {
                    return (Multi<?>) context.proceed();
                } catch (Exception e) {
                    return Multi.createFrom().failure(e);
                }
            });
        }
        if (!Uni.class.isAssignableFrom(context.getMethod().getReturnType())) {
            // Every resolver of this gateway is reactive; a blocking one still gets the same check.
            SecurityIdentity caller = identity.await().indefinitely();
            authorize(caller, required);
            remember(operation, caller);
            return context.proceed();
        }
        return identity.flatMap(caller -> {
            authorize(caller, required);
            remember(operation, caller);
            return rateLimiter.take(caller.getPrincipal().getName()).flatMap(ignored -> {
                try {
                    return (Uni<?>) context.proceed();
                } catch (Exception e) {
                    return Uni.createFrom().failure(e);
                }
            });
        });
    }

    /** Keeps the caller authorized in the operation, for answers given without a resolver (CallerAccess). */
    private static void remember(GraphQLContext operation, SecurityIdentity caller) {
        if (operation != null && operation.get(AUTHORIZED) != caller) {
            operation.put(AUTHORIZED, caller);
        }
    }

    /** The GraphQL operation's context (one per subscription, shared by its events); null outside GraphQL. */
    private static GraphQLContext operationContext() {
        SmallRyeContext current = SmallRyeContextManager.getCurrentSmallRyeContext();
        DataFetchingEnvironment environment = current == null ? null : current.getDataFetchingEnvironment();
        return environment == null ? null : environment.getGraphQlContext();
    }

    private static void authorize(SecurityIdentity caller, Role required) {
        if (!authenticated(caller)) {
            throw new UnauthenticatedException(UnauthenticatedException.CREDENTIALS_REQUIRED);
        }
        if (!caller.hasRole(required.id())) {
            throw new ForbiddenException("This operation needs the " + required.id() + " role", null);
        }
    }

    /** The rule of {@link #authorize} as a yes or no (for {@link CallerAccess}). */
    static boolean permits(SecurityIdentity caller, Role required) {
        return authenticated(caller) && caller.hasRole(required.id());
    }

    private static boolean authenticated(SecurityIdentity caller) {
        return caller != null && !caller.isAnonymous();
    }

    static Role required(Method method) {
        RequiresRole onMethod = method.getAnnotation(RequiresRole.class);
        if (onMethod != null) {
            return onMethod.value();
        }
        RequiresRole onClass = method.getDeclaringClass().getAnnotation(RequiresRole.class);
        if (onClass != null) {
            return onClass.value();
        }
        // Not reachable through the binding; refuse rather than guess.
        return Role.ADMIN;
    }
}
