package io.gcgateway.security;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import graphql.GraphQLContext;
import io.quarkus.security.runtime.QuarkusPrincipal;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;

/**
 * An answer given without running a resolver (a batch shortcut) is for an operation whose caller a resolver already
 * authorized, and only as far as that caller's roles go.
 */
@QuarkusTest
class CallerAccessTest {
    @Inject
    CallerAccess access;

    @Test
    void onlyACallerAuthorizedInTheOperationWithTheRole() {
        GraphQLContext operation = GraphQLContext.newContext().build();
        assertThat(access.authorizedIn(operation, Role.READER)).as("no resolver authorized anyone yet").isFalse();
        assertThat(access.authorizedIn(null, Role.READER)).isFalse();

        operation.put(RoleCheckInterceptor.AUTHORIZED, QuarkusSecurityIdentity.builder()
                .setPrincipal(new QuarkusPrincipal("apikey:test-reader")).addRole(Role.READER.id()).build());
        assertThat(access.authorizedIn(operation, Role.READER)).isTrue();
        assertThat(access.authorizedIn(operation, Role.OPERATOR)).as("not beyond the caller's roles").isFalse();

        operation.put(RoleCheckInterceptor.AUTHORIZED, QuarkusSecurityIdentity.builder().setAnonymous(true).build());
        assertThat(access.authorizedIn(operation, Role.READER)).as("anonymous").isFalse();
    }
}
