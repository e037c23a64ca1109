package io.gcgateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.gcgateway.cache.EmbeddedRedisServer;

/**
 * The packaged application in the production profile, as separate processes: two gateways sharing one Redis and one
 * Genesys (a third process running the simulator). Ten racing writers of the same record version, spread across
 * both gateways: exactly one wins; likewise six transitions of one conversation with the same etag.
 * Production defaults: authentication on (and required to start), GraphiQL and
 * introspection off. Runs in {@code verify} after packaging (failsafe).
 */
class PackagedGatewayIT {
    private static final String APP = PackagedApp.APP;
    private static final ObjectMapper JSON = PackagedApp.JSON;
    private static final HttpClient HTTP = PackagedApp.HTTP;
    private static final List<Process> processes = new ArrayList<>();
    private static EmbeddedRedisServer redis;
    private static int simulatorPort;
    private static int[] gatewayPorts;

    @BeforeAll
    static void startThreeProcesses() throws Exception {
        String redisUrl = System.getenv("REDIS_URL");
        if (redisUrl == null || redisUrl.isBlank()) {
            redis = EmbeddedRedisServer.start(RedisTestResource.freePort());
            redisUrl = "redis://127.0.0.1:" + redis.port();
        }
        simulatorPort = RedisTestResource.freePort();
        processes.add(PackagedApp.simulator(simulatorPort, redisUrl));
        gatewayPorts = new int[] { RedisTestResource.freePort(), RedisTestResource.freePort() };
        for (int i = 0; i < 2; i++) {
            processes.add(PackagedApp.gateway("gateway-" + i, gatewayPorts[i], simulatorPort, redisUrl));
        }
        awaitReady(simulatorPort);
        for (int port : gatewayPorts) {
            awaitReady(port);
        }
    }

    @AfterAll
    static void stopAll() {
        processes.forEach(Process::destroy);
        if (redis != null) {
            redis.close();
        }
    }

    @Test
    void racingWritersOnTwoInstancesCannotBothWin() throws Exception {
        String tables = graphql(gatewayPorts[0], "{ recordTables { id name } }", Map.of()).toString();
        String inventory = null;
        for (JsonNode table : JSON.readTree(tables).at("/data/recordTables")) {
            if ("InventoryItem".equals(table.path("name").asText())) {
                inventory = table.path("id").asText();
            }
        }
        assertThat(inventory).isNotNull();
        String key = "AB-1056";
        JsonNode before = graphql(gatewayPorts[1], "query($t: ID!, $k: ID!) { record(tableId: $t, key: $k) { version } }",
                Map.of("t", inventory, "k", key));
        assertThat(before.at("/data/record/version").isInt()).as("seeded record %s: %s", key, before).isTrue();
        int version = before.at("/data/record/version").asInt();

        String table = inventory;
        String update = "mutation($in: UpdateRecordInput!) { updateRecord(input: $in) { version fields } }";
        List<CompletableFuture<JsonNode>> writers = IntStream.range(0, 10)
                .mapToObj(i -> CompletableFuture.supplyAsync(() -> graphql(gatewayPorts[i % 2], update, Map.of("in", Map.of(
                        "tableId", table, "key", key, "expectedVersion", version,
                        "fields", Map.of("quantity", 100 + i, "price", 10, "status", "available", "warehouseLocation", "DUB-A1"))))))
                .toList();
        List<JsonNode> results = writers.stream().map(CompletableFuture::join).toList();

        List<JsonNode> winners = results.stream().filter(r -> !r.has("errors")).toList();
        assertThat(winners).as("outcomes: %s", results).hasSize(1);
        assertThat(results.stream().filter(r -> r.has("errors")).map(r -> r.at("/errors/0/extensions/code").asText()))
                .hasSize(9).containsOnly("VERSION_CONFLICT");
        int winnerQuantity = winners.get(0).at("/data/updateRecord/fields/quantity").asInt();
        JsonNode after = graphql(gatewayPorts[0], "query($t: ID!, $k: ID!) { record(tableId: $t, key: $k) { version fields } }",
                Map.of("t", inventory, "k", key));
        assertThat(after.at("/data/record/version").asInt()).isEqualTo(version + 1);
        assertThat(after.at("/data/record/fields/quantity").asInt()).isEqualTo(winnerQuantity);

        JsonNode journal = JSON.readTree(HTTP.send(HttpRequest.newBuilder(URI.create(
                "http://127.0.0.1:" + simulatorPort + "/simulator/_control/journal")).build(),
                HttpResponse.BodyHandlers.ofString()).body());
        assertThat(journal.path("PUT /api/v2/flows/datatables/" + inventory + "/rows/" + key).asInt()).isEqualTo(1);
    }

