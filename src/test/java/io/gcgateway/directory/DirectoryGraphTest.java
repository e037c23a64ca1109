package io.gcgateway.directory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.mypurecloud.sdk.v2.api.PresenceApi;
import com.mypurecloud.sdk.v2.model.PresenceDefinition;
import com.mypurecloud.sdk.v2.model.UserPresence;

import io.gcgateway.GraphQL;
import io.gcgateway.GraphQLWsClient;
import io.gcgateway.Simulator;
import io.gcgateway.TestClients;
import io.gcgateway.cache.CacheStatus;
import io.gcgateway.events.NotificationChannel;
import io.gcgateway.genesys.GenesysEndpoints;
import io.gcgateway.simulator.control.FaultRule;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.redis.client.RedisClientName;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.vertx.core.Vertx;
import jakarta.inject.Inject;

/**
 * The directory as a graph over the simulator: names instead of ids on a page of conversations in one bulk call per
 * entity type, nothing more on the next page once the directory is known, the lists and live state of users and
 * queues, and a failing directory that nulls only the fields that need it.
 */
@QuarkusTest
class DirectoryGraphTest {
    private static final String USERS = "/api/v2/users";
    private static final String QUEUES = "/api/v2/routing/queues";
    private static final String WRAP_UPS = "/api/v2/routing/wrapupcodes";
    private static final String OBSERVATIONS = "/api/v2/analytics/queues/observations/query";
    private static final String PAGE = """
            query($f: ConversationFilterInput!) { conversations(filter: $f, first: 25) { edges { node {
              queueIds queues { id name } wrapUpCodes wrapUps { id name }
              participants { purpose userId user { id name email } queueId queue { name } } } } } }""";

    @TestHTTPResource("/graphql")
    URI graphql;
    @Inject
    Directory directory;
    @Inject
    QueueObservations observations;
    @Inject
    DirectoryConfig config;
    @Inject
    ObjectMapper mapper;
    @Inject
    CacheStatus cacheStatus;
    @Inject
    GenesysEndpoints endpoints;
    @Inject
    SharedWatches watches;
    @Inject
    NotificationChannel channel;
    @Inject
    Vertx vertx;
    @Inject
    MeterRegistry registry;
    @Inject
    @RedisClientName("cache")
    ReactiveRedisDataSource cacheRedis;

    @BeforeEach
    void emptyDirectory() {
        Simulator.resetWithCircuitBreakers();
        directory.forgetLocal();
        List<String> keys = new ArrayList<>();
        cacheRedis.execute("KEYS", "gateway:directory:*").await().indefinitely().forEach(key -> keys.add(key.toString()));
        if (!keys.isEmpty()) {
            cacheRedis.execute("DEL", keys.toArray(String[]::new)).await().indefinitely();
        }
    }

    private static Map<String, Object> day(int daysAgo) {
        Instant today = Instant.now().truncatedTo(ChronoUnit.DAYS);
        return Map.of("f", Map.of("interval", Map.of("start", today.minus(daysAgo, ChronoUnit.DAYS).toString(),
                "end", today.minus(daysAgo - 1, ChronoUnit.DAYS).toString())));
    }

