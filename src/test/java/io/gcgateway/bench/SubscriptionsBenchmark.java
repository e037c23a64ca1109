package io.gcgateway.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.gcgateway.GraphQLWsClient;
import io.gcgateway.PackagedApp;
import io.gcgateway.RedisTestResource;
import io.gcgateway.TestClients;
import io.gcgateway.cache.EmbeddedRedisServer;

/**
 * Subscriptions benchmark (not a test): the packaged simulator (with simulated callers, one a second) and two packaged
 * gateways sharing one Redis; 100 graphql-ws clients, half on each gateway, subscribe to the observations of the same
 * six queues. After the window: how many notification channels hold each queue's topic at the simulator, how many
 * observation queries reached it, and how many events the clients got. Writes target/bench-subscriptions.md.
 */
public final class SubscriptionsBenchmark {
    private static final int CLIENTS = 100;
    private static final String OBSERVATIONS = "POST /api/v2/analytics/queues/observations/query";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    public static void main(String[] args) throws Exception {
        int seconds = args.length > 0 ? Integer.parseInt(args[0]) : 30;
        int redisPort = RedisTestResource.freePort();
        int simulatorPort = RedisTestResource.freePort();
        String redis = "redis://127.0.0.1:" + redisPort;
        List<Process> processes = new ArrayList<>();
        try (EmbeddedRedisServer ignored = EmbeddedRedisServer.start(redisPort)) {
            processes.add(PackagedApp.start("subscriptions-simulator", List.of("-Dquarkus.http.port=" + simulatorPort,
                    "-Dsimulator.enabled=true", "-Dsimulator.rate-limit-per-minute=300", "-Dsimulator.live-traffic=1s",
                    "-Dquarkus.redis.hosts=" + redis, "-Dwebhooks.deliver=false")));
            List<Integer> gateways = List.of(RedisTestResource.freePort(), RedisTestResource.freePort());
            for (int port : gateways) {
                processes.add(PackagedApp.gateway("subscriptions-gateway-" + port, port, simulatorPort, redis));
            }
            PackagedApp.awaitReady(simulatorPort);
            for (int port : gateways) {
                PackagedApp.awaitReady(port);
            }
            List<String> queueIds = new ArrayList<>();
            PackagedApp.control(simulatorPort, "GET", "/conversations/directory", null).path("queueIds")
                    .forEach(id -> queueIds.add(id.asText()));
            long queriesBefore = PackagedApp.control(simulatorPort, "GET", "/journal", null).path(OBSERVATIONS).asLong();
            Instant start = Instant.now();
            List<GraphQLWsClient> clients = new ArrayList<>();
            try {
                for (int i = 0; i < CLIENTS; i++) {
                    GraphQLWsClient client = new GraphQLWsClient(URI.create("http://127.0.0.1:" + gateways.get(i % 2)
                            + "/graphql"), TestClients.ADMIN);
                    client.subscribe("q", "subscription($q: [String!]!) { queueObservations(queueIds: $q) { queueId "
                            + "waiting alerting interacting } }", Map.of("q", queueIds));
                    clients.add(client);
                }
                Thread.sleep(Duration.ofSeconds(seconds).toMillis()); // the window under load; nothing waited for
                long queries = PackagedApp.control(simulatorPort, "GET", "/journal", null).path(OBSERVATIONS).asLong()
                        - queriesBefore;
                Map<String, Integer> channelsPerTopic = channelsPerTopic(simulatorPort, queueIds);
                AtomicInteger events = new AtomicInteger();
                int quiet = 0;
                for (GraphQLWsClient client : clients) {
                    AtomicInteger mine = new AtomicInteger();
                    client.next(m -> {
                        if ("next".equals(m.path("type").asText())) {
                            mine.incrementAndGet();
                        }
                        return false;
                    }, Duration.ofMillis(20));
                    events.addAndGet(mine.get());
                    quiet += mine.get() < queueIds.size() ? 1 : 0;
                }
                report(seconds, queueIds.size(), queries, channelsPerTopic, events.get(), quiet,
                        Duration.between(start, Instant.now()));
            } finally {
                clients.forEach(GraphQLWsClient::close);
            }
        } finally {
            processes.forEach(Process::destroy);
            for (Process process : processes) {
                process.waitFor();
            }
        }
        System.exit(0);
    }

    /** Queue id (short) → how many of the simulator's notification channels hold its observations topic. */
    private static Map<String, Integer> channelsPerTopic(int simulatorPort, List<String> queueIds) throws Exception {
        String api = "http://127.0.0.1:" + simulatorPort + "/simulator/api/v2/notifications/channels";
        String token = token(simulatorPort);
        Map<String, Integer> counts = new TreeMap<>();
        queueIds.forEach(id -> counts.put(id.substring(0, 8), 0));
        for (JsonNode channel : get(api, token).path("entities")) {
            for (JsonNode topic : get(api + "/" + channel.path("id").asText() + "/subscriptions", token).path("entities")) {
                String name = topic.path("id").asText();
                queueIds.stream().filter(id -> name.equals("v2.analytics.queues." + id + ".observations"))
                        .forEach(id -> counts.merge(id.substring(0, 8), 1, Integer::sum));
            }
        }
        return counts;
    }

    private static JsonNode get(String url, String token) throws Exception {
        return JSON.readTree(HTTP.send(HttpRequest.newBuilder(URI.create(url)).header("Authorization", "Bearer " + token)
                .build(), HttpResponse.BodyHandlers.ofString()).body());
    }

    private static String token(int simulatorPort) throws Exception {
        String basic = Base64.getEncoder().encodeToString("gateway-dev:gateway-dev-secret".getBytes(StandardCharsets.UTF_8));
        return JSON.readTree(HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + simulatorPort
                + "/simulator/oauth/token")).header("Authorization", "Basic " + basic)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials")).build(),
                HttpResponse.BodyHandlers.ofString()).body()).path("access_token").asText();
    }

    private static void report(int seconds, int queues, long queries, Map<String, Integer> channelsPerTopic, int events,
            int quiet, Duration elapsed) throws Exception {
        String md = String.format(Locale.ROOT, """
                Subscriptions benchmark, %s, %d cores: %d graphql-ws clients (half on each of 2 gateways) watching the \
                same %d queues for %d s, simulated callers every second

                - notification channels holding each queue's observations topic: %s (target: 1 each)
                - observation queries that reached Genesys in the window: %d (seeding, and re-reads for the longest wait)
                - events the clients received: %d (%.1f per client); clients without the %d first observations: %d
                - elapsed: %d s
                """, Instant.now().truncatedTo(ChronoUnit.SECONDS), Runtime.getRuntime().availableProcessors(), CLIENTS,
                queues, seconds, channelsPerTopic, queries, events, events / (double) CLIENTS, queues, quiet,
                elapsed.toSeconds());
        Files.writeString(Path.of("target", "bench-subscriptions.md"), md);
        System.out.println(md);
    }
}