    @Test
    void transitionsOfOneConversationAreSerializedAcrossInstances() throws Exception {
        JsonNode conversation = PackagedApp.control(simulatorPort, "POST", "/conversations", Map.of());
        String id = conversation.path("id").asText();
        String agent = conversation.at("/participants/2/id").asText();
        String etag = graphql(gatewayPorts[0], "query($id: ID!) { conversation(id: $id) { etag } }", Map.of("id", id))
                .at("/data/conversation/etag").asText();
        assertThat(etag).isNotBlank();
        String transition = "mutation($in: TransitionInput!) { transitionConversation(input: $in) { confirmed etag } }";
        List<CompletableFuture<JsonNode>> racers = IntStream.range(0, 6)
                .mapToObj(i -> CompletableFuture.supplyAsync(() -> graphql(gatewayPorts[i % 2], transition, Map.of("in", Map.of(
                        "conversationId", id, "participantId", agent, "action", i % 3 == 0 ? "HOLD" : "MUTE", "ifMatch", etag)))))
                .toList();
        List<JsonNode> results = racers.stream().map(CompletableFuture::join).toList();
        assertThat(results.stream().filter(r -> !r.has("errors")).toList()).as("outcomes: %s", results).hasSize(1);
        assertThat(results.stream().filter(r -> r.has("errors")).map(r -> r.at("/errors/0/extensions/code").asText()))
                .hasSize(5).containsOnly("VERSION_CONFLICT");
    }

    @Test
    void productionDefaultsAreClosed() throws Exception {
        JsonNode anonymous = graphqlAs(gatewayPorts[0], null, "{ organization { name } }", Map.of());
        assertThat(anonymous.at("/errors/0/extensions/code").asText()).isEqualTo("UNAUTHENTICATED");
        JsonNode introspection = graphql(gatewayPorts[0], "{ __schema { queryType { name } } }", Map.of());
        assertThat(introspection.path("errors").isArray()).as("introspection answers %s", introspection).isTrue();
        assertThat(HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + gatewayPorts[0] + "/q/graphql-ui/")).build(),
                HttpResponse.BodyHandlers.discarding()).statusCode()).isEqualTo(404);
    }

    @Test
    void productionLogsAreJsonWithTheTraceIdAndTheCaller() throws Exception {
        // A Genesys failure is logged (WARN) while the request runs, so its line carries the request's MDC.
        PackagedApp.control(simulatorPort, "POST", "/faults", Map.of("method", "GET",
                "pathPattern", "/api/v2/organizations/me", "times", 4, "status", 500)); // past its retries
        // As GraphQL clients send it: with its operationName, which the log lines name.
        String body = new ObjectMapper().writeValueAsString(Map.of("query", "query LoggedOrg { organization { name } }",
                "operationName", "LoggedOrg"));
        JsonNode failed = new ObjectMapper().readTree(HTTP.send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + gatewayPorts[1] + "/graphql")).header("Content-Type", "application/json")
                .header(TestClients.API_KEY_HEADER, TestClients.ADMIN).POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString()).body());
        String traceId = failed.at("/errors/0/extensions/traceId").asText();
        assertThat(traceId).as("error %s", failed).matches("[0-9a-f]{32}");
        ObjectMapper json = new ObjectMapper();
        Path log = Path.of("target", "it-gateway-1.log");
        List<JsonNode> lines = new ArrayList<>();
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            lines.clear();
            for (String line : Files.readAllLines(log)) {
                if (line.startsWith("{")) {
                    lines.add(json.readTree(line));
                }
            }
            assertThat(lines).anySatisfy(line -> assertThat(line.path("mdc").path("traceId").asText()).isEqualTo(traceId));
        });
        JsonNode logged = lines.stream().filter(line -> traceId.equals(line.path("mdc").path("traceId").asText()))
                .findFirst().orElseThrow();
        assertThat(logged.path("level").asText()).isNotBlank();
        assertThat(logged.path("mdc").path("caller").asText()).isEqualTo("apikey:it");
        assertThat(logged.path("mdc").path("operation").asText()).isEqualTo("LoggedOrg");
    }

    @Test
    void productionRefusesToStartWithoutClientCredentials() throws Exception {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m", "-Dquarkus.http.port=" + RedisTestResource.freePort(), "-Dsimulator.enabled=true", "-jar", APP));
        Path log = Path.of("target", "it-no-credentials.log");
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("the process exits").isTrue();
        assertThat(process.exitValue()).isNotZero();
        assertThat(Files.readString(log)).contains("No client credentials configured");
    }

    private static JsonNode graphql(int port, String query, Map<String, Object> variables) {
        return PackagedApp.graphql(port, query, variables);
    }

    private static JsonNode graphqlAs(int port, String apiKey, String query, Map<String, Object> variables) {
        return PackagedApp.graphqlAs(port, apiKey, query, variables);
    }

    private static void awaitReady(int port) throws Exception {
        PackagedApp.awaitReady(port);
    }
}
