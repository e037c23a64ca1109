package io.gcgateway.conversations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.gcgateway.GraphQL;
import io.gcgateway.Simulator;
import io.gcgateway.TestClients;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

/**
 * transitionConversation against the simulator: every action, the state matrix and input checks (nothing is sent when
 * they fail), ifMatch and two racing writers, confirmation, Genesys's own refusals, and the audit event.
 */
@QuarkusTest
class ConversationTransitionsTest {
    static final String CONVERSATION = """
            query($id: ID!) { conversation(id: $id) { id state etag participants { id purpose userId queueId state
              wrapUpCode communications { id mediaType state held muted afterCallWorkState disconnectType } } } }""";
    static final String TRANSITION = """
            mutation($in: TransitionInput!) { transitionConversation(input: $in) { accepted confirmed action stateBefore
              state etagBefore etag conversation { participants { id purpose userId queueId state wrapUpCode
              communications { held muted state } } } } }""";

    private JsonPath directory;

    @BeforeEach
    void reset() {
        Simulator.resetWithCircuitBreakers();
        directory = Simulator.directory();
    }

    /** A new conversation; answers {conversationId, agent participant id, etag}. */
    private static String[] conversation(String agentState) {
        String id = Simulator.createConversation(null, null, agentState).getString("id");
        JsonPath read = GraphQL.query(CONVERSATION, Map.of("id", id)).body("errors", nullValue()).extract().jsonPath();
        return new String[] { id, read.getString("data.conversation.participants.find { it.purpose == 'agent' }.id"),
                read.getString("data.conversation.etag") };
    }

    private static Map<String, Object> input(String[] conversation, String action, Object... more) {
        Map<String, Object> input = new HashMap<>();
        input.put("conversationId", conversation[0]);
        input.put("participantId", conversation[1]);
        input.put("action", action);
        for (int i = 0; i + 1 < more.length; i += 2) {
            input.put((String) more[i], more[i + 1]);
        }
        return Map.of("in", input);
    }

    /** Conversation commands sent to Genesys (anything but a read). */
    private static long commands() {
        return Simulator.callsMatching("POST|PATCH|PUT|DELETE", "/api/v2/conversations/.*");
    }

    /** Any conversation call at all, reads included. */
    private static long conversationCalls() {
        return Simulator.callsMatching(".*", "/api/v2/conversations/.*");
    }

    private static long patches() {
        return Simulator.callsMatching("PATCH", "/api/v2/conversations/calls/[^/]+/participants/[^/]+");
    }

    @Test
    void aConversationReadsWithParticipantStatesAndAnEtag() {
        String[] c = conversation("connected");
        GraphQL.query(CONVERSATION, Map.of("id", c[0]))
                .body("data.conversation.state", equalTo("connected"))
                .body("data.conversation.etag", equalTo(c[2]))
                .body("data.conversation.participants.purpose", equalTo(List.of("customer", "acd", "agent")))
                .body("data.conversation.participants.state", equalTo(List.of("CONNECTED", "DISCONNECTED", "CONNECTED")))
                .body("data.conversation.participants[2].communications[0].mediaType", equalTo("call"));
        GraphQL.query(CONVERSATION, Map.of("id", "00000000-0000-0000-0000-000000000000"))
                .body("errors", nullValue()).body("data.conversation", nullValue());
    }

    @Test
    void holdResumeMuteAndUnmuteAreConfirmed() {
        String[] c = conversation("connected");
        GraphQL.query(TRANSITION, input(c, "HOLD", "ifMatch", c[2]))
                .body("errors", nullValue())
                .body("data.transitionConversation.accepted", equalTo(true))
                .body("data.transitionConversation.confirmed", equalTo(true))
                .body("data.transitionConversation.stateBefore", equalTo("CONNECTED"))
                .body("data.transitionConversation.state", equalTo("HELD"))
                .body("data.transitionConversation.etagBefore", equalTo(c[2]));
        assertThat(patches()).isEqualTo(1);
        GraphQL.query(TRANSITION, input(c, "RESUME")).body("data.transitionConversation.state", equalTo("CONNECTED"));
        GraphQL.query(TRANSITION, input(c, "MUTE"))
                .body("data.transitionConversation.conversation.participants[2].communications[0].muted", equalTo(true));
        GraphQL.query(TRANSITION, input(c, "UNMUTE"))
                .body("data.transitionConversation.confirmed", equalTo(true))
                .body("data.transitionConversation.conversation.participants[2].communications[0].muted", equalTo(false));
    }

