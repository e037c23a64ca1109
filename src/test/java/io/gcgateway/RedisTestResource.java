package io.gcgateway;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.HashMap;
import java.util.Map;

import io.gcgateway.cache.EmbeddedRedisServer;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * A real Redis for every test: {@code REDIS_URL} when set, else a fresh {@code redis-server} (from PATH, else the
 * binary shipped in the embedded-redis artifact) on a free loopback port; with {@code gcgateway-tests.redis-cluster}, a
 * local three-master Redis Cluster ({@link RedisClusterTestResource}). Never a mock.
 */
public class RedisTestResource implements QuarkusTestResourceLifecycleManager {

    private EmbeddedRedisServer server;
    private RedisClusterTestResource cluster;

    @Override
    public Map<String, String> start() {
        if (Boolean.getBoolean("gcgateway-tests.redis-cluster")) {
            // Every client of the gateway and of the tests on one local cluster (the pom's redis-cluster run).
            cluster = new RedisClusterTestResource();
            Map<String, String> config = new HashMap<>(cluster.start());
            config.put("quarkus.redis.hosts", config.get("quarkus.redis.state.hosts"));
            config.put("quarkus.redis.client-type", "cluster");
            return config;
        }
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
        if (cluster != null) {
            cluster.stop();
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