    @Test
    void aPageOfConversationsGetsNamesInOneBulkCallPerType() {
        JsonPath page = GraphQL.query(PAGE, day(3)).body("errors", nullValue()).extract().jsonPath();
        List<Map<String, Object>> nodes = page.getList("data.conversations.edges.node");
        assertThat(nodes).hasSize(25);
        for (Map<String, Object> node : nodes) {
            @SuppressWarnings("unchecked")
            List<Map<String, Object>> queues = (List<Map<String, Object>>) node.get("queues");
            assertThat(queues).extracting(queue -> queue.get("id")).containsExactlyElementsOf((List<?>) node.get("queueIds"));
            assertThat(queues).extracting(queue -> (String) queue.get("name"))
                    .allMatch(name -> List.of("Sales", "Support", "Billing", "Retention", "Technical", "VIP").contains(name));
        }
        assertThat(page.getList("data.conversations.edges.node.participants.flatten().findAll { it.userId != null }.user.name"))
                .isNotEmpty().doesNotContainNull();
        // One level, one bulk call per entity type, whatever the number of conversations and participants.
        assertThat(Simulator.calls("GET", QUEUES)).isEqualTo(1);
        assertThat(Simulator.calls("GET", USERS)).isEqualTo(1);
        assertThat(Simulator.calls("GET", WRAP_UPS)).isEqualTo(1);

        // The same page again, in another document (the response cache keeps documents, not entities): the names
        // come from this replica's memory, then, once it has forgotten them, from Redis: no directory call at all.
        long directoryCalls = directoryCalls();
        GraphQL.query(PAGE.replace("queueIds", "__typename queueIds"), day(3)).body("errors", nullValue());
        directory.forgetLocal();
        GraphQL.query(PAGE.replace("queueIds", "id queueIds"), day(3)).body("errors", nullValue())
                .body("data.conversations.edges[0].node.queues[0].name", notNullValue());
        assertThat(directoryCalls()).isEqualTo(directoryCalls);
    }

    private static final String LIVE_PAGE = """
            query Live($f: ConversationFilterInput!) { conversations(filter: $f, first: 25) { edges { node {
              queues { id name memberCount } wrapUps { id name }
              participants { user { id name email division { name } presence { id label systemPresence since }
                routingStatus { status since } } queue { id name } } } } } }""";

    private double batchObjects(String answer) {
        return registry.get("gateway.graphql.batch.objects").tag("answer", answer).counter().count();
    }

    /**
     * Relationships this replica already holds in memory are answered on the spot, each object without its data
     * loader, with exactly what the batch resolvers answer: the same page, cold (batched) and warm (on the spot), is
     * the same data, and the warm one queues nothing and calls nothing.
     */
    @Test
    void heldRelationshipsAreAnsweredOnTheSpotWithTheBatchesAnswer() {
        double batched = batchObjects("batch");
        Map<String, Object> cold = GraphQL.query(LIVE_PAGE, day(4)).body("errors", nullValue()).extract().path("data");
        assertThat(batchObjects("batch")).as("a cold directory is read in batches").isGreaterThan(batched);

        long calls = Simulator.totalCalls();
        double onTheSpot = batchObjects("memory");
        batched = batchObjects("batch");
        // Another document (the response cache keys documents): every relationship is resolved again.
        JsonPath warm = GraphQL.query(LIVE_PAGE.replace("query Live", "query LiveAgain"), day(4))
                .body("errors", nullValue()).extract().jsonPath();
        assertThat(warm.getMap("data")).isEqualTo(cold);
        List<Map<String, Object>> participants = warm.getList("data.conversations.edges.node.participants.flatten()");
        long users = participants.stream().filter(participant -> participant.get("user") != null).count();
        assertThat(users).isPositive();
        // Per conversation: queues and wrapUps; per participant: user and queue; per user: presence and routingStatus.
        assertThat(batchObjects("memory") - onTheSpot).isEqualTo(25 * 2 + participants.size() * 2 + users * 2);
        assertThat(batchObjects("batch")).isEqualTo(batched);
        assertThat(Simulator.totalCalls()).as("nothing asked of Genesys").isEqualTo(calls);

        // What this replica no longer holds goes to the batch again (here: names forgotten, read from Redis).
        directory.forgetLocal();
        GraphQL.query(LIVE_PAGE.replace("query Live", "query LiveOnceMore"), day(4)).body("errors", nullValue())
                .body("data", equalTo(cold));
        assertThat(batchObjects("batch")).isGreaterThan(batched);
    }

