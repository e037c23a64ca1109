package io.gcgateway.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.http.WebSocket;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.mypurecloud.sdk.v2.ApiClient;
import com.mypurecloud.sdk.v2.ApiException;
import com.mypurecloud.sdk.v2.api.AnalyticsApi;
import com.mypurecloud.sdk.v2.api.AuthorizationApi;
import com.mypurecloud.sdk.v2.api.NotificationsApi;
import com.mypurecloud.sdk.v2.api.PresenceApi;
import com.mypurecloud.sdk.v2.api.RoutingApi;
import com.mypurecloud.sdk.v2.api.UsersApi;
import com.mypurecloud.sdk.v2.api.request.GetAuthorizationDivisionsRequest;
import com.mypurecloud.sdk.v2.api.request.GetPresenceDefinitions0Request;
import com.mypurecloud.sdk.v2.api.request.GetRoutingQueueMembersRequest;
import com.mypurecloud.sdk.v2.api.request.GetRoutingQueuesRequest;
import com.mypurecloud.sdk.v2.api.request.GetRoutingWrapupcodesRequest;
import com.mypurecloud.sdk.v2.api.request.GetUserQueuesRequest;
import com.mypurecloud.sdk.v2.api.request.GetUserRequest;
import com.mypurecloud.sdk.v2.api.request.GetUsersRequest;
import com.mypurecloud.sdk.v2.model.AgentActivityChangedTopicAgentActivity;
import com.mypurecloud.sdk.v2.model.AuthzDivision;
import com.mypurecloud.sdk.v2.model.Channel;
import com.mypurecloud.sdk.v2.model.ChannelTopic;
import com.mypurecloud.sdk.v2.model.ObservationMetricData;
import com.mypurecloud.sdk.v2.model.OrganizationPresenceDefinition;
import com.mypurecloud.sdk.v2.model.PresenceDefinition;
import com.mypurecloud.sdk.v2.model.PresenceEventUserPresence;
import com.mypurecloud.sdk.v2.model.Queue;
import com.mypurecloud.sdk.v2.model.QueueMember;
import com.mypurecloud.sdk.v2.model.QueueMemberEntityListing;
import com.mypurecloud.sdk.v2.model.QueueObservationDataContainer;
import com.mypurecloud.sdk.v2.model.QueueObservationQuery;
import com.mypurecloud.sdk.v2.model.QueueObservationQueryFilter;
import com.mypurecloud.sdk.v2.model.QueueObservationQueryPredicate;
import com.mypurecloud.sdk.v2.model.RoutingStatus;
import com.mypurecloud.sdk.v2.model.StatEventQueueTopicStatsNotification;
import com.mypurecloud.sdk.v2.model.User;
import com.mypurecloud.sdk.v2.model.UserEntityListing;
import com.mypurecloud.sdk.v2.model.UserPresence;
import com.mypurecloud.sdk.v2.model.UserQueue;
import com.mypurecloud.sdk.v2.model.UserRoutingStatusUserRoutingStatus;
import com.mypurecloud.sdk.v2.model.UserSearchCriteria;
import com.mypurecloud.sdk.v2.model.UserSearchRequest;
import com.mypurecloud.sdk.v2.model.UsersSearchResponse;
import com.mypurecloud.sdk.v2.model.WrapupCode;

import io.gcgateway.Simulator;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

/**
 * The simulated directory, driven with the official SDK: users (bulk by id with presence and routing status
 * expanded, by id, searched by name), presence definitions, a user's presence and routing status (read and set), queues (filtered by
 * name, bulk by id, by id), queue members (paged without totals), wrap-up codes and divisions. The ids are the ones
 * the analytics data set and live conversations use; queue observations are computed from the live conversations.
 */
@QuarkusTest
class DirectorySdkContractTest {
    /** Strict: an event body field the SDK's topic model does not know fails the test. */
    private static final ObjectMapper SDK_JSON = new ObjectMapper();
    private UsersApi users;
    private RoutingApi routing;
    private PresenceApi presence;
    private AuthorizationApi authorization;
    private JsonPath seeded;

