package io.gcgateway.actions;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * The "external API" a data action calls: a JDK HTTP server on the loopback address with a few behaviours (echo,
 * fail, slow, cursor paging). It records every request body so tests can compare bytes. As a JUnit extension
 * ({@code @RegisterExtension static final RemoteService remote = new RemoteService();}) it runs for the test class
 * and forgets its requests before each test.
 */
final class RemoteService implements AutoCloseable, AfterAllCallback, BeforeEachCallback {
    static final int PAGES = 5;
    static final int PAGE_SIZE = 3;

    private final HttpServer server;
    private final ExecutorService executor = Executors.newCachedThreadPool();
    final List<String> bodies = new CopyOnWriteArrayList<>();
    final AtomicInteger calls = new AtomicInteger();

    RemoteService() {
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.setExecutor(executor);
        server.createContext("/echo", exchange -> {
            String body = record(exchange);
            respond(exchange, 200, body.isBlank() ? "{}" : body);
        });
        server.createContext("/fail", exchange -> {
            record(exchange);
            respond(exchange, 500, "{\"error\": \"database down\"}");
        });
        server.createContext("/slow", exchange -> {
            record(exchange);
            try {
                Thread.sleep(5_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            respond(exchange, 200, "{\"done\": true}");
        });
        // Five pages of three customers; the cursor of page n+1 is "c<n>". ?loop=true always answers cursor "same".
        server.createContext("/customers", exchange -> {
            record(exchange);
            Map<String, String> query = query(exchange.getRequestURI().getRawQuery());
            String cursor = query.getOrDefault("cursor", "");
            int page = cursor.isEmpty() ? 0 : cursor.equals("same") ? 1 : Integer.parseInt(cursor.substring(1));
            StringBuilder items = new StringBuilder();
            for (int i = 0; i < PAGE_SIZE; i++) {
                int n = page * PAGE_SIZE + i;
                items.append(i == 0 ? "" : ",").append("{\"id\":\"cust-").append(n).append("\",\"rank\":").append(n).append('}');
            }
            String next = "true".equals(query.get("loop")) ? "\"same\"" : page + 1 < PAGES ? "\"c" + (page + 1) + "\"" : "null";
            respond(exchange, 200, "{\"items\":[" + items + "],\"next\":" + next + "}");
        });
        server.start();
    }

    String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    void clear() {
        bodies.clear();
        calls.set(0);
    }

    private String record(HttpExchange exchange) throws IOException {
        calls.incrementAndGet();
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        bodies.add(body);
        return body;
    }

    private static Map<String, String> query(String raw) {
        Map<String, String> values = new HashMap<>();
        if (raw != null) {
            for (String pair : raw.split("&")) {
                int eq = pair.indexOf('=');
                if (eq > 0) {
                    values.put(pair.substring(0, eq), URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
                }
            }
        }
        return values;
    }

    private static void respond(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        clear();
    }

    @Override
    public void afterAll(ExtensionContext context) {
        close();
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