    private static final String KEPT_PAGE = """
            query Kept($f: ConversationFilterInput!) { conversations(filter: $f, first: 25) { edges { node {
              participants { userId user { presence { id } } } } } } }""";

    private double keptResponsesReused() {
        return registry.get("gateway.graphql.response.cache.requests").tag("result", "hit").counter().count();
    }

    /**
     * A page of past conversations is kept in memory and reused (ResponseCache) as long as its analytics allow, but
     * not with its agents' presence: that is reused no longer than the directory keeps presence, so a change made in
     * Genesys shows within seconds, not when the kept page expires.
     */
    @Test
    void aKeptPageIsReusedWithItsAgentsPresenceNoLongerThanPresenceIsKept() throws Exception {
        Map<String, Object> day = day(6);
        JsonPath first = GraphQL.query(KEPT_PAGE, day).body("errors", nullValue()).extract().jsonPath();
        double reused = keptResponsesReused();
        GraphQL.query(KEPT_PAGE, day).body("errors", nullValue()); // kept the second time
        GraphQL.query(KEPT_PAGE, day).body("errors", nullValue());
        assertThat(keptResponsesReused()).as("a page with presence is still kept and reused").isEqualTo(reused + 1);

        String userId = first.getString("data.conversations.edges.node.participants.flatten().find { it.userId != null }.userId");
        String path = "data.conversations.edges.node.participants.flatten().find { it.userId == '" + userId + "' }.user.presence.id";
        String before = first.getString(path);
        String other = GraphQL.query("{ presenceDefinitions { id } }").extract().jsonPath()
                .getList("data.presenceDefinitions.id", String.class).stream().filter(id -> !id.equals(before))
                .findFirst().orElseThrow();
        // Changed in Genesys, not through the gateway: nothing tells the gateway but time.
        new PresenceApi(Simulator.sdkClient()).patchUserPresencesPurecloud(userId,
                new UserPresence().presenceDefinition(new PresenceDefinition().id(other)));

        // The kept page lives a minute (gateway.graphql.response-cache.max-age); presence only directory.live-ttl.
        await().atMost(config.liveTtl().multipliedBy(2).plusSeconds(5)).pollInterval(Duration.ofMillis(250))
                .untilAsserted(() -> assertThat(GraphQL.query(KEPT_PAGE, day).body("errors", nullValue())
                        .extract().jsonPath().getString(path)).isEqualTo(other));
    }

    private static long directoryCalls() {
        return Simulator.calls("GET", QUEUES) + Simulator.calls("GET", USERS) + Simulator.calls("GET", WRAP_UPS);
    }

    @Test
    void aFailingDirectoryNullsOnlyTheFieldsThatNeedIt() {
        Simulator.inject(FaultRule.status("GET", QUEUES, 20, 503));
        GraphQL.query(PAGE, day(6))
                .body("data.conversations.edges", hasSize(25))
                .body("data.conversations.edges.node.wrapUps", everyItem(notNullValue()))
                .body("data.conversations.edges[0].node.queues", nullValue())
                .body("errors.extensions.code", everyItem(equalTo("UPSTREAM_UNAVAILABLE")))
                .body("errors[0].path", hasItems("conversations", "edges", "node"));
    }

