package io.gcgateway.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.awaitility.Awaitility.await;

import java.net.http.WebSocket;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.mypurecloud.sdk.v2.ApiClient;
import com.mypurecloud.sdk.v2.ApiException;
import com.mypurecloud.sdk.v2.api.ConversationsApi;
import com.mypurecloud.sdk.v2.api.NotificationsApi;
import com.mypurecloud.sdk.v2.extensions.notifications.NotificationEvent;
import com.mypurecloud.sdk.v2.model.Call;
import com.mypurecloud.sdk.v2.model.Channel;
import com.mypurecloud.sdk.v2.model.ChannelTopic;
import com.mypurecloud.sdk.v2.model.ChannelTopicEntityListing;
import com.mypurecloud.sdk.v2.model.Conversation;
import com.mypurecloud.sdk.v2.model.ErrorBody;
import com.mypurecloud.sdk.v2.model.MediaParticipantRequest;
import com.mypurecloud.sdk.v2.model.Participant;
import com.mypurecloud.sdk.v2.model.QueueConversationEventTopicConversation;
import com.mypurecloud.sdk.v2.model.TransferToAgentRequest;
import com.mypurecloud.sdk.v2.model.TransferToQueueRequest;
import com.mypurecloud.sdk.v2.model.WrapupCode;
import com.mypurecloud.sdk.v2.model.WrapupInput;

import io.gcgateway.Simulator;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

/**
 * Live conversations and notifications of the simulator, driven with the official SDK: reads, the participant
 * commands (202, asynchronous), their 400s with the Genesys error body, channels and topics, and events on the
 * channel's websocket parsed into the SDK's notification models.
 */