    @BeforeEach
    void connect() {
        Simulator.reset();
        ApiClient client = Simulator.sdkClient();
        users = new UsersApi(client);
        routing = new RoutingApi(client);
        presence = new PresenceApi(client);
        authorization = new AuthorizationApi(client);
        seeded = Simulator.directory();
    }

    @Test
    void usersInBulkWithPresenceAndRoutingStatus() throws Exception {
        List<String> ids = seeded.getList("userIds", String.class).subList(0, 30);
        UserEntityListing page = users.getUsers(GetUsersRequest.builder().withId(ids).withPageSize(100)
                .withExpand(List.of("presence", "routingStatus")).build());
        assertThat(page.getEntities()).extracting(User::getId).containsExactlyInAnyOrderElementsOf(ids);
        assertThat(page.getTotal()).isEqualTo(30L);
        User first = page.getEntities().get(0);
        assertThat(first.getName()).contains(" ");
        assertThat(first.getEmail()).endsWith("@example.com");
        assertThat(first.getTitle()).isNotBlank();
        assertThat(first.getDepartment()).isNotBlank();
        assertThat(first.getDivision().getName()).isNotBlank();
        assertThat(first.getPresence().getPresenceDefinition().getSystemPresence()).isNotBlank();
        assertThat(first.getRoutingStatus().getStatus()).isNotNull();
        assertThat(first.getRoutingStatus().getStartTime()).isNotNull();

        List<UserQueue> joined = users.getUserQueues(GetUserQueuesRequest.builder().withUserId(ids.get(3)).build())
                .getEntities();
        assertThat(joined).isNotEmpty().allSatisfy(queue -> {
            assertThat(queue.getJoined()).isTrue();
            assertThat(queue.getName()).isNotBlank();
        });

        User one = users.getUser(GetUserRequest.builder().withUserId(ids.get(3)).build());
        assertThat(one.getId()).isEqualTo(ids.get(3));
        assertThat(one.getPresence()).as("not expanded").isNull();
        assertThatThrownBy(() -> users.getUser(GetUserRequest.builder().withUserId("no-such-user").build()))
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.getStatusCode()).isEqualTo(404));
    }

    @Test
    void userSearchByName() throws Exception {
        UsersSearchResponse found = users.postUsersSearch(new UserSearchRequest().pageSize(10)
                .expand(List.of("presence")).query(List.of(new UserSearchCriteria()
                        .type(UserSearchCriteria.TypeEnum.CONTAINS).fields(List.of("name")).value("ada "))));
        assertThat(found.getTotal()).isPositive();
        assertThat(found.getResults()).extracting(User::getName).allMatch(name -> name.startsWith("Ada "));
        assertThat(found.getResults().get(0).getPresence()).isNotNull();
    }

    @Test
    void presenceDefinitionsAndSettingAPresence() throws Exception {
        List<OrganizationPresenceDefinition> definitions = presence.getPresenceDefinitions0(
                GetPresenceDefinitions0Request.builder().build()).getEntities();
        assertThat(definitions).extracting(OrganizationPresenceDefinition::getSystemPresence).extracting(Enum::name)
                .contains("AVAILABLE", "AWAY", "BUSY", "BREAK", "MEAL", "MEETING", "TRAINING", "OFFLINE", "ONQUEUE");
        OrganizationPresenceDefinition onBreak = definitions.stream()
                .filter(definition -> definition.getSystemPresence().name().equals("BREAK")).findFirst().orElseThrow();
        assertThat(onBreak.getLanguageLabels()).containsEntry("en_US", "Break");

        String userId = seeded.getList("userIds", String.class).get(5);
        UserPresence changed = presence.patchUserPresencesPurecloud(userId,
                new UserPresence().presenceDefinition(new PresenceDefinition().id(onBreak.getId())));
        assertThat(changed.getPresenceDefinition().getId()).isEqualTo(onBreak.getId());
        assertThat(presence.getUserPresencesPurecloud(userId).getPresenceDefinition().getSystemPresence())
                .isEqualTo("Break");
        // Off queue while on a break.
        assertThat(users.getUserRoutingstatus(userId).getStatus()).isEqualTo(RoutingStatus.StatusEnum.OFF_QUEUE);
    }

    @Test
    void routingStatusReadAndSet() throws Exception {
        String userId = seeded.getList("userIds", String.class).get(7);
        RoutingStatus set = users.putUserRoutingstatus(userId, new RoutingStatus().status(RoutingStatus.StatusEnum.IDLE));
        assertThat(set.getStatus()).isEqualTo(RoutingStatus.StatusEnum.IDLE);
        assertThat(users.getUserRoutingstatus(userId).getStatus()).isEqualTo(RoutingStatus.StatusEnum.IDLE);
        // Genesys answers OFF_QUEUE, not 404, for a user it does not know.
        assertThat(users.getUserRoutingstatus("no-such-user").getStatus()).isEqualTo(RoutingStatus.StatusEnum.OFF_QUEUE);
    }

    @Test
    void queuesMembersWrapUpCodesAndDivisions() throws Exception {
        List<String> queueIds = seeded.getList("queueIds", String.class);
        List<Queue> byId = routing.getRoutingQueues(GetRoutingQueuesRequest.builder().withId(queueIds).withPageSize(100)
                .build()).getEntities();
        assertThat(byId).extracting(Queue::getId).containsExactlyInAnyOrderElementsOf(queueIds);
        assertThat(byId).extracting(Queue::getName).contains("Sales", "Support", "Billing", "Retention", "Technical", "VIP");
        assertThat(routing.getRoutingQueues(GetRoutingQueuesRequest.builder().withName("*ill*").build()).getEntities())
                .extracting(Queue::getName).containsExactly("Billing");

        Queue sales = routing.getRoutingQueue(queueIds.get(0));
        assertThat(sales.getMemberCount()).isPositive();
        assertThat(sales.getJoinedMemberCount()).isBetween(1, sales.getMemberCount());
        assertThat(sales.getDivision().getId()).isNotBlank();

        QueueMemberEntityListing members = routing.getRoutingQueueMembers(GetRoutingQueueMembersRequest.builder()
                .withQueueId(queueIds.get(0)).withPageSize(5).withExpand(List.of("presence", "routingStatus")).build());
        assertThat(members.getEntities()).hasSize(5);
        assertThat(members.getNextUri()).as("more members").isNotNull();
        QueueMember member = members.getEntities().get(0);
        assertThat(member.getUser().getName()).isEqualTo(member.getName());
        assertThat(member.getUser().getPresence()).isNotNull();
        assertThat(member.getJoined()).isNotNull();
        List<QueueMember> joined = routing.getRoutingQueueMembers(GetRoutingQueueMembersRequest.builder()
                .withQueueId(queueIds.get(0)).withPageSize(100).withJoined(true).build()).getEntities();
        assertThat(joined).hasSize(sales.getJoinedMemberCount()).allMatch(QueueMember::getJoined);

        List<String> codes = seeded.getList("wrapUpCodes", String.class);
        List<WrapupCode> wrapUps = routing.getRoutingWrapupcodes(GetRoutingWrapupcodesRequest.builder()
                .withId(codes.subList(0, 3)).build()).getEntities();
        assertThat(wrapUps).extracting(WrapupCode::getId).containsExactlyInAnyOrderElementsOf(codes.subList(0, 3));
        assertThat(routing.getRoutingWrapupcode(codes.get(0)).getName()).isEqualTo("Resolved");

        List<AuthzDivision> divisions = authorization.getAuthorizationDivisions(GetAuthorizationDivisionsRequest.builder()
                .build()).getEntities();
        assertThat(divisions).extracting(AuthzDivision::getName).containsExactly("Home", "VIP Services");
        assertThat(divisions.get(0).getHomeDivision()).isTrue();
    }

    @Test
    void queueObservationsFromLiveState() throws Exception {
        String queueId = seeded.getList("queueIds", String.class).get(1);
        QueueObservationQuery query = new QueueObservationQuery()
                .filter(new QueueObservationQueryFilter().type(QueueObservationQueryFilter.TypeEnum.OR)
                        .predicates(List.of(new QueueObservationQueryPredicate()
                                .dimension(QueueObservationQueryPredicate.DimensionEnum.QUEUEID).value(queueId))))
                .metrics(List.of(QueueObservationQuery.MetricsEnum.OWAITING, QueueObservationQuery.MetricsEnum.OALERTING,
                        QueueObservationQuery.MetricsEnum.OINTERACTING,
                        QueueObservationQuery.MetricsEnum.OUSERROUTINGSTATUSES,
                        QueueObservationQuery.MetricsEnum.OUSERPRESENCES))
                .detailMetrics(List.of(QueueObservationQuery.DetailMetricsEnum.OWAITING));
        AnalyticsApi analytics = new AnalyticsApi(Simulator.sdkClient());
        List<QueueObservationDataContainer> before = analytics.postAnalyticsQueuesObservationsQuery(query).getResults();
        Simulator.createConversation(queueId, null, "alerting");
        Simulator.createConversation(queueId, null, "connected");
        List<QueueObservationDataContainer> results = analytics.postAnalyticsQueuesObservationsQuery(query).getResults();
        assertThat(results).extracting(QueueObservationDataContainer::getGroup)
                .contains(Map.of("queueId", queueId), Map.of("queueId", queueId, "mediaType", "voice"));
        assertThat(count(results, "oAlerting")).isEqualTo(count(before, "oAlerting") + 1);
        assertThat(count(results, "oInteracting")).isEqualTo(count(before, "oInteracting") + 1);
        List<ObservationMetricData> users = results.stream().filter(r -> !r.getGroup().containsKey("mediaType"))
                .findFirst().orElseThrow().getData();
        assertThat(users).filteredOn(row -> row.getMetric().equals("oUserPresences")).isNotEmpty()
                .allSatisfy(row -> assertThat(row.getQualifier()).matches("[A-Z_]+"));
    }

    @Test
    void userAndQueueTopicsOnTheWebsocket() throws Exception {
        String queueId = seeded.getList("queueIds", String.class).get(2);
        String userId = seeded.getList("userIds", String.class).get(20);
        List<OrganizationPresenceDefinition> definitions = presence.getPresenceDefinitions0(
                GetPresenceDefinitions0Request.builder().build()).getEntities();
        String onQueue = definitions.stream().filter(d -> d.getSystemPresence().name().equals("ONQUEUE")).findFirst()
                .orElseThrow().getId();
        String available = definitions.stream().filter(d -> d.getSystemPresence().name().equals("AVAILABLE"))
                .findFirst().orElseThrow().getId();
        presence.patchUserPresencesPurecloud(userId, new UserPresence().presenceDefinition(new PresenceDefinition().id(available)));

        NotificationsApi notifications = new NotificationsApi(Simulator.sdkClient());
        Channel channel = notifications.postNotificationsChannels();
        String user = "v2.users." + userId;
        String observations = "v2.analytics.queues." + queueId + ".observations";
        List<String> topics = List.of(user + ".presence", user + ".routingStatus", user + ".activity", observations);
        assertThat(notifications.putNotificationsChannelSubscriptions(channel.getId(),
                topics.stream().map(topic -> new ChannelTopic().id(topic)).toList(), null).getEntities())
                .extracting(ChannelTopic::getId).containsExactlyInAnyOrderElementsOf(topics);
        LinkedBlockingQueue<String> messages = new LinkedBlockingQueue<>();
        WebSocket socket = NotificationSockets.listen(channel.getConnectUri(), messages);

        // On queue (presence, then IDLE), then offered a call on the queue (INTERACTING, one more alerting).
        presence.patchUserPresencesPurecloud(userId, new UserPresence().presenceDefinition(new PresenceDefinition().id(onQueue)));
        Simulator.createConversation(queueId, userId, "alerting");

        PresenceEventUserPresence presenceEvent = null;
        List<UserRoutingStatusUserRoutingStatus> routing = new ArrayList<>();
        AgentActivityChangedTopicAgentActivity activity = null;
        List<StatEventQueueTopicStatsNotification> stats = new ArrayList<>();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (System.nanoTime() < deadline && (presenceEvent == null || activity == null
                || routing.stream().noneMatch(r -> r.getRoutingStatus().getStatus().toString().equals("INTERACTING"))
                || stats.stream().noneMatch(s -> alerting(s) > 0))) {
            String message = messages.poll(1, TimeUnit.SECONDS);
            if (message == null) {
                continue;
            }
            JsonNode tree = SDK_JSON.readTree(message);
            String topic = tree.path("topicName").asText();
            JsonNode body = tree.path("eventBody");
            if (topic.equals(user + ".presence")) {
                presenceEvent = SDK_JSON.treeToValue(body, PresenceEventUserPresence.class);
            } else if (topic.equals(user + ".routingStatus")) {
                routing.add(SDK_JSON.treeToValue(body, UserRoutingStatusUserRoutingStatus.class));
            } else if (topic.equals(user + ".activity")) {
                activity = SDK_JSON.treeToValue(body, AgentActivityChangedTopicAgentActivity.class);
            } else if (topic.equals(observations)) {
                stats.add(SDK_JSON.treeToValue(body, StatEventQueueTopicStatsNotification.class));
            }
        }
        socket.abort();
        assertThat(presenceEvent).isNotNull();
        assertThat(presenceEvent.getPresenceDefinition().getId()).isEqualTo(onQueue);
        assertThat(presenceEvent.getPresenceDefinition().getSystemPresence()).isEqualTo("OnQueue");
        assertThat(presenceEvent.getModifiedDate()).isNotNull();
        assertThat(routing).extracting(r -> r.getRoutingStatus().getStatus().toString()).containsSubsequence("IDLE", "INTERACTING");
        assertThat(routing).allSatisfy(r -> assertThat(r.getId()).isEqualTo(userId));
        assertThat(activity).isNotNull();
        assertThat(activity.getId()).isEqualTo(userId);
        assertThat(activity.getPresence().getPresenceDefinition().getId()).isEqualTo(onQueue);
        assertThat(stats).isNotEmpty().allSatisfy(s -> {
            assertThat(s.getGroup()).containsEntry("queueId", queueId);
            assertThat(s.getData()).singleElement().satisfies(interval -> assertThat(interval.getInterval()).contains("/"));
        });
        // The routing status the REST API answers agrees with the events.
        assertThat(users.getUserRoutingstatus(userId).getStatus()).isEqualTo(RoutingStatus.StatusEnum.INTERACTING);
    }

    private static long alerting(StatEventQueueTopicStatsNotification event) {
        return event.getData().stream().flatMap(interval -> interval.getMetrics().stream())
                .filter(metric -> metric.getMetric().equals("oAlerting"))
                .mapToLong(metric -> metric.getStats().get("count").longValue()).sum();
    }


    /** A conversation metric's count (0 when Genesys leaves the row out). */
    private static long count(List<QueueObservationDataContainer> results, String metric) {
        return results.stream().filter(r -> r.getGroup().containsKey("mediaType")).flatMap(r -> r.getData().stream())
                .filter(row -> row.getMetric().equals(metric)).mapToLong(row -> row.getStats().getCount()).sum();
    }
}