    @Test
    void usersQueuesAndTheirLiveState() {
        GraphQL.query("{ users(first: 10) { totalCount edges { node { id name email title department division { name } } } "
                + "pageInfo { hasNextPage endCursor } } }")
                .body("errors", nullValue())
                .body("data.users.totalCount", equalTo(40))
                .body("data.users.edges", hasSize(10))
                .body("data.users.pageInfo.hasNextPage", equalTo(true))
                .body("data.users.edges[0].node.email", containsString("@example.com"));
        String ada = GraphQL.query("{ users(first: 5, nameContains: \"ada \") { edges { node { id name } } } }")
                .body("errors", nullValue()).body("data.users.edges.node.name", everyItem(containsString("Ada ")))
                .extract().path("data.users.edges[0].node.id");
        GraphQL.query("query($id: ID!) { user(id: $id) { name presence { label systemPresence since } "
                + "routingStatus { status since } } }", Map.of("id", ada))
                .body("errors", nullValue())
                .body("data.user.presence.systemPresence", notNullValue())
                .body("data.user.routingStatus.status", notNullValue());
        GraphQL.query("query($id: ID!) { user(id: $id) { queues(first: 10) { edges { node { id name } } } } }",
                Map.of("id", ada)).body("errors", nullValue())
                .body("data.user.queues.edges.node.name", everyItem(notNullValue()))
                .body("data.user.queues.edges.size()", greaterThan(0));
        GraphQL.query("{ user(id: \"no-such-user\") { name } }").body("errors", nullValue()).body("data.user", nullValue());

        String billing = GraphQL.query("{ queues(nameContains: \"ill\") { edges { node { id name memberCount "
                + "joinedMemberCount division { name } } } } }")
                .body("errors", nullValue()).body("data.queues.edges.node.name", equalTo(List.of("Billing")))
                .extract().path("data.queues.edges[0].node.id");
        GraphQL.query("query($id: ID!) { queue(id: $id) { name joinedMemberCount members(first: 100, joined: true) "
                + "{ edges { node { joined user { name } } } pageInfo { hasNextPage } } } }", Map.of("id", billing))
                .body("errors", nullValue())
                .body("data.queue.members.edges.node.joined", everyItem(equalTo(true)))
                .body("data.queue.members.pageInfo.hasNextPage", equalTo(false));
        GraphQL.query("{ wrapUpCodes { id name } presenceDefinitions { id label systemPresence } }")
                .body("errors", nullValue())
                .body("data.wrapUpCodes.name", hasItems("Resolved", "Escalated"))
                .body("data.presenceDefinitions.systemPresence", hasItems("AVAILABLE", "ON_QUEUE", "BREAK", "OFFLINE"));
    }

    @Test
    void badArgumentsAreRefusedBeforeAnyCall() {
        long before = Simulator.totalCalls();
        GraphQL.query("{ users(first: 1000) { edges { node { id } } } }")
                .body("errors[0].extensions.code", equalTo("VALIDATION_FAILED"));
        GraphQL.query("query($n: String) { queues(nameContains: $n) { edges { node { id } } } }",
                Map.of("n", "x".repeat(101))).body("errors[0].extensions.code", equalTo("VALIDATION_FAILED"));
        assertThat(Simulator.totalCalls()).isEqualTo(before);
    }

    @Test
    void operatorsSetPresenceRoutingStatusAndMembership() {
        String userId = Simulator.directory().getList("userIds", String.class).get(11);
        String queueId = Simulator.directory().getList("queueIds", String.class).get(2);
        String onBreak = GraphQL.query("{ presenceDefinitions { id systemPresence } }").extract().jsonPath()
                .getString("data.presenceDefinitions.find { it.systemPresence == 'BREAK' }.id");
        String user = "query($id: ID!) { user(id: $id) { presence { systemPresence } routingStatus { status } } }";
        GraphQL.query(user, Map.of("id", userId)).body("errors", nullValue());

        GraphQL.as(TestClients.OPERATOR, "mutation($u: ID!, $p: ID!) { setUserPresence(userId: $u, presenceId: $p) "
                + "{ id label systemPresence } }", Map.of("u", userId, "p", onBreak))
                .body("errors", nullValue()).body("data.setUserPresence.systemPresence", equalTo("BREAK"));
        // Read again at once: the change made this replica forget the user's live state.
        GraphQL.query(user, Map.of("id", userId))
                .body("data.user.presence.systemPresence", equalTo("BREAK"))
                .body("data.user.routingStatus.status", equalTo("OFF_QUEUE"));
        GraphQL.as(TestClients.OPERATOR, "mutation($u: ID!) { setRoutingStatus(userId: $u, status: IDLE) { status } }",
                Map.of("u", userId)).body("errors", nullValue()).body("data.setRoutingStatus.status", equalTo("IDLE"));

        int joinedBefore = GraphQL.query("query($q: ID!) { queue(id: $q) { joinedMemberCount } }", Map.of("q", queueId))
                .extract().path("data.queue.joinedMemberCount");
        String member = GraphQL.query("query($q: ID!) { queue(id: $q) { members(first: 1, joined: true) { edges { node "
                + "{ user { id } } } } } }", Map.of("q", queueId)).extract().path("data.queue.members.edges[0].node.user.id");
        GraphQL.as(TestClients.OPERATOR, "mutation($q: ID!, $u: ID!) { setQueueMembership(queueId: $q, userId: $u, "
                + "joined: false) { joined user { id } } }", Map.of("q", queueId, "u", member))
                .body("errors", nullValue()).body("data.setQueueMembership.joined", equalTo(false));
        GraphQL.query("query($q: ID!) { queue(id: $q) { joinedMemberCount } }", Map.of("q", queueId))
                .body("data.queue.joinedMemberCount", equalTo(joinedBefore - 1));
    }

