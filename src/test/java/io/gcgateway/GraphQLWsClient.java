package io.gcgateway;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** A minimal graphql-transport-ws client (the protocol GraphiQL and Apollo use), as a browser would speak it. */
public final class GraphQLWsClient implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final LinkedBlockingQueue<JsonNode> messages = new LinkedBlockingQueue<>();
    private final WebSocket socket;

    public GraphQLWsClient(URI graphql, String apiKey) throws Exception {
        this(graphql, apiKey, false);
    }

    /** As a browser must: the key as an offered subprotocol ({@code gateway-api-key.<base64url>}), not a header. */
    public static GraphQLWsClient withKeyAsSubprotocol(URI graphql, String apiKey) throws Exception {
        return new GraphQLWsClient(graphql, apiKey, true);
    }

    private GraphQLWsClient(URI graphql, String apiKey, boolean keyAsSubprotocol) throws Exception {
        URI ws = URI.create(graphql.toString().replaceFirst("^http", "ws"));
        WebSocket.Builder builder = HttpClient.newHttpClient().newWebSocketBuilder().connectTimeout(Duration.ofSeconds(5));
        if (keyAsSubprotocol) {
            builder.subprotocols("graphql-transport-ws", "gateway-api-key." + java.util.Base64.getUrlEncoder()
                    .withoutPadding().encodeToString(apiKey.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        } else {
            builder.subprotocols("graphql-transport-ws");
        }
        if (apiKey != null && !keyAsSubprotocol) {
            builder.header(TestClients.API_KEY_HEADER, apiKey);
        }
        socket = builder.buildAsync(ws, new WebSocket.Listener() {
            private final StringBuilder text = new StringBuilder();

            @Override
            public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
                text.append(data);
                if (last) {
                    try {
                        messages.add(JSON.readTree(text.toString()));
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                    text.setLength(0);
                }
                webSocket.request(1);
                return null;
            }
        }).get(5, TimeUnit.SECONDS);
        send(Map.of("type", "connection_init", "payload", Map.of()));
        JsonNode ack = next(message -> true, Duration.ofSeconds(5));
        if (ack == null || !"connection_ack".equals(ack.path("type").asText())) {
            throw new IllegalStateException("No connection_ack: " + ack);
        }
    }

    public void subscribe(String id, String query, Map<String, Object> variables) throws Exception {
        send(Map.of("id", id, "type", "subscribe", "payload", Map.of("query", query, "variables", variables)));
    }

    /** The next message matching {@code wanted} (others are dropped), or null after {@code timeout}. */
    public JsonNode next(Predicate<JsonNode> wanted, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            JsonNode message = messages.poll(Math.max(1, (deadline - System.nanoTime()) / 1_000_000), TimeUnit.MILLISECONDS);
            if (message != null && wanted.test(message)) {
                return message;
            }
        }
        return null;
    }

    /** The next event ({@code next} message payload data field) matching {@code wanted}. */
    public JsonNode nextEvent(String field, Predicate<JsonNode> wanted, Duration timeout) throws InterruptedException {
        JsonNode message = next(m -> "next".equals(m.path("type").asText())
                && wanted.test(m.path("payload").path("data").path(field)), timeout);
        return message == null ? null : message.path("payload").path("data").path(field);
    }

    private void send(Object message) throws Exception {
        socket.sendText(JSON.writeValueAsString(message), true).get(5, TimeUnit.SECONDS);
    }

    @Override
    public void close() {
        try {
            socket.sendClose(WebSocket.NORMAL_CLOSURE, "done").get(2, TimeUnit.SECONDS);
        } catch (Exception e) {
            socket.abort();
        }
    }
}
