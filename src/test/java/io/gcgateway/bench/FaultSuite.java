package io.gcgateway.bench;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.gcgateway.PackagedApp;
import io.gcgateway.RedisTestResource;
import io.gcgateway.TestClients;
import io.gcgateway.WebhookReceiver;
import io.gcgateway.cache.EmbeddedRedisServer;

/**
 * The fault suite (not a test): the packaged simulator at Genesys's default 300 requests/min, two packaged gateways,
 * a state Redis with the manifest's flags (AOF every second, no eviction) and a cache Redis (evicting, no
 * persistence), a webhook receiver, and 16 clients sending mixed queries and transitions, all on 127.0.0.1. Each phase
 * injects one fault; the suite prints one table (and writes target/bench-faults.md): requests, 5xx, malformed answers,
 * errors without a code, stack traces, upstream calls and 429s per phase, then events lost and webhook registrations
 * surviving a state Redis kill. The unit and integration tests assert the behaviour; this shows it under load.
 */
public final class FaultSuite {
    private static final int CLIENTS = 16;
    private static final int REGISTRATIONS = 20;
    private static final String DETAILS = "/api/v2/analytics/conversations/details/query";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Duration phase;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(2)).executor(Executors.newFixedThreadPool(CLIENTS)).build();
    private final List<Process> processes = new CopyOnWriteArrayList<>();
    private final List<Row> rows = new ArrayList<>();
    private final List<String> notes = new ArrayList<>();
    /** The gateways the clients send to (a killed one is taken out). */
    private final List<Integer> targets = new CopyOnWriteArrayList<>();
    private final Map<Integer, Process> gateways = new LinkedHashMap<>();
    /** Per gateway: upstream 429s counted before it was killed (its metrics die with it). */
    private final Map<Integer, Double> lastKnown429 = new ConcurrentHashMap<>();
    private final AtomicLong acceptedTransitions = new AtomicLong();
    private final AtomicBoolean paused = new AtomicBoolean();
    private Stats stats = new Stats();
    private int simulatorPort;
    private String inventoryTable;

    private FaultSuite(Duration phase) {
        this.phase = phase;
    }

    public static void main(String[] args) throws Exception {
        Duration phase = Duration.ofSeconds(args.length > 0 ? Integer.parseInt(args[0]) : 20);
        int exit = new FaultSuite(phase).run();
        // The HTTP client's threads would keep the JVM alive.
        System.exit(exit);
    }

    /** What the clients saw in one phase. */
    private static final class Stats {
        final LongAdder requests = new LongAdder();
        final LongAdder ok = new LongAdder();
        final LongAdder serverErrors = new LongAdder();
        final LongAdder malformed = new LongAdder();
        final LongAdder withoutCode = new LongAdder();
        final LongAdder stackTraces = new LongAdder();
        final LongAdder connectionFailures = new LongAdder();
        final Map<String, LongAdder> codes = new ConcurrentHashMap<>();
    }

    private record Row(String phase, Stats stats, long upstreamCalls, double upstream429, double seconds) {
        String markdown() {
            Map<String, Long> codes = new TreeMap<>();
            stats.codes.forEach((code, count) -> codes.put(code, count.sum()));
            return String.format(Locale.ROOT, "| %s | %d | %d | %d | %d | %d | %d | %d | %d | %.1f | %.0f | %s |", phase,
                    stats.requests.sum(), stats.ok.sum(), stats.serverErrors.sum(), stats.malformed.sum(),
                    stats.withoutCode.sum(), stats.stackTraces.sum(), stats.connectionFailures.sum(), upstreamCalls,
                    upstreamCalls / seconds, upstream429, codes);
        }
    }

    private int run() throws Exception {
        Path work = Files.createDirectories(Path.of("target", "faults"));
        RedisProcess state = new RedisProcess(RedisTestResource.freePort(), Files.createTempDirectory(work, "state-"),
                List.of("--appendonly", "yes", "--appendfsync", "everysec", "--maxmemory-policy", "noeviction"));
        RedisProcess cache = new RedisProcess(RedisTestResource.freePort(), Files.createTempDirectory(work, "cache-"),
                List.of("--save", "", "--appendonly", "no", "--maxmemory", "256mb", "--maxmemory-policy", "allkeys-lru"));
        simulatorPort = RedisTestResource.freePort();
        try (WebhookReceiver receiver = new WebhookReceiver()) {
            state.start();
            cache.start();
            processes.add(PackagedApp.start("faults-simulator", List.of("-Dquarkus.http.port=" + simulatorPort,
                    "-Dsimulator.enabled=true", "-Dsimulator.rate-limit-per-minute=300", "-Dquarkus.redis.hosts=" + cache.url(),
                    "-Dwebhooks.deliver=false")));
            PackagedApp.awaitReady(simulatorPort);
            for (String name : List.of("faults-gateway-a", "faults-gateway-b")) {
                int port = RedisTestResource.freePort();
                Process gateway = PackagedApp.gateway(name, port, simulatorPort, cache.url(),
                        "-Dquarkus.redis.state.hosts=" + state.url(), "-Dquarkus.redis.cache.hosts=" + cache.url(),
                        "-Dwebhooks.allowed-private-networks=127.0.0.0/8", "-Dwebhooks.retry.initial-delay=200ms",
                        "-Dwebhooks.retry.max-delay=2s", "-Dwebhooks.max-attempts=50", "-Dwebhooks.timeout=2s",
                        "-Dwebhooks.claim-idle=3s");
                processes.add(gateway);
                gateways.put(port, gateway);
                targets.add(port);
            }
            for (int port : targets) {
                PackagedApp.awaitReady(port);
            }
            int first = targets.get(0);
            inventoryTable = PackagedApp.graphql(first, "{ recordTables { id name } }", Map.of())
                    .at("/data/recordTables").findParents("name").stream()
                    .filter(table -> table.path("name").asText().equals("InventoryItem"))
                    .map(table -> table.path("id").asText()).findFirst().orElseThrow();
            Set<String> registered = register(first, receiver);
            List<String[]> conversations = new ArrayList<>();
            for (int i = 0; i <= CLIENTS; i++) { // one per client and one for the suite itself
                JsonNode conversation = PackagedApp.control(simulatorPort, "POST", "/conversations", Map.of());
                conversations.add(new String[] { conversation.path("id").asText(),
                        conversation.at("/participants/2/id").asText() });
            }

            AtomicBoolean running = new AtomicBoolean(true);
            Thread sampler = new Thread(() -> sampleBudget(running, work.resolve("budget.log")), "budget-sampler");
            sampler.setDaemon(true);
            sampler.start();
            ExecutorService clients = Executors.newFixedThreadPool(CLIENTS);
            for (int i = 0; i < CLIENTS; i++) {
                String[] conversation = conversations.get(i);
                clients.submit(() -> client(running, conversation));
            }

            phase("baseline (300/min budget, 16 clients)", () -> {
            });
            phase("429 storm (Genesys answers 429, Retry-After 5 s)", () -> fault(Map.of("method", "POST",
                    "pathPattern", DETAILS, "times", 200, "status", 429, "retryAfterSeconds", 5)));
            phase("Genesys 503s", () -> fault(Map.of("method", "POST", "pathPattern", DETAILS, "times", 40, "status", 503)));
            phase("token expiry (all tokens revoked twice)", () -> {
                PackagedApp.control(simulatorPort, "POST", "/tokens/expire", null);
                sleep(phase.dividedBy(2));
                PackagedApp.control(simulatorPort, "POST", "/tokens/expire", null);
            });
            phase("cache Redis stopped, then started empty", () -> {
                cache.stop();
                sleep(phase.dividedBy(2));
                cache.start();
            });
            phase("state Redis killed (-9), then restarted", () -> {
                sleep(Duration.ofSeconds(2)); // past the AOF's one-second fsync of everything acknowledged so far
                state.kill();
                sleep(phase.dividedBy(2));
                state.start();
            });
            int survivor = targets.get(1);
            int surviving = countRegistrations(survivor, registered);
            notes.add("Webhook registrations surviving the state Redis kill -9 and restart: " + surviving + " of "
                    + registered.size());
            phase("gateway A killed (-9) mid-delivery", () -> {
                receiver.hang(true);
                String[] own = conversations.get(CLIENTS);
                boolean[] held = { false };
                // The clients pause for a moment: their load holds the budget, and the suite needs a few transitions
                // of its own through to have deliveries in flight when the gateway dies.
                paused.set(true);
                try {
                    Awaitility.await().atMost(phase).pollInterval(Duration.ofMillis(300)).until(() -> {
                        if (transition(first, own, held[0])) {
                            held[0] = !held[0];
                        }
                        return receiver.hung().size() >= 3;
                    });
                } catch (ConditionTimeoutException none) {
                    notes.add("No delivery was in flight when gateway A was killed.");
                }
                remember429(first);
                targets.remove(Integer.valueOf(first));
                gateways.get(first).destroyForcibly().waitFor(10, TimeUnit.SECONDS);
                notes.add("Deliveries in flight when gateway A was killed: " + receiver.hung().size());
                paused.set(false);
                receiver.hang(false);
            });
            running.set(false);
            clients.shutdown();
            clients.awaitTermination(60, TimeUnit.SECONDS);

            documentCost(survivor);

            long accepted = acceptedTransitions.get();
            Set<String> delivered = new HashSet<>();
            try {
                Awaitility.await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(500)).until(() -> {
                    delivered.addAll(deliveredEvents(receiver));
                    return delivered.size() >= accepted;
                });
            } catch (ConditionTimeoutException late) {
                // Reported below as lost.
            }
            long lost = Math.max(0, accepted - delivered.size());
            notes.add("Transitions accepted (each one webhook event): " + accepted + "; events delivered: "
                    + delivered.size() + "; events lost: " + lost);
            notes.add("Events the outbox could not queue (gateway_webhooks_events_dropped_total, surviving gateway): "
                    + metric(survivor, "gateway_webhooks_events_dropped_total"));
            return report(lost, surviving, registered.size());
        } finally {
            processes.forEach(Process::destroyForcibly);
            state.kill();
            cache.kill();
        }
    }

    /** Once a second: each gateway's view of the Genesys budget and the simulator's call count (for a reader). */
    private void sampleBudget(AtomicBoolean running, Path log) {
        while (running.get()) {
            StringBuilder line = new StringBuilder(Instant.now().toString()).append(" calls=").append(upstreamCalls());
            for (int port : targets) {
                line.append(' ').append(port).append('=').append(PackagedApp.graphql(port,
                        "{ gatewayInfo { genesysBudget { allowed used left resetsAt closedUntil } } }", Map.of())
                        .at("/data/gatewayInfo/genesysBudget"));
            }
            try {
                Files.writeString(log, line.append('\n'), java.nio.file.StandardOpenOption.CREATE,
                        java.nio.file.StandardOpenOption.APPEND);
            } catch (IOException e) {
                return;
            }
            sleep(Duration.ofSeconds(1));
        }
    }

    /** One webhook that receives the transitions' events and 19 that only need to survive. */
    private Set<String> register(int port, WebhookReceiver receiver) {
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < REGISTRATIONS; i++) {
            List<String> events = i == 0 ? List.of("conversation.transitioned") : List.of("dataAction.executed");
            JsonNode registered = PackagedApp.graphql(port, """
                    mutation($in: RegisterWebhookInput!) { registerWebhook(input: $in) { id } }""", Map.of("in", Map.of(
                    "name", "faults-" + i, "url", receiver.url(i == 0 ? "/events" : "/idle"), "events", events,
                    "secret", "whsec-fault-suite-0123456789")));
            String id = registered.at("/data/registerWebhook/id").asText();
            if (id.isEmpty()) {
                throw new IllegalStateException("Could not register a webhook: " + registered);
            }
            ids.add(id);
        }
        return ids;
    }

    /** Registrations listed once the state Redis answers again (its breaker reopens within seconds). */
    private int countRegistrations(int port, Set<String> registered) {
        JsonNode[] webhooks = new JsonNode[1];
        try {
            Awaitility.await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500)).until(() -> {
                webhooks[0] = PackagedApp.graphql(port, "{ webhooks { id } }", Map.of());
                return !webhooks[0].has("errors");
            });
        } catch (ConditionTimeoutException stillFailing) {
            notes.add("Listing webhooks 30 s after the restart still answered: " + webhooks[0].get("errors"));
        }
        int found = 0;
        for (JsonNode webhook : webhooks[0].at("/data/webhooks")) {
            found += registered.contains(webhook.path("id").asText()) ? 1 : 0;
        }
        return found;
    }

    private static Set<String> deliveredEvents(WebhookReceiver receiver) {
        Set<String> ids = new HashSet<>();
        for (WebhookReceiver.Received request : receiver.accepted()) {
            if (request.body().contains("\"conversation.transitioned\"")) {
                ids.add(request.header("X-Gateway-Event-Id"));
            }
        }
        return ids;
    }

    /** Runs one phase: the fault (which may take part of the phase), then the rest of it under load. */
    private void phase(String name, Fault fault) throws Exception {
        stats = new Stats();
        long calls = upstreamCalls();
        double limited = upstream429();
        long started = System.nanoTime();
        fault.run();
        long left = phase.toNanos() - (System.nanoTime() - started);
        if (left > 0) {
            sleep(Duration.ofNanos(left));
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        Row row = new Row(name, stats, upstreamCalls() - calls, upstream429() - limited, seconds);
        rows.add(row);
        System.out.println(row.markdown());
        PackagedApp.control(simulatorPort, "DELETE", "/faults", null);
    }

    /** What a phase does to the system; it may take part of the phase. */
    @FunctionalInterface
    private interface Fault {
        void run() throws Exception;
    }

    private void fault(Map<String, Object> rule) {
        PackagedApp.control(simulatorPort, "POST", "/faults", rule);
    }

    /** One client: a mix of uncached and cached analytics, a record read, state reads, and transitions. */
    private void client(AtomicBoolean running, String[] conversation) {
        Instant today = Instant.now().truncatedTo(ChronoUnit.DAYS);
        boolean held = false;
        while (running.get()) {
            if (paused.get()) {
                sleep(Duration.ofMillis(50));
                continue;
            }
            ThreadLocalRandom random = ThreadLocalRandom.current();
            int pick = random.nextInt(100);
            List<Integer> ports = targets;
            int port = ports.get(random.nextInt(ports.size()));
            String query;
            Map<String, Object> variables;
            boolean transition = false;
            if (pick < 60) {
                Instant start = today.minus(7, ChronoUnit.DAYS).plusMillis(pick < 40 ? random.nextInt(1, 1_000_000) : 0);
                query = "query($f: ConversationFilterInput!) { conversations(filter: $f, first: 25) { totalCount "
                        + "edges { node { id queueIds } } } }";
                variables = Map.of("f", Map.of("interval", Map.of("start", start.toString(),
                        "end", today.minus(1, ChronoUnit.DAYS).toString())));
            } else if (pick < 75) {
                query = "query($t: ID!) { record(tableId: $t, key: \"AB-1000\") { key version } }";
                variables = Map.of("t", inventoryTable);
            } else if (pick < 85) {
                query = "{ gatewayInfo { version cache { available } } }";
                variables = Map.of();
            } else if (pick < 95) {
                query = "{ webhooks { id } }";
                variables = Map.of();
            } else {
                transition = true;
                query = "mutation($in: TransitionInput!) { transitionConversation(input: $in) { accepted } }";
                variables = Map.of("in", Map.of("conversationId", conversation[0], "participantId", conversation[1],
                        "action", held ? "RESUME" : "HOLD"));
            }
            JsonNode answer = send(port, query, variables);
            if (transition && answer != null) {
                if (answer.at("/data/transitionConversation/accepted").asBoolean(false)) {
                    acceptedTransitions.incrementAndGet();
                    held = !held;
                } else if (answer.toString().contains("VALIDATION_FAILED")) {
                    held = !held; // an earlier command took effect after all
                }
            }
        }
    }

    /**
     * What one client's documents cost the heap: 300 distinct 0.9 MB documents (refused as too large), then 1,000
     * distinct 30 KB documents (parsed, run and remembered), with the retained heap (after a full GC) before and after.
     */
    private void documentCost(int port) throws Exception {
        long before = retainedHeap(port);
        int notGraphQL = 0;
        String huge = "#" + "x".repeat(900_000);
        String large = "#" + "x".repeat(30_000);
        for (int i = 0; i < 300; i++) {
            notGraphQL += sendUntilServed(port, "query Huge" + i + " { __typename }\n" + huge) ? 0 : 1;
        }
        for (int i = 0; i < 1_000; i++) {
            notGraphQL += sendUntilServed(port, "query Large" + i + " { __typename }\n" + large) ? 0 : 1;
        }
        long after = retainedHeap(port);
        notes.add(String.format(Locale.ROOT, "Retained heap of the surviving gateway after 300 distinct 0.9 MB documents "
                + "and 1,000 distinct 30 KB ones: %.1f MB before, %.1f MB after (%+.1f MB); answers that were not GraphQL: %d",
                before / 1e6, after / 1e6, (after - before) / 1e6, notGraphQL));
    }

    /** Sends one document, again after the client rate limit's wait; whether the answer was GraphQL. */
    private boolean sendUntilServed(int port, String document) throws Exception {
        for (int attempt = 0; attempt < 20; attempt++) {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
                    + "/graphql")).timeout(Duration.ofSeconds(30)).header("Content-Type", "application/json")
                    .header(TestClients.API_KEY_HEADER, TestClients.ADMIN)
                    .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(Map.of("query", document))))
                    .build(), HttpResponse.BodyHandlers.ofString());
            JsonNode answer;
            try {
                answer = JSON.readTree(response.body());
            } catch (IOException e) {
                return false;
            }
            if (answer == null || !(answer.has("data") || answer.has("errors")) || response.statusCode() >= 500) {
                return false;
            }
            JsonNode retry = answer.at("/errors/0/extensions/retryAfterSeconds");
            if (retry.isMissingNode()) {
                return true;
            }
            sleep(Duration.ofSeconds(retry.asLong(1)));
        }
        return true;
    }

    /** Heap in use after a full GC (jcmd GC.run), from the gateway's own JVM metrics. */
    private long retainedHeap(int port) throws Exception {
        Process gateway = gateways.get(port);
        Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
        for (int i = 0; i < 2; i++) {
            new ProcessBuilder(jcmd.toString(), String.valueOf(gateway.pid()), "GC.run")
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectErrorStream(true).start()
                    .waitFor(30, TimeUnit.SECONDS);
        }
        String text = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/q/metrics"))
                .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString()).body();
        Matcher matcher = Pattern.compile("(?m)^jvm_memory_used_bytes\\{[^}]*area=\"heap\"[^}]*} ([0-9.E]+)$").matcher(text);
        double used = 0;
        while (matcher.find()) {
            used += Double.parseDouble(matcher.group(1));
        }
        return (long) used;
    }

    /** One HOLD or RESUME sent by the suite itself; whether it was accepted (its event then counts). */
    private boolean transition(int port, String[] conversation, boolean held) {
        JsonNode answer = send(port, "mutation($in: TransitionInput!) { transitionConversation(input: $in) { accepted } }",
                Map.of("in", Map.of("conversationId", conversation[0], "participantId", conversation[1],
                        "action", held ? "RESUME" : "HOLD")));
        boolean accepted = answer != null && answer.at("/data/transitionConversation/accepted").asBoolean(false);
        if (accepted) {
            acceptedTransitions.incrementAndGet();
        }
        return accepted;
    }

    /** Sends one request and classifies the answer into this phase's figures; the answer, or null. */
    private JsonNode send(int port, String query, Map<String, Object> variables) {
        Stats current = stats;
        current.requests.increment();
        HttpResponse<String> response;
        try {
            HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/graphql"))
                    .timeout(Duration.ofSeconds(30)).header("Content-Type", "application/json")
                    .header(TestClients.API_KEY_HEADER, TestClients.ADMIN)
                    .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(Map.of("query", query,
                            "variables", variables))))
                    .build();
            response = http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            current.connectionFailures.increment();
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
        if (response.statusCode() >= 500) {
            current.serverErrors.increment();
        }
        String body = response.body();
        if (body.contains("\tat ") || body.contains(".java:")) {
            current.stackTraces.increment();
        }
        JsonNode answer;
        try {
            answer = JSON.readTree(body);
        } catch (IOException e) {
            current.malformed.increment();
            return null;
        }
        if (answer == null || !answer.isObject() || !(answer.has("data") || answer.has("errors"))) {
            current.malformed.increment();
            return null;
        }
        if (!answer.has("errors")) {
            current.ok.increment();
        }
        for (JsonNode error : answer.path("errors")) {
            String code = error.at("/extensions/code").asText("");
            if (code.isEmpty()) {
                current.withoutCode.increment();
            } else {
                current.codes.computeIfAbsent(code, c -> new LongAdder()).increment();
            }
        }
        return answer;
    }

    private long upstreamCalls() {
        long total = 0;
        JsonNode journal = PackagedApp.control(simulatorPort, "GET", "/journal", null);
        for (JsonNode count : journal) {
            total += count.asLong();
        }
        return total;
    }

    /** Upstream 429s the gateways have seen so far, a killed gateway's at its last reading. */
    private double upstream429() {
        for (int port : targets) {
            remember429(port);
        }
        return lastKnown429.values().stream().mapToDouble(Double::doubleValue).sum();
    }

    private void remember429(int port) {
        lastKnown429.put(port, metric(port, "gateway_genesys_upstream_rate_limited_total"));
    }

    private double metric(int port, String name) {
        try {
            String text = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/q/metrics"))
                    .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString()).body();
            Matcher matcher = Pattern.compile("(?m)^" + name + "(?:\\{[^}]*})? ([0-9.E]+)$").matcher(text);
            double sum = 0;
            while (matcher.find()) {
                sum += Double.parseDouble(matcher.group(1));
            }
            return sum;
        } catch (IOException e) {
            return lastKnown429.getOrDefault(port, 0.0);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 0;
        }
    }

    private int report(long lost, int surviving, int registered) throws IOException {
        List<String> lines = new ArrayList<>();
        lines.add("# Fault suite (" + Instant.now().truncatedTo(ChronoUnit.SECONDS) + ", " + phase.toSeconds()
                + " s per phase, " + CLIENTS + " clients, simulator at 300 requests/min, two gateways)");
        lines.add("");
        lines.add("| phase | requests | ok | 5xx | malformed | errors without code | stack traces | connection failures "
                + "| upstream calls | upstream calls/s | upstream 429s | error codes |");
        lines.add("|---|---|---|---|---|---|---|---|---|---|---|---|");
        rows.forEach(row -> lines.add(row.markdown()));
        lines.add("");
        notes.forEach(note -> lines.add("- " + note));
        long bad = rows.stream().mapToLong(row -> row.stats().serverErrors.sum() + row.stats().malformed.sum()
                + row.stats().withoutCode.sum() + row.stats().stackTraces.sum()).sum();
        boolean passed = bad == 0 && lost == 0 && surviving == registered;
        lines.add("");
        lines.add(passed ? "Every loss and malformed-answer column is 0." : "FAILED: see the non-zero columns above.");
        String text = String.join("\n", lines) + "\n";
        Files.writeString(Path.of("target", "bench-faults.md"), text);
        System.out.println();
        System.out.print(text);
        return passed ? 0 : 1;
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** A redis-server process on 127.0.0.1 that can be stopped, killed and started again on the same data directory. */
    private static final class RedisProcess {
        private final int port;
        private final Path dir;
        private final List<String> flags;
        private Process process;

        RedisProcess(int port, Path dir, List<String> flags) {
            this.port = port;
            this.dir = dir;
            this.flags = flags;
        }

        String url() {
            return "redis://127.0.0.1:" + port;
        }

        void start() throws IOException {
            List<String> command = new ArrayList<>(List.of(binary().toString(), "--port", String.valueOf(port), "--bind",
                    "127.0.0.1", "--dir", dir.toAbsolutePath().toString()));
            command.addAll(flags);
            process = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve("redis.log").toFile())).start();
            Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> EmbeddedRedisServer.listening(port));
        }

        /** SIGTERM: Redis shuts down cleanly (what a pod deletion does). */
        void stop() {
            if (process != null) {
                process.destroy();
                waitFor();
            }
        }

        /** SIGKILL: no shutdown, no final fsync. */
        void kill() {
            if (process != null) {
                process.destroyForcibly();
                waitFor();
            }
        }

        private void waitFor() {
            try {
                process.waitFor(20, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        /** redis-server from PATH, else the Linux binary shipped in the embedded-redis artifact. */
        private static Path binary() throws IOException {
            for (String entry : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
                Path candidate = Path.of(entry, "redis-server");
                if (Files.isExecutable(candidate)) {
                    return candidate;
                }
            }
            Path extracted = Path.of("target", "faults", "redis-server");
            try (InputStream bundled = EmbeddedRedisServer.class.getClassLoader()
                    .getResourceAsStream("redis-server-6.2.6-v5-linux-amd64")) {
                if (bundled == null) {
                    throw new IOException("No redis-server on PATH and no bundled Linux binary");
                }
                Files.copy(bundled, extracted, StandardCopyOption.REPLACE_EXISTING);
            }
            extracted.toFile().setExecutable(true);
            return extracted;
        }
    }
}