@QuarkusTest
class ConversationsSdkContractTest {
    private static final ObjectMapper SDK_JSON = new ObjectMapper()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);
    private ConversationsApi conversations;
    private NotificationsApi notifications;
    private ApiClient client;

    @BeforeEach
    void connect() {
        Simulator.reset();
        client = Simulator.sdkClient();
        conversations = new ConversationsApi(client);
        notifications = new NotificationsApi(client);
    }

    private static Participant purpose(Conversation conversation, String purpose) {
        return conversation.getParticipants().stream().filter(p -> purpose.equals(p.getPurpose()))
                .reduce((first, second) -> second).orElseThrow();
    }

    @Test
    void aConversationReadsAsTheSdkModelWithStateOnItsCommunications() throws Exception {
        JsonPath created = Simulator.createConversation(null, null, "connected");
        Conversation conversation = conversations.getConversation(created.getString("id"));
        assertThat(conversation.getParticipants()).extracting(Participant::getPurpose).containsExactly("customer", "acd", "agent");
        Participant agent = purpose(conversation, "agent");
        assertThat(agent.getWrapupRequired()).isTrue();
        assertThat(agent.getWrapupPrompt()).isEqualTo(Participant.WrapupPromptEnum.MANDATORY);
        Call call = agent.getCalls().get(0);
        assertThat(call.getState()).isEqualTo(Call.StateEnum.CONNECTED);
        assertThat(call.getHeld()).isFalse();
        assertThat(call.getRecordingState()).isEqualTo(Call.RecordingStateEnum.ACTIVE);
        assertThat(purpose(conversation, "acd").getQueueId()).isEqualTo(agent.getQueueId());
    }

    @Test
    void commandsAreAcceptedThenTakeEffect() throws Exception {
        String id = Simulator.createConversation(null, null, "connected").getString("id");
        Participant agent = purpose(conversations.getConversation(id), "agent");

        conversations.patchConversationsCallParticipant(id, agent.getId(), new MediaParticipantRequest().held(true));
        await().atMost(Duration.ofSeconds(3)).until(() -> purpose(conversations.getConversation(id), "agent").getCalls().get(0).getHeld());

        conversations.patchConversationsCallParticipant(id, agent.getId(),
                new MediaParticipantRequest().state(MediaParticipantRequest.StateEnum.DISCONNECTED));
        await().atMost(Duration.ofSeconds(3)).until(() -> purpose(conversations.getConversation(id), "agent").getCalls().get(0)
                .getState() == Call.StateEnum.DISCONNECTED);
        Call ended = purpose(conversations.getConversation(id), "agent").getCalls().get(0);
        assertThat(ended.getDisconnectType()).isEqualTo(Call.DisconnectTypeEnum.CLIENT);
        assertThat(ended.getAfterCallWork().getState().toString()).isEqualTo("pending");
        assertThat(purpose(conversations.getConversation(id), "customer").getCalls().get(0).getDisconnectType())
                .isEqualTo(Call.DisconnectTypeEnum.PEER);

        List<WrapupCode> codes = conversations.getConversationsCallParticipantWrapupcodes(id, agent.getId());
        assertThat(codes).hasSize(8);
        conversations.postConversationsCallParticipantCommunicationWrapup(id, agent.getId(), ended.getId(),
                new WrapupInput().code(codes.get(2).getId()).notes("Refund issued"));
        await().atMost(Duration.ofSeconds(3)).until(() -> purpose(conversations.getConversation(id), "agent").getWrapup() != null);
        Participant wrapped = purpose(conversations.getConversation(id), "agent");
        assertThat(wrapped.getWrapup().getCode()).isEqualTo(codes.get(2).getId());
        assertThat(wrapped.getWrapup().getName()).isEqualTo("Refund issued");
        assertThat(wrapped.getCalls().get(0).getAfterCallWork().getState().toString()).isEqualTo("complete");
    }

    @Test
    void transfersReplaceTheAgentParticipant() throws Exception {
        JsonPath directory = Simulator.directory();
        String id = Simulator.createConversation(null, null, "connected").getString("id");
        Participant agent = purpose(conversations.getConversation(id), "agent");
        String otherQueue = directory.getString("queueIds[1]");

        conversations.postConversationParticipantReplaceQueue(id, agent.getId(),
                new TransferToQueueRequest().transferType(TransferToQueueRequest.TransferTypeEnum.UNATTENDED).queueId(otherQueue));
        await().atMost(Duration.ofSeconds(3)).until(() -> conversations.getConversation(id).getParticipants().size() == 4);
        Conversation toQueue = conversations.getConversation(id);
        assertThat(purpose(toQueue, "acd").getQueueId()).isEqualTo(otherQueue);
        assertThat(toQueue.getParticipants().get(2).getCalls().get(0).getDisconnectType()).isEqualTo(Call.DisconnectTypeEnum.TRANSFER);
        assertThat(toQueue.getRecentTransfers()).hasSize(1);

        String second = Simulator.createConversation(null, null, "connected").getString("id");
        Participant secondAgent = purpose(conversations.getConversation(second), "agent");
        ApiException sameUser = catchThrowableOfType(ApiException.class, () -> conversations.postConversationParticipantReplaceAgent(
                second, secondAgent.getId(), new TransferToAgentRequest().userId(secondAgent.getUserId())));
        assertThat(sameUser.getStatusCode()).isEqualTo(400);
        String otherUser = directory.getString("userIds[7]");
        conversations.postConversationParticipantReplaceAgent(second, secondAgent.getId(), new TransferToAgentRequest().userId(otherUser));
        await().atMost(Duration.ofSeconds(3)).until(() -> conversations.getConversation(second).getParticipants().size() == 4);
        Participant next = purpose(conversations.getConversation(second), "agent");
        assertThat(next.getUserId()).isEqualTo(otherUser);
        assertThat(next.getCalls().get(0).getState()).isEqualTo(Call.StateEnum.ALERTING);
    }

    @Test
    void impossibleCommandsAnswer400WithTheGenesysErrorBody() throws Exception {
        String id = Simulator.createConversation(null, null, "alerting").getString("id");
        Participant agent = purpose(conversations.getConversation(id), "agent");
        ApiException hold = catchThrowableOfType(ApiException.class, () -> conversations.patchConversationsCallParticipant(id,
                agent.getId(), new MediaParticipantRequest().held(true)));
        assertThat(hold.getStatusCode()).isEqualTo(400);
        ErrorBody body = SDK_JSON.readValue(hold.getRawBody(), ErrorBody.class);
        assertThat(body.getCode()).isEqualTo("bad.request");
        assertThat(body.getMessage()).contains("alerting");
        assertThat(body.getContextId()).isNotBlank();

        ApiException wrapup = catchThrowableOfType(ApiException.class, () -> conversations
                .postConversationsCallParticipantCommunicationWrapup(id, agent.getId(), agent.getCalls().get(0).getId(),
                        new WrapupInput().code("not-a-code")));
        assertThat(wrapup.getStatusCode()).isEqualTo(400);

        ApiException missing = catchThrowableOfType(ApiException.class, () -> conversations.getConversation("no-such-conversation"));
        assertThat(missing.getStatusCode()).isEqualTo(404);

        String disconnected = conversations.postConversationDisconnect(id);
        assertThat(disconnected).isNotNull();
        await().atMost(Duration.ofSeconds(3)).until(() -> conversations.getConversation(id).getParticipants().stream()
                .allMatch(p -> p.getCalls().get(0).getState() == Call.StateEnum.DISCONNECTED));
        assertThat(catchThrowableOfType(ApiException.class, () -> conversations.postConversationDisconnect(id)).getStatusCode())
                .isEqualTo(400);
    }

    @Test
    void channelsTopicsAndEventsOnTheWebsocket() throws Exception {
        JsonPath created = Simulator.createConversation(null, null, "connected");
        String id = created.getString("id");
        String queueId = created.getString("participants[1].queueId");
        Channel channel = notifications.postNotificationsChannels();
        assertThat(channel.getConnectUri()).startsWith("ws://127.0.0.1:");
        assertThat(channel.getExpires()).isInTheFuture();
        notifications.headNotificationsChannel(channel.getId());

        String queueTopic = "v2.routing.queues." + queueId + ".conversations";
        String detailTopic = "v2.detail.events.conversation." + id + ".user.end";
        ChannelTopicEntityListing topics = notifications.putNotificationsChannelSubscriptions(channel.getId(),
                List.of(new ChannelTopic().id(queueTopic), new ChannelTopic().id(detailTopic)), null);
        assertThat(topics.getEntities()).extracting(ChannelTopic::getId).containsExactly(queueTopic, detailTopic);
        assertThat(notifications.getNotificationsChannelSubscriptions(channel.getId()).getEntities()).hasSize(2);
        ApiException badTopic = catchThrowableOfType(ApiException.class, () -> notifications.postNotificationsChannelSubscriptions(
                channel.getId(), List.of(new ChannelTopic().id("v2.conversations." + id)), null));
        assertThat(badTopic.getStatusCode()).isEqualTo(400);

        LinkedBlockingQueue<String> messages = new LinkedBlockingQueue<>();
        WebSocket socket = NotificationSockets.listen(channel.getConnectUri(), messages);
        socket.sendText("{\"message\":\"ping\"}", true);
        NotificationEvent<?> pong = SDK_JSON.readValue(messages.poll(5, TimeUnit.SECONDS), NotificationEvent.class);
        assertThat(pong.getTopicName()).isEqualTo("channel.metadata");

        Participant agent = purpose(conversations.getConversation(id), "agent");
        conversations.patchConversationsCallParticipant(id, agent.getId(),
                new MediaParticipantRequest().state(MediaParticipantRequest.StateEnum.DISCONNECTED));
        QueueConversationEventTopicConversation snapshot = null;
        boolean userEnd = false;
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while ((snapshot == null || !userEnd) && System.nanoTime() < deadline) {
            String message = messages.poll(1, TimeUnit.SECONDS);
            if (message == null) {
                continue;
            }
            var tree = SDK_JSON.readTree(message);
            String topic = tree.path("topicName").asText();
            if (topic.equals(queueTopic)) {
                snapshot = SDK_JSON.treeToValue(tree.path("eventBody"), QueueConversationEventTopicConversation.class);
                assertThat(tree.path("metadata").path("CorrelationId").asText()).isNotBlank();
                assertThat(tree.path("version").asText()).isEqualTo("2");
            } else if (topic.equals(detailTopic)) {
                userEnd = true;
                assertThat(tree.path("eventBody").path("eventTime").isNumber()).isTrue();
                assertThat(tree.path("eventBody").path("disconnectType").asText()).isEqualTo("client");
            }
        }
        assertThat(userEnd).isTrue();
        assertThat(snapshot).isNotNull();
        assertThat(snapshot.getId()).isEqualTo(id);
        assertThat(snapshot.getParticipants().get(2).getCalls().get(0).getState().toString()).isEqualTo("disconnected");

        // Maintenance: socket_closing, then the socket closes and the channel is gone.
        messages.clear();
        assertThat(Simulator.closeNotificationSockets()).isGreaterThanOrEqualTo(1);
        String closing = messages.poll(5, TimeUnit.SECONDS);
        while (closing != null && !closing.contains("socket_closing")) {
            closing = messages.poll(5, TimeUnit.SECONDS);
        }
        assertThat(closing).contains("v2.system.socket_closing");
        assertThat(catchThrowableOfType(ApiException.class, () -> notifications.headNotificationsChannel(channel.getId()))
                .getStatusCode()).isEqualTo(404);
        socket.abort();
    }
}
