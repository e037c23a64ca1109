package io.gcgateway.cache;

import java.io.File;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import redis.embedded.RedisServer;

/**
 * A throw-away local {@code redis-server} on 127.0.0.1, for dev mode and tests: the binary on PATH when there is
 * one, else the one shipped inside the {@code embedded-redis} Maven artifact. It keeps nothing on disk.
 */
public final class EmbeddedRedisServer implements AutoCloseable {

    private final Process process;
    private final RedisServer bundled;
    private final int port;

    private EmbeddedRedisServer(Process process, RedisServer bundled, int port) {
        this.process = process;
        this.bundled = bundled;
        this.port = port;
    }

    public static EmbeddedRedisServer start(int port) throws IOException {
        return start(port, List.of());
    }

    /**
     * As {@link #start(int)}, with more {@code redis.conf} settings, each a name and its value (e.g.
     * {@code "cluster-enabled", "yes"}).
     */
    public static EmbeddedRedisServer start(int port, List<String> settings) throws IOException {
        Optional<Path> onPath = findOnPath("redis-server");
        return onPath.isPresent() ? startFromPath(onPath.get(), port, settings) : startBundled(port, settings);
    }

    private static EmbeddedRedisServer startFromPath(Path binary, int port, List<String> settings) throws IOException {
        List<String> command = new ArrayList<>(List.of(binary.toString(), "--port", String.valueOf(port),
                "--bind", "127.0.0.1", "--save", "", "--appendonly", "no", "--dir", tempDir()));
        for (int i = 0; i + 1 < settings.size(); i += 2) {
            command.add("--" + settings.get(i));
            command.add(settings.get(i + 1));
        }
        Process process = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .start();
        EmbeddedRedisServer server = new EmbeddedRedisServer(process, null, port);
        server.awaitListening();
        return server;
    }

    /** The redis-server shipped in the embedded-redis artifact (what a machine with only a JDK uses). */
    public static EmbeddedRedisServer startBundled(int port) throws IOException {
        return startBundled(port, List.of());
    }

    private static EmbeddedRedisServer startBundled(int port, List<String> settings) throws IOException {
        var builder = RedisServer.newRedisServer().port(port).bind("127.0.0.1")
                .setting("save \"\"").setting("appendonly no").setting("dir " + tempDir());
        for (int i = 0; i + 1 < settings.size(); i += 2) {
            builder.setting(settings.get(i) + " " + settings.get(i + 1));
        }
        RedisServer bundled = builder.build();
        bundled.start();
        EmbeddedRedisServer server = new EmbeddedRedisServer(null, bundled, port);
        server.awaitListening();
        return server;
    }

    public int port() {
        return port;
    }

    /** Whether something already listens on 127.0.0.1:port. */
    public static boolean listening(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 200);
            return true;
        } catch (IOException closed) {
            return false;
        }
    }

    private void awaitListening() throws IOException {
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (System.nanoTime() < deadline) {
            if (listening(port)) {
                return;
            }
            if (process != null && !process.isAlive()) {
                break;
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        close();
        throw new IOException("redis-server did not start on port " + port);
    }

    @Override
    public void close() {
        if (process != null) {
            process.destroy();
        }
        if (bundled != null) {
            try {
                bundled.stop();
            } catch (IOException ignored) {
                // Already gone.
            }
        }
    }

    private static String tempDir() throws IOException {
        File dir = Files.createTempDirectory("gateway-redis").toFile();
        dir.deleteOnExit();
        return dir.getAbsolutePath();
    }

    private static Optional<Path> findOnPath(String binary) {
        String path = System.getenv("PATH");
        if (path == null) {
            return Optional.empty();
        }
        return List.of(path.split(File.pathSeparator)).stream()
                .map(dir -> Path.of(dir, binary))
                .filter(Files::isExecutable)
                .findFirst();
    }
}
