package io.gcgateway;

import static org.awaitility.Awaitility.await;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

import io.gcgateway.cache.EmbeddedRedisServer;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * A real local Redis Cluster of three masters ({@code redis-server} processes on loopback, no replicas) for the
 * gateway's two Redis roles: slots assigned and nodes introduced with {@code CLUSTER ADDSLOTS} and
 * {@code CLUSTER MEET}, as {@code redis-cli --cluster create} does, so nothing but the server binary is needed.
 */
public class RedisClusterTestResource implements QuarkusTestResourceLifecycleManager {
    private static final int NODES = 3;
    private static final int SLOTS = 16384;

    private final List<EmbeddedRedisServer> nodes = new ArrayList<>();

    @Override
    public Map<String, String> start() {
        try {
            List<Integer> ports = new ArrayList<>();
            for (int i = 0; i < NODES; i++) {
                int port = clusterPort();
                ports.add(port);
                nodes.add(EmbeddedRedisServer.start(port, List.of("cluster-enabled", "yes",
                        "cluster-config-file", "nodes-" + port + ".conf", "cluster-node-timeout", "5000")));
            }
            for (int i = 0; i < NODES; i++) {
                List<String> addSlots = new ArrayList<>(List.of("CLUSTER", "ADDSLOTS"));
                for (int slot = i * SLOTS / NODES; slot < (i + 1) * SLOTS / NODES; slot++) {
                    addSlots.add(String.valueOf(slot));
                }
                command(ports.get(i), addSlots);
            }
            for (int i = 1; i < NODES; i++) {
                command(ports.get(0), List.of("CLUSTER", "MEET", "127.0.0.1", String.valueOf(ports.get(i))));
            }
            await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100)).ignoreExceptions()
                    .until(() -> ports.stream().allMatch(port -> command(port, List.of("CLUSTER", "INFO"))
                            .contains("cluster_state:ok")));
            String hosts = String.join(",", ports.stream().map(port -> "redis://127.0.0.1:" + port).toList());
            return Map.of("quarkus.redis.state.hosts", hosts, "quarkus.redis.state.client-type", "cluster",
                    "quarkus.redis.cache.hosts", hosts, "quarkus.redis.cache.client-type", "cluster");
        } catch (IOException e) {
            stop();
            throw new UncheckedIOException("Could not start a local Redis Cluster", e);
        }
    }

    @Override
    public void stop() {
        nodes.forEach(EmbeddedRedisServer::close);
        nodes.clear();
    }

    /** A free port whose cluster bus port (port + 10000) is free too. */
    private static int clusterPort() throws IOException {
        for (int attempt = 0; attempt < 100; attempt++) {
            int port = ThreadLocalRandom.current().nextInt(20_000, 45_000);
            if (free(port) && free(port + 10_000)) {
                return port;
            }
        }
        throw new IOException("No free port pair for a cluster node");
    }

    private static boolean free(int port) {
        try (ServerSocket socket = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
            return true;
        } catch (IOException taken) {
            return false;
        }
    }

    /** One command in RESP; the reply's first line, or a bulk reply's text. */
    private static String command(int port, List<String> args) {
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
            socket.setSoTimeout(5_000);
            StringBuilder request = new StringBuilder("*").append(args.size()).append("\r\n");
            for (String arg : args) {
                request.append('$').append(arg.getBytes(StandardCharsets.UTF_8).length).append("\r\n").append(arg).append("\r\n");
            }
            OutputStream out = socket.getOutputStream();
            out.write(request.toString().getBytes(StandardCharsets.UTF_8));
            out.flush();
            InputStream in = socket.getInputStream();
            String first = line(in);
            if (first.startsWith("-")) {
                throw new IllegalStateException("Redis on " + port + " answered " + first);
            }
            if (!first.startsWith("$")) {
                return first;
            }
            int length = Integer.parseInt(first.substring(1));
            byte[] body = in.readNBytes(length);
            return new String(body, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String line(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        int previous = -1;
        for (int next = in.read(); next >= 0; next = in.read()) {
            if (previous == '\r' && next == '\n') {
                byte[] bytes = line.toByteArray();
                return new String(bytes, 0, bytes.length - 1, StandardCharsets.UTF_8);
            }
            line.write(next);
            previous = next;
        }
        throw new IOException("Redis closed the connection");
    }
}
