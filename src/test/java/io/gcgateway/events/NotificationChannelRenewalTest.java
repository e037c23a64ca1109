package io.gcgateway.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.nullValue;

import java.net.URI;
import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import io.gcgateway.GraphQL;
import io.gcgateway.GraphQLWsClient;
import io.gcgateway.Simulator;
import io.gcgateway.TestClients;
import io.gcgateway.conversations.ConversationEventsTest;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;

/**
 * A notification channel is replaced before Genesys expires it (channels live 24 h at Genesys; here 12 s, renewed
 * 10 s before the end), with no socket closing from the other side: subscribers get a backfill and keep receiving.
 */
@QuarkusTest
@TestProfile(NotificationChannelRenewalTest.ShortLivedChannels.class)
class NotificationChannelRenewalTest {

    public static class ShortLivedChannels implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("simulator.notification-channel-lifetime", "12s", "events.renew-before-expiry", "10s",
                    "events.ping-interval", "500ms");
        }
    }

    @TestHTTPResource("/graphql")
    URI graphql;

    @Inject
    NotificationChannel channel;

    @Test
    void aChannelNearItsExpiryIsReplacedAndEventsKeepFlowing() throws Exception {
        Simulator.resetWithCircuitBreakers();
        JsonPath created = Simulator.createConversation(null, null, "connected");
        String id = created.getString("id");
        String agent = created.getString("participants[2].id");
        try (GraphQLWsClient client = new GraphQLWsClient(graphql, TestClients.READER)) {
            client.subscribe("1", ConversationEventsTest.EVENTS, Map.of("c", id));
            assertThat(client.nextEvent("conversationEvents", e -> "snapshot".equals(e.path("type").asText()),
                    Duration.ofSeconds(10))).isNotNull();
            String first = channel.channelId();
            long closedBySimulator = Simulator.calls("POST", "/simulator/_control/notifications/close");

            // Two seconds after it was created the channel is within 10 s of its expiry: the gateway replaces it.
            await().atMost(Duration.ofSeconds(10)).until(() -> channel.channelId() != null && !channel.channelId().equals(first));
            assertThat(client.nextEvent("conversationEvents", e -> "backfill".equals(e.path("type").asText()),
                    Duration.ofSeconds(10))).as("a re-read covers the switch").isNotNull();
            assertThat(Simulator.calls("POST", "/simulator/_control/notifications/close")).isEqualTo(closedBySimulator);

            GraphQL.as(TestClients.OPERATOR, ConversationEventsTest.TRANSITION, Map.of("in", Map.of("conversationId", id,
                    "participantId", agent, "action", "HOLD"))).body("errors", nullValue());
            JsonNode held = client.nextEvent("conversationEvents", e -> e.path("conversation").path("participants")
                    .findValuesAsText("state").contains("HELD"), Duration.ofSeconds(10));
            assertThat(held).as("events flow on the renewed channel").isNotNull();
        }
    }
}