    @Test
    void disconnectThenWrapUp() {
        String[] c = conversation("connected");
        GraphQL.query(TRANSITION, input(c, "DISCONNECT"))
                .body("data.transitionConversation.state", equalTo("AFTER_CALL_WORK"))
                .body("data.transitionConversation.confirmed", equalTo(true));
        String code = directory.getString("wrapUpCodes[3]");
        GraphQL.query(TRANSITION, input(c, "WRAP_UP", "wrapUpCode", code, "notes", "Escalated to tier 2"))
                .body("errors", nullValue())
                .body("data.transitionConversation.stateBefore", equalTo("AFTER_CALL_WORK"))
                .body("data.transitionConversation.state", equalTo("DISCONNECTED"))
                .body("data.transitionConversation.conversation.participants[2].wrapUpCode", equalTo(code));
        assertThat(Simulator.callsMatching("POST", ".*/communications/[^/]+/wrapup"))
                .isEqualTo(1);
    }

    @Test
    void transfersToAQueueAndToAnAgent() {
        String[] c = conversation("connected");
        String queue = directory.getString("queueIds[2]");
        GraphQL.query(TRANSITION, input(c, "TRANSFER_TO_QUEUE", "targetQueueId", queue))
                .body("errors", nullValue())
                .body("data.transitionConversation.confirmed", equalTo(true))
                .body("data.transitionConversation.state", equalTo("AFTER_CALL_WORK"))
                .body("data.transitionConversation.conversation.participants.queueId", hasItem(queue));
        assertThat(Simulator.callsMatching("POST", ".*/replace/queue")).isEqualTo(1);

        String[] d = conversation("connected");
        String user = directory.getString("userIds[5]");
        GraphQL.query(TRANSITION, input(d, "TRANSFER_TO_AGENT", "targetUserId", user))
                .body("errors", nullValue())
                .body("data.transitionConversation.confirmed", equalTo(true))
                .body("data.transitionConversation.conversation.participants[3].userId", equalTo(user))
                .body("data.transitionConversation.conversation.participants[3].state", equalTo("ALERTING"));
        assertThat(Simulator.callsMatching("POST", ".*/replace/agent")).isEqualTo(1);
    }

    @Test
    void theStateMatrixRefusesBeforeAnyCommand() {
        String[] c = conversation("alerting");
        long before = commands();
        GraphQL.query(TRANSITION, input(c, "HOLD"))
                .body("errors[0].extensions.code", equalTo("VALIDATION_FAILED"))
                .body("errors[0].extensions.fieldErrors[0].path", equalTo("input.action"))
                .body("errors[0].extensions.fieldErrors[0].message", containsString("is ALERTING; HOLD is not allowed"))
                .body("errors[0].extensions.fieldErrors[0].message", containsString("allowed: DISCONNECT"));
        String code = directory.getString("wrapUpCodes[0]");
        String[] d = conversation("connected");
        GraphQL.query(TRANSITION, input(d, "WRAP_UP", "wrapUpCode", code))
                .body("errors[0].extensions.fieldErrors[0].message", containsString("is CONNECTED; WRAP_UP is not allowed"));
        assertThat(commands()).isEqualTo(before);
    }

