package io.gcgateway.genesys;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;

import java.util.Map;

import org.junit.jupiter.api.Test;

import io.gcgateway.GraphQL;
import io.gcgateway.RedisTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/** The Platform API host refuses connections (login still works, through the simulator). */
@QuarkusTest
@TestProfile(RefusedConnectionTest.ClosedApiPort.class)
class RefusedConnectionTest {
    static final int CLOSED_PORT = RedisTestResource.freePort();

    public static class ClosedApiPort implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("genesys.api-url", "http://127.0.0.1:" + CLOSED_PORT);
        }
    }

    @Test
    void refusedConnectionIsUpstreamUnavailableWithoutLeakingTheAddress() {
        GraphQL.query("{ organization { name } }")
                .body("data", nullValue())
                .body("errors[0].extensions.code", equalTo("UPSTREAM_UNAVAILABLE"))
                .body("errors[0].message", not(containsString(String.valueOf(CLOSED_PORT))))
                .body("errors[0].message", not(containsString("127.0.0.1")));
    }
}
