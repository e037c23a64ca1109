package io.gcgateway;

import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;

/** Declares the resources every {@code @QuarkusTest} gets (GLOBAL scope applies them to all test classes). */
@WithTestResource(value = RedisTestResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = TestClients.class, scope = TestResourceScope.GLOBAL)
public final class GatewayTestResources {
    private GatewayTestResources() {
    }
}