    @Test
    void withTheEtagOfASeenVersionTheMatrixRefusesWithoutAnyUpstreamCall() {
        String[] c = conversation("alerting"); // read through the gateway: this version is known
        long before = conversationCalls();
        GraphQL.query(TRANSITION, input(c, "MUTE", "ifMatch", c[2]))
                .body("errors[0].extensions.code", equalTo("VALIDATION_FAILED"))
                .body("errors[0].extensions.fieldErrors[0].message", containsString("is ALERTING; MUTE is not allowed"));
        GraphQL.query(TRANSITION, input(new String[] { c[0], "no-such-participant" }, "HOLD", "ifMatch", c[2]))
                .body("errors[0].extensions.fieldErrors[0].path", equalTo("input.participantId"));
        assertThat(conversationCalls()).isEqualTo(before);
        // An allowed action still goes to Genesys, checked again against a fresh read.
        GraphQL.query(TRANSITION, input(c, "DISCONNECT", "ifMatch", c[2])).body("errors", nullValue());
        assertThat(patches()).isEqualTo(1);
    }

    @Test
    void badInputIsRefusedWithoutAnyUpstreamCall() {
        String[] c = conversation("connected");
        long before = conversationCalls();
        GraphQL.query(TRANSITION, input(c, "WRAP_UP"))
                .body("errors[0].extensions.code", equalTo("VALIDATION_FAILED"))
                .body("errors[0].extensions.fieldErrors[0].path", equalTo("input.wrapUpCode"));
        GraphQL.query(TRANSITION, input(c, "HOLD", "targetQueueId", "q", "notes", "x"))
                .body("errors[0].extensions.fieldErrors.path", equalTo(List.of("input.targetQueueId", "input.notes")));
        // metadata: depth 5 is fine, depth 6 is not.
        Map<String, Object> five = Map.of("a", Map.of("b", Map.of("c", Map.of("d", Map.of("e", 1)))));
        Map<String, Object> six = Map.of("a", Map.of("b", Map.of("c", Map.of("d", Map.of("e", Map.of("f", 1))))));
        GraphQL.query(TRANSITION, input(c, "HOLD", "metadata", six))
                .body("errors[0].extensions.code", equalTo("VALIDATION_FAILED"))
                .body("errors[0].extensions.fieldErrors[0].path", equalTo("input.metadata"))
                .body("errors[0].extensions.fieldErrors[0].message", containsString("6 levels deep; at most 5"));
        assertThat(conversationCalls()).isEqualTo(before);
        GraphQL.query(TRANSITION, input(c, "HOLD", "metadata", five)).body("errors", nullValue());
    }

    @Test
    void twoWritersWithTheSameEtagOneWins() {
        String[] c = conversation("connected");
        List<CompletableFuture<JsonPath>> racers = new ArrayList<>();
        for (String action : List.of("HOLD", "MUTE")) {
            racers.add(CompletableFuture.supplyAsync(() -> GraphQL.query(TRANSITION, input(c, action, "ifMatch", c[2]))
                    .extract().jsonPath()));
        }
        List<JsonPath> results = racers.stream().map(CompletableFuture::join).toList();
        List<String> codes = results.stream().map(r -> r.getString("errors[0].extensions.code")).toList();
        assertThat(codes).containsExactlyInAnyOrder(null, "VERSION_CONFLICT");
        JsonPath winner = results.stream().filter(r -> r.get("errors") == null).findFirst().orElseThrow();
        JsonPath loser = results.stream().filter(r -> r.get("errors") != null).findFirst().orElseThrow();
        assertThat(loser.getString("errors[0].extensions.currentEtag"))
                .isEqualTo(winner.getString("data.transitionConversation.etag")).isNotEqualTo(c[2]);
        assertThat(patches()).isEqualTo(1);
    }

    @Test
    void aStaleEtagSendsNothing() {
        String[] c = conversation("connected");
        GraphQL.query(TRANSITION, input(c, "HOLD")).body("errors", nullValue());
        GraphQL.query(TRANSITION, input(c, "RESUME", "ifMatch", c[2]))
                .body("errors[0].extensions.code", equalTo("VERSION_CONFLICT"))
                .body("errors[0].extensions.currentEtag", notNullValue())
                .body("errors[0].message", containsString("nothing was sent"));
        assertThat(patches()).isEqualTo(1);
    }