    @Test
    void badChangesAreRefusedBeforeAnyCallAndReadersCannotChange() {
        String userId = Simulator.directory().getList("userIds", String.class).get(12);
        GraphQL.query("{ presenceDefinitions { id } }").body("errors", nullValue());
        long before = Simulator.totalCalls();
        GraphQL.as(TestClients.OPERATOR, "mutation($u: ID!) { setUserPresence(userId: $u, presenceId: \"nope\") { id } }",
                Map.of("u", userId)).body("errors[0].extensions.code", equalTo("VALIDATION_FAILED"));
        GraphQL.as(TestClients.OPERATOR, "mutation { setRoutingStatus(userId: \"no such/user\", status: IDLE) { status } }",
                Map.of()).body("errors[0].extensions.code", equalTo("VALIDATION_FAILED"));
        GraphQL.as(TestClients.READER, "mutation($u: ID!) { setRoutingStatus(userId: $u, status: IDLE) { status } }",
                Map.of("u", userId)).body("errors[0].extensions.code", equalTo("FORBIDDEN"));
        assertThat(Simulator.totalCalls()).as("nothing sent to Genesys").isEqualTo(before);
    }

    @Test
    void queueObservationsCountLiveConversationsAndAgents() {
        String queueId = Simulator.directory().getList("queueIds", String.class).get(3);
        String observe = "query($q: [String!]!) { queueObservations(queueIds: $q) { queueId waiting interacting alerting "
                + "longestWaitMs onQueueAgents { idle interacting } presences { presence count } observedAt } }";
        JsonPath before = GraphQL.query(observe, Map.of("q", List.of(queueId))).body("errors", nullValue())
                .body("data.queueObservations[0].queueId", equalTo(queueId))
                .body("data.queueObservations[0].presences.presence", everyItem(notNullValue()))
                .extract().jsonPath();
        int alerting = before.getInt("data.queueObservations[0].alerting");
        int interacting = before.getInt("data.queueObservations[0].interacting");
        Simulator.createConversation(queueId, null, "alerting");
        Simulator.createConversation(queueId, null, "connected");
        // Seconds old at most: the new conversations show once the observation interval has passed.
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> GraphQL.query(observe, Map.of("q", List.of(queueId)))
                .body("data.queueObservations[0].alerting", equalTo(alerting + 1))
                .body("data.queueObservations[0].interacting", equalTo(interacting + 1)));

