package io.gcgateway.cache;

import java.io.IOException;

import org.jboss.logging.Logger;

import io.quarkus.arc.profile.IfBuildProfile;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * Dev mode's own Redis, so that {@code ./mvnw quarkus:dev} needs nothing but a JDK. Reuses a Redis already
 * listening on the dev port (e.g. a second dev session); never present in a production build.
 */
@IfBuildProfile("dev")
@ApplicationScoped
class DevRedis {
    private static final Logger LOG = Logger.getLogger(DevRedis.class);

    private EmbeddedRedisServer server;

    void start(@Observes StartupEvent event, DevRedisConfig devRedis) {
        if (!devRedis.enabled() || EmbeddedRedisServer.listening(devRedis.port())) {
            return;
        }
        try {
            server = EmbeddedRedisServer.start(devRedis.port());
            LOG.infof("Started a local Redis for dev mode on 127.0.0.1:%d", devRedis.port());
        } catch (IOException | RuntimeException e) {
            LOG.warnf("Could not start a local Redis for dev mode (%s); the gateway runs uncached", e.getMessage());
        }
    }

    void stop(@Observes ShutdownEvent event) {
        if (server != null) {
            server.close();
        }
    }
}