    @Test
    void genesysRefusalsAndUnknownTargetsAreClearErrors() {
        String[] c = conversation("connected");
        String own = GraphQL.query(CONVERSATION, Map.of("id", c[0])).extract().path("data.conversation.participants[2].userId");
        GraphQL.query(TRANSITION, input(c, "TRANSFER_TO_AGENT", "targetUserId", own))
                .body("errors[0].extensions.code", equalTo("VALIDATION_FAILED"))
                .body("errors[0].message", containsString("already with that user"))
                .body("errors[0].extensions.contextId", notNullValue());
        GraphQL.query(TRANSITION, input(new String[] { "no-such-conversation", "p" }, "HOLD"))
                .body("errors[0].extensions.code", equalTo("NOT_FOUND"));
        GraphQL.query(TRANSITION, input(new String[] { c[0], "no-such-participant" }, "HOLD"))
                .body("errors[0].extensions.fieldErrors[0].path", equalTo("input.participantId"));
        GraphQL.query(TRANSITION, input(c, "DISCONNECT")).body("errors", nullValue());
        GraphQL.query(TRANSITION, input(c, "WRAP_UP", "wrapUpCode", "not-a-code"))
                .body("errors[0].extensions.fieldErrors[0].path", equalTo("input.wrapUpCode"));
        assertThat(Simulator.callsMatching("POST", ".*/communications/[^/]+/wrapup")).isZero();
    }

    @Test
    void aCommandThatHasNotShownYetIsAcceptedButUnconfirmed() {
        Simulator.conversationCommandDelay(4000);
        String[] c = conversation("connected");
        GraphQL.query(TRANSITION, input(c, "HOLD"))
                .body("errors", nullValue())
                .body("data.transitionConversation.accepted", equalTo(true))
                .body("data.transitionConversation.confirmed", equalTo(false))
                .body("data.transitionConversation.state", equalTo("CONNECTED"));
    }

    @Test
    void everyTransitionIsAudited() {
        String[] c = conversation("connected");
        GraphQL.query(TRANSITION, input(c, "HOLD", "metadata", Map.of("ticket", "T-42"))).body("errors", nullValue());
        GraphQL.query(TRANSITION, input(c, "HOLD", "ifMatch", c[2])).body("errors[0].extensions.code", equalTo("VERSION_CONFLICT"));
        JsonPath audit = GraphQL.query("""
                query($target: String) { gatewayAuditLog(filter: { operation: "transitionConversation", target: $target },
                  first: 2) { edges { node { actor target etagBefore etagAfter metadata outcome latencyMs tags } } } }""",
                Map.of("target", "conversations/" + c[0] + "/participants/" + c[1]))
                .body("errors", nullValue()).extract().jsonPath();
        assertThat(audit.getString("data.gatewayAuditLog.edges[0].node.outcome")).isEqualTo("VERSION_CONFLICT");
        assertThat(audit.getString("data.gatewayAuditLog.edges[1].node.outcome")).isEqualTo("SUCCESS");
        assertThat(audit.getString("data.gatewayAuditLog.edges[1].node.etagBefore")).isEqualTo(c[2]);
        assertThat(audit.getString("data.gatewayAuditLog.edges[1].node.etagAfter")).isNotBlank().isNotEqualTo(c[2]);
        assertThat(audit.getString("data.gatewayAuditLog.edges[1].node.metadata")).isEqualTo("{\"ticket\":\"T-42\"}");
        assertThat(audit.getString("data.gatewayAuditLog.edges[1].node.actor")).isEqualTo("apikey:test-admin");
        assertThat(audit.getString("data.gatewayAuditLog.edges[1].node.target")).isEqualTo("conversations/" + c[0]
                + "/participants/" + c[1]);
        assertThat(audit.getList("data.gatewayAuditLog.edges[1].node.tags")).containsExactly("HOLD");
    }

    @Test
    void readersCannotTransition() {
        String[] c = conversation("connected");
        long before = conversationCalls();
        GraphQL.as(TestClients.READER, TRANSITION, input(c, "HOLD")).body("errors[0].extensions.code", equalTo("FORBIDDEN"));
        assertThat(conversationCalls()).isEqualTo(before);
    }
}
