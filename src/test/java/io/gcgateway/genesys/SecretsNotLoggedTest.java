package io.gcgateway.genesys;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import org.awaitility.Awaitility;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.gcgateway.GraphQL;
import io.gcgateway.Simulator;
import io.gcgateway.TestClients;
import io.gcgateway.WebhookReceiver;
import io.gcgateway.simulator.control.FaultRule;
import io.gcgateway.simulator.oauth.TokenStore;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.RestAssured;
import jakarta.inject.Inject;

/**
 * With everything logged at DEBUG, no secret reaches a log line, a GraphQL response or a metric: the Genesys client
 * secret and access tokens, and the gateway callers' API keys and JWTs.
 */
@QuarkusTest
@TestProfile(SecretsNotLoggedTest.DebugLogging.class)
class SecretsNotLoggedTest {

    public static class DebugLogging implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("quarkus.log.level", "DEBUG", "quarkus.log.min-level", "DEBUG",
                    "quarkus.log.category.\"io.gcgateway\".level", "DEBUG");
        }
    }

    @ConfigProperty(name = "simulator.client-id")
    String clientId;
    @ConfigProperty(name = "simulator.client-secret")
    String clientSecret;
    @ConfigProperty(name = "webhooks.secret-key")
    String webhookSecretKey;
    @Inject
    TokenStore tokens;

    private final List<String> lines = Collections.synchronizedList(new ArrayList<>());
    private final Handler capture = new Handler() {
        @Override
        public void publish(LogRecord record) {
            if (record.getLoggerName() != null && record.getLoggerName().startsWith("org.apache.http")) {
                return; // the test's own HTTP client (REST Assured) sending the credentials, not the gateway
            }
            StringBuilder line = new StringBuilder("[" + record.getLoggerName() + "] " + record.getMessage());
            if (record.getParameters() != null) {
                for (Object parameter : record.getParameters()) {
                    line.append(' ').append(parameter);
                }
            }
            if (record.getThrown() != null) {
                StringWriter trace = new StringWriter();
                record.getThrown().printStackTrace(new PrintWriter(trace));
                line.append(' ').append(trace);
            }
            lines.add(line.toString());
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };

    @BeforeEach
    void captureLogs() {
        capture.setLevel(Level.ALL);
        Logger.getLogger("").addHandler(capture);
        Simulator.resetWithCircuitBreakers();
    }

    @AfterEach
    void stopCapturing() {
        Logger.getLogger("").removeHandler(capture);
    }

    @Test
    void noSecretOrTokenInAnyLogLine() {
        GraphQL.query("{ organization { name } }").body("errors", nullValue());
        Simulator.expireTokens();
        Simulator.inject(FaultRule.status("POST", "/oauth/token", 10, 401));
        GraphQL.query("{ organization { name } }").body("errors[0].extensions.code", equalTo("UPSTREAM_AUTH_FAILED"));
        Simulator.reset();
        GraphQL.query("{ organization { name } }").body("errors", nullValue());
        // Gateway callers' credentials: valid and invalid API keys, valid and forged JWTs, on reads and writes.
        String jwt = TestClients.jwt("dana@example.com", List.of("operator"));
        String forged = TestClients.forgedJwt("mallory", List.of("admin"));
        List<String> responses = new ArrayList<>();
        responses.add(GraphQL.as(TestClients.OPERATOR, "mutation { invalidateAnalyticsCache }", Map.of()).extract().asString());
        responses.add(GraphQL.withBearer(jwt, "mutation($id: ID!) { executeDataAction(actionId: $id, input: {a: 1}) { output } }",
                Map.of("id", "custom_-_unknown")).extract().asString());
        responses.add(GraphQL.as(TestClients.READER, "{ gatewayInfo { version region simulator authenticationEnabled } "
                + "dataActions(first: 2) { edges { node { id config } } } recordTables { name } }", Map.of()).extract().asString());
        responses.add(GraphQL.as(TestClients.ADMIN, "{ gatewayAuditLog(first: 20) { edges { node { actor operation } } } }",
                Map.of()).extract().asString());
        RestAssured.given().contentType("application/json").header("Authorization", "Bearer " + forged)
                .body(Map.of("query", "{ organization { name } }")).post("/graphql").then().statusCode(401);
        RestAssured.given().contentType("application/json").header(TestClients.API_KEY_HEADER, "wrong-" + TestClients.ADMIN)
                .body(Map.of("query", "{ organization { name } }")).post("/graphql").then().statusCode(401);

        // Webhook secrets: registered, used to sign a real delivery, listed; never echoed or logged.
        String webhookSecret = "whsec-never-logged-5f3a9c1e7b2d4f60";
        try (WebhookReceiver receiver = new WebhookReceiver()) {
            String webhookId = GraphQL.query("mutation($in: RegisterWebhookInput!) { registerWebhook(input: $in) { id } }",
                    Map.of("in", Map.of("name", "secrets-test", "url", receiver.url("/hook"),
                            "events", List.of("conversation.transitioned"), "secret", webhookSecret))).extract().path("data.registerWebhook.id");
            var conversation = Simulator.createConversation(null, null, "connected");
            responses.add(GraphQL.query("mutation($in: TransitionInput!) { transitionConversation(input: $in) { confirmed } }",
                    Map.of("in", Map.of("conversationId", conversation.getString("id"), "participantId",
                            conversation.getString("participants[2].id"), "action", "MUTE"))).extract().asString());
            Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> !receiver.accepted().isEmpty());
            assertThat(receiver.accepted().get(0).body()).doesNotContain(webhookSecret);
            responses.add(GraphQL.query("{ webhooks { id name url events } }").extract().asString());
            responses.add(GraphQL.query("query($id: ID!) { webhookDeliveries(webhookId: $id) { edges { node { status payload "
                    + "lastError } } } }", Map.of("id", webhookId)).extract().asString());
            GraphQL.query("mutation($id: ID!) { deleteWebhook(id: $id) }", Map.of("id", webhookId));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }

        assertThat(lines).as("log lines captured").isNotEmpty();
        List<String> secrets = new ArrayList<>(tokens.issued());
        assertThat(secrets).as("tokens issued during the test").isNotEmpty();
        secrets.add(clientSecret);
        secrets.add(Base64.getEncoder().encodeToString((clientId + ":" + clientSecret).getBytes(StandardCharsets.UTF_8)));
        secrets.addAll(List.of(TestClients.READER, TestClients.OPERATOR, TestClients.ADMIN, jwt, forged, webhookSecret,
                webhookSecretKey));
        // A JWT's signature alone is secret material too.
        secrets.add(jwt.substring(jwt.lastIndexOf('.') + 1));
        // Nor in any GraphQL response or metric.
        responses.add(RestAssured.given().get("/q/metrics").then().extract().asString());
        for (String response : responses) {
            for (String secret : secrets) {
                assertThat(response).doesNotContain(secret);
            }
        }
        synchronized (lines) {
            for (String line : lines) {
                for (String secret : secrets) {
                    assertThat(line).doesNotContain(secret);
                }
            }
        }
    }
}
