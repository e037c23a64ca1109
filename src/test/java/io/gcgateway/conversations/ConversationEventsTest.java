package io.gcgateway.conversations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

import java.net.URI;
import java.net.http.WebSocketHandshakeException;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import io.gcgateway.GraphQL;
import io.gcgateway.GraphQLWsClient;
import io.gcgateway.Simulator;
import io.gcgateway.TestClients;
import io.gcgateway.events.NotificationChannel;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;

/**
 * The conversationEvents subscription over graphql-ws, fed by the gateway's Genesys notification channel: events of
 * a transition made by another client, queue subscriptions, and re-creation of the channel after socket_closing.
 */
@QuarkusTest
public class ConversationEventsTest {
    public static final String EVENTS = """
            subscription($c: ID, $q: ID) { conversationEvents(conversationId: $c, queueId: $q) { id type source topic
              conversationId etag conversation { participants { purpose state } } } }""";
    private static final String TRANSITION_CONFIRMED = """
            mutation($in: TransitionInput!) { transitionConversation(input: $in) { confirmed } }""";
    public static final String TRANSITION = """
            mutation($in: TransitionInput!) { transitionConversation(input: $in) { confirmed state } }""";

    @TestHTTPResource("/graphql")
    URI graphql;

    @Inject
    NotificationChannel channel;

    @BeforeEach
    void reset() {
        Simulator.resetWithCircuitBreakers();
    }

    private static String agentState(JsonNode event) {
        for (JsonNode participant : event.path("conversation").path("participants")) {
            if ("agent".equals(participant.path("purpose").asText())) {
                return participant.path("state").asText();
            }
        }
        return null;
    }

    private static void transition(String conversationId, String participantId, String action) {
        GraphQL.as(TestClients.OPERATOR, TRANSITION, Map.of("in", Map.of("conversationId", conversationId,
                "participantId", participantId, "action", action))).body("errors", nullValue());
    }

    @Test
    void aSubscriberSeesTheTransitionOfAnotherClient() throws Exception {
        JsonPath created = Simulator.createConversation(null, null, "connected");
        String id = created.getString("id");
        String agent = created.getString("participants[2].id");
        try (GraphQLWsClient client = new GraphQLWsClient(graphql, TestClients.READER)) {
            client.subscribe("1", EVENTS, Map.of("c", id));
            JsonNode snapshot = client.nextEvent("conversationEvents", e -> "snapshot".equals(e.path("type").asText()),
                    Duration.ofSeconds(10));
            assertThat(snapshot).as("the current state comes first").isNotNull();
            assertThat(snapshot.path("source").asText()).isEqualTo("GATEWAY");
            assertThat(agentState(snapshot)).isEqualTo("CONNECTED");

            transition(id, agent, "HOLD");
            JsonNode held = client.nextEvent("conversationEvents", e -> "HELD".equals(agentState(e)), Duration.ofSeconds(10));
            assertThat(held).as("the queue topic snapshot of the hold").isNotNull();
            assertThat(held.path("source").asText()).isEqualTo("GENESYS");
            assertThat(held.path("type").asText()).isEqualTo("conversation");
            assertThat(held.path("conversationId").asText()).isEqualTo(id);
            assertThat(held.path("etag").asText()).isNotEqualTo(snapshot.path("etag").asText());

            transition(id, agent, "DISCONNECT");
            JsonNode userEnd = client.nextEvent("conversationEvents", e -> "user.end".equals(e.path("type").asText()),
                    Duration.ofSeconds(10));
            assertThat(userEnd).as("the detail event of the agent's disconnect").isNotNull();
            assertThat(userEnd.path("topic").asText()).isEqualTo("v2.detail.events.conversation." + id + ".user.end");
        }
    }

    @Test
    void detailEventsNameTheirAgentQueueAndWrapUp() throws Exception {
        JsonPath created = Simulator.createConversation(null, null, "connected");
        String id = created.getString("id");
        String agent = created.getString("participants[2].id");
        String events = """
                subscription($c: ID) { conversationEvents(conversationId: $c) {
                  type user { name } queue { name } wrapUp { name } conversation { participants { user { name } } } } }""";
        try (GraphQLWsClient client = new GraphQLWsClient(graphql, TestClients.READER)) {
            client.subscribe("d", events, Map.of("c", id));
            assertThat(client.nextEvent("conversationEvents", e -> "snapshot".equals(e.path("type").asText()),
                    Duration.ofSeconds(10))).isNotNull();
            // Not the first event of the subscription: relationships resolve on every event.
            transition(id, agent, "HOLD");
            transition(id, agent, "DISCONNECT");
            JsonNode message = client.next(m -> m.toString().contains("user.end"), Duration.ofSeconds(10));
            assertThat(message).isNotNull();
            assertThat(message.at("/payload/errors").isMissingNode()).as("errors: %s", message).isTrue();
            JsonNode userEnd = message.at("/payload/data/conversationEvents");
            assertThat(userEnd.at("/user/name").asText()).as("the agent by name").matches("[A-Z][a-z]+ [A-Z][a-z]+");
            assertThat(userEnd.at("/queue/name").asText()).isNotBlank();
            assertThat(userEnd.path("wrapUp").isNull()).isTrue();
        }
    }