        // Many watchers of one queue within the observation interval: at most one Genesys query per interval.
        long calls = Simulator.calls("POST", OBSERVATIONS);
        for (int i = 0; i < 5; i++) {
            GraphQL.query("query($q: [String!]!) { queueObservations(queueIds: $q) { queueId waiting } q" + i
                    + ": queue(id: \"" + queueId + "\") { observation { alerting } } }", Map.of("q", List.of(queueId)))
                    .body("errors", nullValue());
        }
        assertThat(Simulator.calls("POST", OBSERVATIONS) - calls).isLessThanOrEqualTo(1);
        GraphQL.query("query($q: [String!]!) { queueObservations(queueIds: $q) { queueId } }", Map.of("q", List.of()))
                .body("errors[0].extensions.code", equalTo("VALIDATION_FAILED"));
    }

    @Test
    void subscriptionsSendTheStateNowThenItsChanges() throws Exception {
        String queueId = Simulator.directory().getList("queueIds", String.class).get(4);
        String userId = Simulator.directory().getList("userIds", String.class).get(20);
        String onBreak = GraphQL.query("{ presenceDefinitions { id systemPresence } }").extract().jsonPath()
                .getString("data.presenceDefinitions.find { it.systemPresence == 'BREAK' }.id");
        // One client per subscription: a client's next event drops the other messages it reads past.
        try (GraphQLWsClient queues = new GraphQLWsClient(graphql, TestClients.READER);
                GraphQLWsClient users = new GraphQLWsClient(graphql, TestClients.READER)) {
            queues.subscribe("q", "subscription($q: [String!]!) { queueObservations(queueIds: $q) { queueId alerting } }",
                    Map.of("q", List.of(queueId)));
            users.subscribe("u", "subscription($u: [String!]!) { userStates(userIds: $u) { userId "
                    + "presence { systemPresence } routingStatus { status } } }", Map.of("u", List.of(userId)));
            JsonNode first = queues.nextEvent("queueObservations", e -> e.has("alerting"), Duration.ofSeconds(10));
            assertThat(first).as("the state now comes first").isNotNull();
            int alerting = first.path("alerting").asInt();
            assertThat(users.nextEvent("userStates", e -> e.has("userId"), Duration.ofSeconds(10))).isNotNull();

            Simulator.createConversation(queueId, null, "alerting");
            assertThat(queues.nextEvent("queueObservations", e -> e.path("alerting").asInt() == alerting + 1,
                    Duration.ofSeconds(15))).as("the change").isNotNull();
            GraphQL.as(TestClients.OPERATOR, "mutation($u: ID!, $p: ID!) { setUserPresence(userId: $u, presenceId: $p) "
                    + "{ id } }", Map.of("u", userId, "p", onBreak)).body("errors", nullValue());
            assertThat(users.nextEvent("userStates", e -> "BREAK".equals(e.at("/presence/systemPresence").asText()),
                    Duration.ofSeconds(15))).isNotNull();
        }
    }

    @Test
    void manySubscribersWatchEachQueueAndUserOnceFromEventsNotPolls() throws Exception {
        List<String> queueIds = Simulator.directory().getList("queueIds", String.class).subList(0, 3);
        String userId = Simulator.directory().getList("userIds", String.class).get(27);
        String onQueue = GraphQL.query("{ presenceDefinitions { id systemPresence } }").extract().jsonPath()
                .getString("data.presenceDefinitions.find { it.systemPresence == 'ON_QUEUE' }.id");
        GraphQL.as(TestClients.OPERATOR, "mutation($u: ID!, $p: ID!) { setUserPresence(userId: $u, presenceId: $p) "
                + "{ id } }", Map.of("u", userId, "p", onQueue)).body("errors", nullValue());
        // A second replica: its own watches, the same Redis. It wants the same topics but must not hold them.
        SharedWatches otherReplica = new SharedWatches(channel, cacheRedis, cacheStatus, config, vertx, endpoints);
        List<GraphQLWsClient> clients = new ArrayList<>();
        try {
            for (int i = 0; i < 10; i++) {
                GraphQLWsClient client = new GraphQLWsClient(graphql, TestClients.READER);
                clients.add(client);
                client.subscribe("q", "subscription($q: [String!]!) { queueObservations(queueIds: $q) { queueId alerting } }",
                        Map.of("q", queueIds));
            }
            GraphQLWsClient user = new GraphQLWsClient(graphql, TestClients.READER);
            clients.add(user);
            user.subscribe("u", "subscription($u: [String!]!) { userStates(userIds: $u) { userId routingStatus { status } } }",
                    Map.of("u", List.of(userId)));
            otherReplica.join(queueIds.stream().map(QueueObservations::topic).toList());
            List<String> topics = queueIds.stream().map(QueueObservations::topic).toList();
            await().atMost(Duration.ofSeconds(10)).until(() -> watches.held().containsAll(topics)
                    && watches.isLive(topics.get(0)) && watches.isLive(WatchedUsers.topic(userId)));
            assertThat(channel.topics()).containsAll(topics).contains(WatchedUsers.topic(userId));
            String busiest = queueIds.get(0);
            int[] alerting = new int[clients.size() - 1];
            for (int i = 0; i < alerting.length; i++) {
                JsonNode first = clients.get(i).nextEvent("queueObservations", e -> busiest.equals(e.path("queueId").asText()),
                        Duration.ofSeconds(10));
                assertThat(first).isNotNull();
                alerting[i] = first.path("alerting").asInt();
            }
            assertThat(user.nextEvent("userStates", e -> "IDLE".equals(e.at("/routingStatus/status").asText()),
                    Duration.ofSeconds(10))).isNotNull();
            // Seeded: from now on the events keep the state; Genesys is not asked again.
            await().atMost(Duration.ofSeconds(5)).until(() -> otherReplica.held().isEmpty());
            long queries = Simulator.calls("POST", OBSERVATIONS);
            long userReads = Simulator.calls("GET", USERS);

            Simulator.createConversation(busiest, userId, "alerting");
            for (int i = 0; i < alerting.length; i++) {
                int before = alerting[i];
                assertThat(clients.get(i).nextEvent("queueObservations", e -> busiest.equals(e.path("queueId").asText())
                        && e.path("alerting").asInt() == before + 1, Duration.ofSeconds(10))).as("client %d", i).isNotNull();
            }
            assertThat(user.nextEvent("userStates", e -> "INTERACTING".equals(e.at("/routingStatus/status").asText()),
                    Duration.ofSeconds(10))).isNotNull();
            assertThat(Simulator.calls("POST", OBSERVATIONS) - queries).as("observation queries after seeding").isZero();
            assertThat(Simulator.calls("GET", USERS) - userReads).as("user reads after seeding").isZero();
            assertThat(otherReplica.held()).as("the other replica's watches").isEmpty();
        } finally {
            clients.forEach(GraphQLWsClient::close);
            otherReplica.stop();
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> watches.held().isEmpty());
    }

    @Test
    void twoReplicasObserveAQueueOncePerInterval() {
        // A second replica's observations: its own memory, the same Redis.
        SharedWatches otherWatches = new SharedWatches(channel, cacheRedis, cacheStatus, config, vertx, endpoints);
        QueueObservations other = new QueueObservations(directory, config, mapper, cacheRedis, cacheStatus, endpoints,
                otherWatches, vertx);
        List<String> queue = List.of(Simulator.directory().getList("queueIds", String.class).get(5));
        long before = Simulator.calls("POST", OBSERVATIONS);
        var here = observations.observe(queue).await().atMost(Duration.ofSeconds(5));
        var there = other.observe(queue).await().atMost(Duration.ofSeconds(5));
        assertThat(there.get(queue.get(0))).isEqualTo(here.get(queue.get(0)));
        assertThat(Simulator.calls("POST", OBSERVATIONS) - before).as("Genesys queries for two replicas").isEqualTo(1);
        otherWatches.stop();
    }
}
