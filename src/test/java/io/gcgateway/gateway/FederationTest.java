package io.gcgateway.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
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
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;

/**
 * Apollo Federation 2 subgraph mode: {@code _service { sdl }} links the 2.7 spec and keys the entities, and
 * {@code _entities} resolves each type in one lookup, a failing type without failing the others.
 */
@QuarkusTest
@TestProfile(FederationTest.Subgraph.class)
public class FederationTest {
    static final String ENTITIES = """
            query($r: [_Any!]!) { _entities(representations: $r) {
              __typename
              ... on User { id name title }
              ... on Queue { id name }
              ... on WrapUpCode { id name }
              ... on DataAction { id name contract { inputSchema } }
              ... on Conversation { id mediaType queues { name } }
              ... on LiveConversation { id state }
              ... on Record { tableId key version }
            } }""";

    public static class Subgraph implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("gateway.federation.enabled", "true");
        }
    }

    @BeforeEach
    void reset() {
        Simulator.resetWithCircuitBreakers();
    }

    @Test
    void theServiceSdlLinksFederationTwoAndKeysTheEntities() {
        String sdl = GraphQL.query("{ _service { sdl } }").body("errors", nullValue()).extract().path("data._service.sdl");
        assertThat(sdl).contains("@link(import : [\"@key\"], url : \"https://specs.apollo.dev/federation/v2.7\")")
                .contains("type User @key(fields : \"id\")").contains("type Queue @key(fields : \"id\")")
                .contains("type WrapUpCode @key(fields : \"id\")").contains("type Conversation @key(fields : \"id\")")
                .contains("type LiveConversation @key(fields : \"id\")").contains("type DataAction @key(fields : \"id\")")
                .contains("type Record @key(fields : \"tableId key\")")
                .contains("directive @key(fields: FieldSet!, resolvable: Boolean = true) repeatable on OBJECT | INTERFACE");
    }

    @Test
    void entitiesOfEachTypeAreReadInOneBulkCallPerType() {
        JsonPath data = GraphQL.query("{ u: users(first: 3) { edges { node { id } } } q: queues(first: 2) { edges { node { id } } } "
                + "w: wrapUpCodes { id } a: dataActions(first: 1) { edges { node { id } } } t: recordTables { id name } }")
                .body("errors", nullValue()).extract().jsonPath().setRootPath("data");
        Instant today = Instant.now().truncatedTo(ChronoUnit.DAYS);
        String conversationId = GraphQL.query("query($f: ConversationFilterInput!) { conversations(filter: $f, first: 1) { edges { node { id } } } }",
                Map.of("f", Map.of("interval", Map.of("start", today.minus(1, ChronoUnit.DAYS).toString(), "end", today.toString()))))
                .extract().path("data.conversations.edges[0].node.id");

        List<Map<String, Object>> representations = new ArrayList<>();
        for (String id : data.<String> getList("u.edges.node.id")) {
            representations.add(Map.of("__typename", "User", "id", id));
        }
        data.<String> getList("q.edges.node.id").forEach(id -> representations.add(Map.of("__typename", "Queue", "id", id)));
        representations.add(Map.of("__typename", "WrapUpCode", "id", data.getString("w[0].id")));
        representations.add(Map.of("__typename", "DataAction", "id", data.getString("a.edges[0].node.id")));
        representations.add(Map.of("__typename", "Conversation", "id", conversationId));
        Simulator.reset(); // counts Genesys calls from here; the live conversation is made after it
        String liveId = Simulator.createConversation(null, null, "connected").getString("id");
        representations.add(Map.of("__typename", "LiveConversation", "id", liveId));
        representations.add(Map.of("__typename", "Record", "tableId",
                data.getString("t.find { it.name == 'InventoryItem' }.id"), "key", "AB-1000"));
        representations.add(Map.of("__typename", "User", "id", "00000000-0000-0000-0000-000000000000"));

        JsonPath answer = GraphQL.query(ENTITIES, Map.of("r", representations)).body("errors", nullValue()).extract().jsonPath();
        List<Map<String, Object>> entities = answer.getList("data._entities");
        assertThat(entities).hasSize(representations.size());
        assertThat(entities.subList(0, 3)).allSatisfy(user -> assertThat((String) user.get("name")).isNotBlank());
        assertThat(answer.getString("data._entities[3].__typename")).isEqualTo("Queue");
        assertThat(answer.getString("data._entities[5].__typename")).isEqualTo("WrapUpCode");
        assertThat(answer.getString("data._entities[6].__typename")).isEqualTo("DataAction");
        assertThat(answer.<Object> getList("data._entities.findAll { it?.__typename == 'DataAction' }.contract.inputSchema")).doesNotContainNull();
        assertThat(answer.getString("data._entities.find { it?.__typename == 'Conversation' }.id")).isEqualTo(conversationId);
        assertThat(answer.getString("data._entities.find { it?.__typename == 'Record' }.key")).isEqualTo("AB-1000");
        assertThat(answer.getString("data._entities.find { it?.__typename == 'LiveConversation' }.id")).isEqualTo(liveId);
        assertThat(entities.get(entities.size() - 1)).as("an unknown user").isNull();

        // One bulk read per directory type, whatever the number of representations.
        assertThat(Simulator.calls("GET", "/api/v2/users")).isEqualTo(1);
        assertThat(Simulator.calls("GET", "/api/v2/routing/queues")).isEqualTo(1);
        assertThat(Simulator.calls("GET", "/api/v2/analytics/conversations/details")).isEqualTo(1);
    }

    @Test
    void aTypeThatIsNotAnEntityIsAnErrorAtItsIndexAndTheOthersStillAnswer() {
        String userId = GraphQL.query("{ users(first: 1) { edges { node { id } } } }").extract().path("data.users.edges[0].node.id");
        GraphQL.query(ENTITIES, Map.of("r", List.of(Map.of("__typename", "Division", "id", "x"),
                Map.of("__typename", "User", "id", userId))))
                .body("data._entities[0]", nullValue())
                .body("data._entities[1].id", equalTo(userId))
                .body("errors[0].path", equalTo(List.of("_entities", 0)))
                .body("errors[0].extensions.code", equalTo("VALIDATION_FAILED"))
                .body("errors[0].message", containsString("Division"));
    }
}