    @Test
    void aQueueSubscriptionSeesItsConversationsOnly() throws Exception {
        JsonPath directory = Simulator.directory();
        String queue = directory.getString("queueIds[3]");
        try (GraphQLWsClient client = new GraphQLWsClient(graphql, TestClients.READER)) {
            client.subscribe("q", EVENTS, Map.of("q", queue));
            await().atMost(Duration.ofSeconds(10)).until(() -> channel.topics().contains("v2.routing.queues." + queue + ".conversations"));
            JsonPath other = Simulator.createConversation(directory.getString("queueIds[4]"), null, "connected");
            JsonPath mine = Simulator.createConversation(queue, null, "connected");
            transition(other.getString("id"), other.getString("participants[2].id"), "HOLD");
            transition(mine.getString("id"), mine.getString("participants[2].id"), "MUTE");
            JsonNode event = client.nextEvent("conversationEvents", e -> true, Duration.ofSeconds(10));
            assertThat(event).isNotNull();
            assertThat(event.path("conversationId").asText()).isEqualTo(mine.getString("id"));
        }
        // The subscription ended: its topic is released.
        await().atMost(Duration.ofSeconds(10)).until(() -> channel.topics().stream().noneMatch(t -> t.contains(
                directory.getString("queueIds[3]"))));
    }

    @Test
    void aWatchedQueueConfirmsATransitionWithoutRereadingTheConversation() throws Exception {
        JsonPath directory = Simulator.directory();
        String queue = directory.getString("queueIds[2]");
        JsonPath mine = Simulator.createConversation(queue, null, "connected");
        String id = mine.getString("id");
        String path = "/api/v2/conversations/" + id;
        try (GraphQLWsClient client = new GraphQLWsClient(graphql, TestClients.READER)) {
            client.subscribe("q", EVENTS, Map.of("q", queue));
            await().atMost(Duration.ofSeconds(10)).until(() -> channel.topics().contains("v2.routing.queues." + queue + ".conversations"));
            long reads = Simulator.calls("GET", path);
            GraphQL.as(TestClients.OPERATOR, TRANSITION_CONFIRMED, Map.of("in", Map.of("conversationId", id,
                    "participantId", mine.getString("participants[2].id"), "action", "MUTE")))
                    .body("errors", nullValue()).body("data.transitionConversation.confirmed", equalTo(true));
            // The read before the command, and no re-read: the queue's event showed the change.
            assertThat(Simulator.calls("GET", path) - reads).isEqualTo(1);
        }
        // Unwatched, the same confirmation takes re-reads.
        await().atMost(Duration.ofSeconds(10)).until(() -> !channel.topics().contains("v2.routing.queues." + queue + ".conversations"));
        long reads = Simulator.calls("GET", path);
        GraphQL.as(TestClients.OPERATOR, TRANSITION_CONFIRMED, Map.of("in", Map.of("conversationId", id,
                "participantId", mine.getString("participants[2].id"), "action", "UNMUTE")))
                .body("errors", nullValue()).body("data.transitionConversation.confirmed", equalTo(true));
        assertThat(Simulator.calls("GET", path) - reads).isGreaterThan(1);
    }

    @Test
    void afterSocketClosingTheChannelIsRecreatedAndTheGapBackfilled() throws Exception {
        JsonPath created = Simulator.createConversation(null, null, "connected");
        String id = created.getString("id");
        String agent = created.getString("participants[2].id");
        try (GraphQLWsClient client = new GraphQLWsClient(graphql, TestClients.READER)) {
            client.subscribe("1", EVENTS, Map.of("c", id));
            assertThat(client.nextEvent("conversationEvents", e -> "snapshot".equals(e.path("type").asText()),
                    Duration.ofSeconds(10))).isNotNull();
            String before = channel.channelId();
            long created0 = Simulator.calls("POST", "/api/v2/notifications/channels");

            assertThat(Simulator.closeNotificationSockets()).isGreaterThanOrEqualTo(1);
            JsonNode backfill = client.nextEvent("conversationEvents", e -> "backfill".equals(e.path("type").asText()),
                    Duration.ofSeconds(10));
            assertThat(backfill).as("a re-read after the channel was re-created").isNotNull();
            assertThat(channel.channelId()).isNotNull().isNotEqualTo(before);
            assertThat(Simulator.calls("POST", "/api/v2/notifications/channels")).isEqualTo(created0 + 1);

            transition(id, agent, "HOLD");
            assertThat(client.nextEvent("conversationEvents", e -> "HELD".equals(agentState(e)), Duration.ofSeconds(10)))
                    .as("events flow on the new channel").isNotNull();
        }
    }

    @Test
    void subscriptionsNeedCredentialsAndAnArgument() throws Exception {
        // Without credentials (or with invalid ones) the socket is not opened at all: nothing runs, not even validation.
        for (String apiKey : Arrays.asList(null, "not-a-key")) {
            assertThatThrownBy(() -> new GraphQLWsClient(graphql, apiKey).close())
                    .cause().isInstanceOfSatisfying(WebSocketHandshakeException.class,
                            refused -> assertThat(refused.getResponse().statusCode()).isEqualTo(401));
        }
        // A browser's way: the key as an offered subprotocol (it cannot set headers on a WebSocket).
        assertThatThrownBy(() -> GraphQLWsClient.withKeyAsSubprotocol(graphql, "not-a-key").close())
                .cause().isInstanceOfSatisfying(WebSocketHandshakeException.class,
                        refused -> assertThat(refused.getResponse().statusCode()).isEqualTo(401));
        try (GraphQLWsClient client = GraphQLWsClient.withKeyAsSubprotocol(graphql, TestClients.READER)) {
            client.subscribe("2", EVENTS, Map.of());
            JsonNode error = client.next(m -> "error".equals(m.path("type").asText()) || "next".equals(m.path("type").asText()),
                    Duration.ofSeconds(10));
            assertThat(error.toString()).contains("VALIDATION_FAILED");
        }
    }
}
