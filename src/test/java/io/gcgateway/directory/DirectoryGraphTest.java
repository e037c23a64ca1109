package io.gcgateway.directory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.gcgateway.GraphQL;
import io.gcgateway.Simulator;
import io.gcgateway.simulator.control.FaultRule;
import io.quarkus.redis.client.RedisClientName;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
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
    private static final String PAGE = """
            query($f: ConversationFilterInput!) { conversations(filter: $f, first: 25) { edges { node {
              queueIds queues { id name } wrapUpCodes wrapUps { id name }
              participants { purpose userId user { id name email } queueId queue { name } } } } } }""";

    @Inject
    Directory directory;
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
}
