package io.gcgateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import io.gcgateway.cache.EmbeddedRedisServer;

/**
 * Webhook deliveries survive the gateway: events queued while the receiver is down or hanging, a gateway killed
 * (SIGKILL, no shutdown) with deliveries waiting for a retry and others in flight, a new gateway started on the same
 * Redis: every event arrives, none is lost. Packaged application in the production profile, separate processes.
 */
class WebhookRestartIT {
    private static final String TRANSITION = """
            mutation($in: TransitionInput!) { transitionConversation(input: $in) { accepted } }""";
    private static final List<Process> processes = new ArrayList<>();
    private static EmbeddedRedisServer redis;
    private static String redisUrl;
    private static int simulatorPort;

    @BeforeAll
    static void startRedisAndSimulator() throws Exception {
        redisUrl = System.getenv("REDIS_URL");
        if (redisUrl == null || redisUrl.isBlank()) {
            redis = EmbeddedRedisServer.start(RedisTestResource.freePort());
            redisUrl = "redis://127.0.0.1:" + redis.port();
        }
        simulatorPort = RedisTestResource.freePort();
        processes.add(PackagedApp.simulator(simulatorPort, redisUrl));
        PackagedApp.awaitReady(simulatorPort);
    }

    @AfterAll
    static void stopAll() {
        processes.forEach(Process::destroyForcibly);
        if (redis != null) {
            redis.close();
        }
    }

    private static Process gateway(String name, int port) throws Exception {
        Process process = PackagedApp.gateway(name, port, simulatorPort, redisUrl,
                "-Dwebhooks.allowed-private-networks=127.0.0.0/8", "-Dwebhooks.retry.initial-delay=200ms",
                "-Dwebhooks.retry.max-delay=1s", "-Dwebhooks.max-attempts=50", "-Dwebhooks.timeout=2s",
                "-Dwebhooks.claim-idle=3s");
        processes.add(process);
        PackagedApp.awaitReady(port);
        return process;
    }

    private static void transition(int port, String conversationId, String participantId, String action) {
        JsonNode result = PackagedApp.graphql(port, TRANSITION, Map.of("in", Map.of("conversationId", conversationId,
                "participantId", participantId, "action", action)));
        assertThat(result.has("errors")).as("%s: %s", action, result).isFalse();
    }

    @Test
    void undeliveredEventsSurviveAKilledGateway() throws Exception {
        try (WebhookReceiver receiver = new WebhookReceiver()) {
            receiver.stop();
            int first = RedisTestResource.freePort();
            Process gatewayA = gateway("webhooks-a", first);
            JsonNode registered = PackagedApp.graphql(first, """
                    mutation($in: RegisterWebhookInput!) { registerWebhook(input: $in) { id } }""", Map.of("in", Map.of(
                    "name", "restart-it", "url", receiver.url("/hook"), "events", List.of("conversation.transitioned"),
                    "secret", "whsec-restart-it-0123456789")));
            String webhookId = registered.at("/data/registerWebhook/id").asText();
            assertThat(webhookId).as("registered: %s", registered).isNotBlank();

            JsonNode conversation = PackagedApp.control(simulatorPort, "POST", "/conversations", Map.of());
            String id = conversation.path("id").asText();
            String agent = conversation.at("/participants/2/id").asText();
            // Receiver down: three events wait in the retry set.
            for (String action : List.of("HOLD", "RESUME", "MUTE")) {
                transition(first, id, agent, action);
            }
            // Receiver up but hanging: retries and two more events are in flight when the gateway dies.
            receiver.hang(true);
            receiver.start();
            for (String action : List.of("UNMUTE", "HOLD")) {
                transition(first, id, agent, action);
            }
            Awaitility.await().atMost(Duration.ofSeconds(20)).alias("deliveries in flight")
                    .until(() -> receiver.hung().size() >= 2);
            gatewayA.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            receiver.hang(false);

            int second = RedisTestResource.freePort();
            gateway("webhooks-b", second);
            Set<String> delivered = new TreeSet<>();
            Awaitility.await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200)).ignoreExceptions()
                    .until(() -> {
                        receiver.accepted().forEach(request -> delivered.add(request.header("X-Gateway-Event-Id")));
                        return delivered.size() >= 5;
                    });
            assertThat(delivered).as("every event delivered after the restart; deliveries: %s", PackagedApp.graphql(second, """
                    query($id: ID!) { webhookDeliveries(webhookId: $id) { edges { node { status eventId attempts lastError
                      nextAttemptAt lastAttemptAt } } } }""", Map.of("id", webhookId))).hasSize(5);
            List<String> actions = receiver.accepted().stream()
                    .map(request -> request.body().replaceAll(".*\"action\":\"([A-Z_]+)\".*", "$1")).distinct().sorted().toList();
            assertThat(actions).containsExactly("HOLD", "MUTE", "RESUME", "UNMUTE");
            JsonNode deliveries = PackagedApp.graphql(second, """
                    query($id: ID!) { webhookDeliveries(webhookId: $id) { edges { node { status eventId } } } }""",
                    Map.of("id", webhookId));
            List<String> statuses = new ArrayList<>();
            deliveries.at("/data/webhookDeliveries/edges").forEach(edge -> statuses.add(edge.at("/node/status").asText()));
            assertThat(statuses).as("deliveries: %s", deliveries).hasSize(5).containsOnly("DELIVERED");
        }
    }
}
