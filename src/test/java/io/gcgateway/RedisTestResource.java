package io.gcgateway;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.Map;

import io.gcgateway.cache.EmbeddedRedisServer;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * A real Redis for every test: {@code REDIS_URL} when set, else a fresh {@code redis-server} (from PATH, else the
 * binary shipped in the embedded-redis artifact) on a free loopback port. Never a mock.
 */
public class RedisTestResource implements QuarkusTestResourceLifecycleManager {

    private EmbeddedRedisServer server;

    @Override
    public Map<String, String> start() {
        String external = System.getenv("REDIS_URL");
        if (external != null && !external.isBlank()) {
            return Map.of("quarkus.redis.hosts", external);
        }
        try {
            server = EmbeddedRedisServer.start(freePort());
        } catch (IOException e) {
            throw new UncheckedIOException("Could not start redis-server for the tests", e);
        }
        return Map.of("quarkus.redis.hosts", "redis://127.0.0.1:" + server.port());
    }

    @Override
    public void stop() {
        if (server != null) {
            server.close();
        }
    }

    public static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
