package io.gcgateway;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import com.sun.net.httpserver.HttpServer;

/**
 * A webhook receiver on 127.0.0.1, as a customer would run one: records every POST (headers and body) and answers
 * with a settable status. It can be stopped and started again on the same port (a receiver that is down for a while).
 */
public final class WebhookReceiver implements AutoCloseable {

    /** One request as received. */
    public record Received(Map<String, List<String>> headers, String body, int answered) {
        public String header(String name) {
            for (Map.Entry<String, List<String>> entry : headers.entrySet()) {
                if (entry.getKey() != null && entry.getKey().equalsIgnoreCase(name)) {
                    return entry.getValue().get(0);
                }
            }
            return null;
        }
    }

    private final int port;
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private final AtomicInteger status = new AtomicInteger(204);
    private final AtomicBoolean hang = new AtomicBoolean();
    private HttpServer server;

    public WebhookReceiver() throws IOException {
        this(RedisTestResource.freePort());
    }

    public WebhookReceiver(int port) throws IOException {
        this.port = port;
        start();
    }

    public synchronized void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 50);
        server.setExecutor(Executors.newCachedThreadPool());
        server.createContext("/", exchange -> {
            try (InputStream body = exchange.getRequestBody()) {
                if (hang.get()) {
                    // A receiver that takes a request and never answers (until the sender gives up or dies).
                    hung.add(new String(body.readAllBytes(), StandardCharsets.UTF_8));
                    sleepWhileHanging();
                    return;
                }
                int answer = status.get();
                received.add(new Received(Map.copyOf(exchange.getRequestHeaders()),
                        new String(body.readAllBytes(), StandardCharsets.UTF_8), answer));
                exchange.sendResponseHeaders(answer, -1);
            } finally {
                exchange.close();
            }
        });
        server.start();
    }

    public synchronized void stop() {
        if (server != null) {
            server.stop(0);
            server = null;
        }
    }

    public String url(String path) {
        return "http://127.0.0.1:" + port + path;
    }

    public int port() {
        return port;
    }

    private final List<String> hung = new CopyOnWriteArrayList<>();

    /** While on, requests are taken but never answered. */
    public void hang(boolean on) {
        hang.set(on);
    }

    /** Bodies of requests taken while hanging. */
    public List<String> hung() {
        return List.copyOf(hung);
    }

    private void sleepWhileHanging() {
        try {
            for (int i = 0; i < 600 && hang.get(); i++) {
                Thread.sleep(100);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    public void answer(int statusCode) {
        status.set(statusCode);
    }

    public List<Received> received() {
        return List.copyOf(received);
    }

    /** Requests the receiver accepted (2xx). */
    public List<Received> accepted() {
        return received.stream().filter(r -> r.answered() >= 200 && r.answered() < 300).toList();
    }

    @Override
    public void close() {
        stop();
    }
}
