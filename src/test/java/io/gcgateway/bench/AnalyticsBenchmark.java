package io.gcgateway.bench;

import java.io.IOException;
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
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.gcgateway.RedisTestResource;
import io.gcgateway.TestClients;
import io.gcgateway.cache.EmbeddedRedisServer;

/**
 * Analytics benchmark (not a test): the simulator and the gateway run as two separate JVMs from the packaged
 * application, with a local Redis; this process is the load generator (16 concurrent connections, loopback only).
 * <p>
 * Measures, per request: the gateway's CPU time (process CPU delta / requests) and client-side p50/p99 latency, for
 * an uncached {@code conversations(first: 25)} query, for a cache hit, and for the same details query sent directly to
 * the simulator; then the upstream call count for 100 identical concurrent queries; then the graph issue's page
 * ({@code conversations(first: 100)} with queues, wrap-ups, participants' users with presence), uncached, against the
 * same page with ids only, and its directory calls cold and warm. Writes target/bench-analytics.md.
 */
public final class AnalyticsBenchmark {
    private static final int CONNECTIONS = 16;
    private static final String APP = "target/quarkus-app/quarkus-run.jar";
    private static final String CLIENT_ID = "gateway-dev";
    private static final String CLIENT_SECRET = "gateway-dev-secret";
    private static final String DETAILS = "/api/v2/analytics/conversations/details/query";
    /** The graph issue's page: 100 conversations with their queues, wrap-ups, participants' users, presence, queue. */
    private static final String NESTED = "conversations(filter: $f, first: 100) { edges { node { queues { name } "
            + "wrapUps { name } participants { user { name presence { label } } queue { name } } } } }";
    /** The same page without the directory fields. */
    private static final String FLAT = "conversations(filter: $f, first: 100) { edges { node { queueIds wrapUpCodes "
            + "participants { userId queueId } } } }";
    /** The Genesys directory and live-state calls, as the simulator's journal names them. */
    private static final List<String> DIRECTORY_CALLS = List.of("GET /api/v2/users", "GET /api/v2/routing/queues",
            "GET /api/v2/routing/wrapupcodes", "GET /api/v2/presence/definitions");

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).executor(Executors.newFixedThreadPool(CONNECTIONS)).build();
    private final int requests;
    private final int warmup;
    private final List<String> breakdowns = new ArrayList<>();
    /** UncachedFloor's parts (fetch, fetch+tokenize, redis) in ms of CPU per request, in the order it printed them. */
    private final Map<String, Double> floors = new LinkedHashMap<>();
    /** Directory calls of one nested query with a cold directory, and during the warm nested run. */
    private final Map<String, Long> coldCalls = new LinkedHashMap<>();
    private final Map<String, Long> warmCalls = new LinkedHashMap<>();

    /** One scenario's result; CPU is the measured process's, per request. */
    private record Row(String name, int requests, double cpuMs, double p50Ms, double p99Ms) {
        String markdown() {
            return String.format(Locale.ROOT, "| %s | %d | %.3f | %.2f | %.2f |", name, requests, cpuMs, p50Ms, p99Ms);
        }
    }

    private AnalyticsBenchmark(int requests, int warmup) {
        this.requests = requests;
        this.warmup = warmup;
    }

    public static void main(String[] args) throws Exception {
        int requests = args.length > 0 ? Integer.parseInt(args[0]) : 5_000;
        int warmup = args.length > 1 ? Integer.parseInt(args[1]) : 3_000;
        new AnalyticsBenchmark(requests, warmup).run();
        // The HTTP client's threads would keep the JVM alive.
        System.exit(0);
    }

    private void run() throws Exception {
        int redisPort = RedisTestResource.freePort();
        int simulatorPort = RedisTestResource.freePort();
        int gatewayPort = RedisTestResource.freePort();
        String redis = "redis://127.0.0.1:" + redisPort;
        String simulatorUrl = "http://127.0.0.1:" + simulatorPort + "/simulator";
        try (EmbeddedRedisServer ignored = EmbeddedRedisServer.start(redisPort)) {
            Process simulator = start("simulator", List.of("-Dquarkus.http.port=" + simulatorPort, "-Dsimulator.enabled=true",
                    "-Dsimulator.rate-limit-per-minute=100000000", "-Dquarkus.redis.hosts=" + redis, "-Dwebhooks.deliver=false"));
            Process gateway = start("gateway", List.of("-Dquarkus.http.port=" + gatewayPort, "-Dsimulator.enabled=false",
                    "-Dgenesys.api-url=" + simulatorUrl, "-Dgenesys.login-url=" + simulatorUrl,
                    "-Dgenesys.client-id=" + CLIENT_ID, "-Dgenesys.client-secret=" + CLIENT_SECRET,
                    "-Dquarkus.redis.hosts=" + redis));
            try {
                awaitReady(simulatorPort);
                awaitReady(gatewayPort);
                String gatewayGraphql = "http://127.0.0.1:" + gatewayPort + "/graphql";
                String token = token(simulatorUrl);
                Instant today = Instant.now().truncatedTo(ChronoUnit.DAYS);

                // Uncached: every request has its own interval (shifted by its index in ms), hence its own cache key.
                IntFunction<HttpRequest> uncached = i -> graphql(gatewayGraphql,
                        today.minus(7, ChronoUnit.DAYS).plusMillis(i), today.minus(1, ChronoUnit.DAYS));
                IntFunction<HttpRequest> hit = i -> graphql(gatewayGraphql, today.minus(7, ChronoUnit.DAYS), today.minus(1, ChronoUnit.DAYS));
                IntFunction<HttpRequest> direct = i -> HttpRequest.newBuilder(URI.create(simulatorUrl + DETAILS))
                        .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(detailsBody(today.minus(7, ChronoUnit.DAYS).plusMillis(i),
                                today.minus(1, ChronoUnit.DAYS))))
                        .build();

                IntFunction<HttpRequest> floor = i -> HttpRequest.newBuilder(URI.create(gatewayGraphql))
                        .header("Content-Type", "application/json")
                        .header(TestClients.API_KEY_HEADER, TestClients.ADMIN)
                        .POST(HttpRequest.BodyPublishers.ofString("{\"query\":\"{ __typename }\"}")).build();

                // Cold directory: the very first nested query of this gateway and Redis.
                Map<String, Long> before = journal(simulatorUrl);
                send(page(gatewayGraphql, NESTED, today.minus(7, ChronoUnit.DAYS), today.minus(1, ChronoUnit.DAYS)));
                delta(before, journal(simulatorUrl), coldCalls);

                Row typename = measure("gateway floor: { __typename } (HTTP + GraphQL only)", floor, gateway, 0);
                Row miss = measure("gateway, uncached (cache miss → simulator)", uncached, gateway, 1_000_000);
                Row cacheHit = measure("gateway, cache hit", hit, gateway, 0);
                Row rest = measure("direct REST to the simulator", direct, simulator, 2_000_000);
                // The graph page, uncached (own interval each), without and with the directory fields (warm).
                Row flat = measure("gateway, uncached first: 100, ids only", i -> page(gatewayGraphql, FLAT,
                        today.minus(7, ChronoUnit.DAYS).plusMillis(3_000_000 + i), today.minus(1, ChronoUnit.DAYS)), gateway, 0);
                Map<String, Long> beforeWarm = journal(simulatorUrl);
                Row nested = measure("gateway, uncached first: 100, names + presence (warm directory)", i -> page(gatewayGraphql,
                        NESTED, today.minus(7, ChronoUnit.DAYS).plusMillis(4_000_000 + i), today.minus(1, ChronoUnit.DAYS)), gateway, 0);
                delta(beforeWarm, journal(simulatorUrl), warmCalls);
                long upstreamCalls = identicalConcurrent(gatewayGraphql, simulatorUrl, today);
                floors.putAll(uncachedFloor(simulatorUrl, token, redis,
                        detailsBody(today.minus(7, ChronoUnit.DAYS), today.minus(1, ChronoUnit.DAYS))));
                report(List.of(typename, miss, cacheHit, rest, flat, nested), upstreamCalls);
            } finally {
                gateway.destroy();
                simulator.destroy();
                gateway.waitFor();
                simulator.waitFor();
            }
        }
    }

    /** Warm up, then {@code requests} requests over 16 connections; CPU is the measured process's. */
    private Row measure(String name, IntFunction<HttpRequest> request, Process measured, int indexOffset) throws Exception {
        run(request, warmup, indexOffset + 5_000_000);
        Map<String, Long> threadsBefore = ThreadCpu.byGroup(measured.pid());
        Duration cpuBefore = cpu(measured);
        long[] latencies = run(request, requests, indexOffset);
        Duration cpu = cpu(measured).minus(cpuBefore);
        breakdowns.add("- " + name + ": " + ThreadCpu.perRequest(threadsBefore, ThreadCpu.byGroup(measured.pid()), requests));
        Arrays.sort(latencies);
        return new Row(name, requests, cpu.toNanos() / 1e6 / requests, latencies[latencies.length / 2] / 1e6,
                latencies[(int) (latencies.length * 0.99)] / 1e6);
    }

    private long[] run(IntFunction<HttpRequest> request, int count, int indexOffset) throws Exception {
        long[] latencies = new long[count];
        AtomicInteger next = new AtomicInteger();
        ExecutorService workers = Executors.newFixedThreadPool(CONNECTIONS);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int w = 0; w < CONNECTIONS; w++) {
                done.add(workers.submit(() -> {
                    for (int i = next.getAndIncrement(); i < count; i = next.getAndIncrement()) {
                        long start = System.nanoTime();
                        HttpResponse<String> response = http.send(request.apply(indexOffset + i), HttpResponse.BodyHandlers.ofString());
                        latencies[i] = System.nanoTime() - start;
                        if (response.statusCode() != 200 || response.body().contains("\"errors\"")) {
                            throw new IllegalStateException("Unexpected answer: " + response.statusCode() + " " + response.body());
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> f : done) {
                f.get();
            }
        } finally {
            workers.shutdown();
        }
        return latencies;
    }

    /** 100 identical queries at once (a key not seen before): how many reach the simulator. */
    private long identicalConcurrent(String gatewayGraphql, String simulatorUrl, Instant today) throws Exception {
        long before = journalCount(simulatorUrl);
        HttpRequest request = graphql(gatewayGraphql, today.minus(20, ChronoUnit.DAYS), today.minus(13, ChronoUnit.DAYS));
        ExecutorService pool = Executors.newFixedThreadPool(100);
        try {
            List<Future<HttpResponse<String>>> responses = new ArrayList<>();
            for (int i = 0; i < 100; i++) {
                responses.add(pool.submit(() -> http.send(request, HttpResponse.BodyHandlers.ofString())));
            }
            for (Future<HttpResponse<String>> r : responses) {
                if (r.get().body().contains("\"errors\"")) {
                    throw new IllegalStateException(r.get().body());
                }
            }
        } finally {
            pool.shutdown();
        }
        return journalCount(simulatorUrl) - before;
    }

    private void send(HttpRequest request) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200 || response.body().contains("\"errors\"")) {
            throw new IllegalStateException("Unexpected answer: " + response.statusCode() + " " + response.body());
        }
    }

    /** The simulator's journal: calls by "METHOD path". */
    private Map<String, Long> journal(String simulatorUrl) throws IOException, InterruptedException {
        String journal = http.send(HttpRequest.newBuilder(URI.create(simulatorUrl + "/_control/journal")).build(),
                HttpResponse.BodyHandlers.ofString()).body();
        Map<String, Long> counts = new LinkedHashMap<>();
        Matcher m = Pattern.compile("\"([A-Z]+ [^\"]+)\":(\\d+)").matcher(journal);
        while (m.find()) {
            counts.put(m.group(1), Long.parseLong(m.group(2)));
        }
        return counts;
    }

    private static void delta(Map<String, Long> before, Map<String, Long> after, Map<String, Long> into) {
        DIRECTORY_CALLS.forEach(call -> into.put(call, after.getOrDefault(call, 0L) - before.getOrDefault(call, 0L)));
    }

    private static HttpRequest page(String url, String selection, Instant from, Instant to) {
        String query = "{\"query\":\"query($f: ConversationFilterInput!) { " + selection + " }\","
                + "\"variables\":{\"f\":{\"interval\":{\"start\":\"" + from + "\",\"end\":\"" + to + "\"}}}}";
        return HttpRequest.newBuilder(URI.create(url)).header("Content-Type", "application/json")
                .header(TestClients.API_KEY_HEADER, TestClients.ADMIN)
                .POST(HttpRequest.BodyPublishers.ofString(query)).build();
    }

    private long journalCount(String simulatorUrl) throws IOException, InterruptedException {
        String journal = http.send(HttpRequest.newBuilder(URI.create(simulatorUrl + "/_control/journal")).build(),
                HttpResponse.BodyHandlers.ofString()).body();
        Matcher m = Pattern.compile("\"POST " + Pattern.quote(DETAILS) + "\":(\\d+)").matcher(journal);
        return m.find() ? Long.parseLong(m.group(1)) : 0;
    }

    private static HttpRequest graphql(String url, Instant from, Instant to) {
        String query = "{\"query\":\"query($f: ConversationFilterInput!) { conversations(filter: $f, first: 25) "
                + "{ totalCount edges { cursor node { id start end mediaType direction handleMs waitMs queueIds } } } }\","
                + "\"variables\":{\"f\":{\"interval\":{\"start\":\"" + from + "\",\"end\":\"" + to + "\"}}}}";
        return HttpRequest.newBuilder(URI.create(url)).header("Content-Type", "application/json")
                .header(TestClients.API_KEY_HEADER, TestClients.ADMIN)
                .POST(HttpRequest.BodyPublishers.ofString(query)).build();
    }

    private static String detailsBody(Instant from, Instant to) {
        return "{\"interval\":\"" + from + "/" + to + "\",\"order\":\"desc\",\"orderBy\":\"conversationStart\","
                + "\"paging\":{\"pageSize\":25,\"pageNumber\":1}}";
    }

    private String token(String simulatorUrl) throws IOException, InterruptedException {
        String basic = Base64.getEncoder().encodeToString((CLIENT_ID + ":" + CLIENT_SECRET).getBytes(StandardCharsets.UTF_8));
        String body = http.send(HttpRequest.newBuilder(URI.create(simulatorUrl + "/oauth/token"))
                .header("Authorization", "Basic " + basic).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials")).build(),
                HttpResponse.BodyHandlers.ofString()).body();
        Matcher m = Pattern.compile("\"access_token\":\"([^\"]+)\"").matcher(body);
        if (!m.find()) {
            throw new IllegalStateException("No token from the simulator");
        }
        return m.group(1);
    }

    private static Process start(String name, List<String> properties) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-Xmx512m");
        // e.g. -Dbench.gateway.jvm-args=-XX:StartFlightRecording=filename=target/gateway.jfr,settings=profile
        String extra = System.getProperty("bench." + name + ".jvm-args");
        if (extra != null && !extra.isBlank()) {
            command.addAll(List.of(extra.trim().split("\\s+")));
        }
        // Production profile: client authentication is on; the benchmark calls as the test admin client.
        command.add("-Dgateway.security.api-keys.bench.hash=7465737473616c7433:1bf32ab8702d1a4c1b10d266f481e1035188659a62562db9039bfa7ef6ce2630");
        command.add("-Dgateway.security.api-keys.bench.roles=admin");
        // The limiter stays on (its Redis call is part of the measured cost) with a bucket the load cannot empty.
        command.add("-Dgateway.security.rate-limit.per-second=10000000");
        command.add("-Dgateway.security.rate-limit.burst=10000000");
        command.addAll(properties);
        command.add("-jar");
        command.add(APP);
        return new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(Path.of("target", "bench-" + name + ".log").toFile()).start();
    }

    private void awaitReady(int port) throws Exception {
        HttpRequest ready = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/q/health/ready")).build();
        for (int i = 0; i < 150; i++) {
            try {
                if (http.send(ready, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // Still starting.
            }
            Thread.sleep(200);
        }
        throw new IllegalStateException("Port " + port + " did not become ready; see target/bench-*.log");
    }

    /** Runs {@link UncachedFloor} in its own JVM; returns its parts (ms of CPU per request). */
    private Map<String, Double> uncachedFloor(String simulatorUrl, String token, String redis, String detailsBody) throws Exception {
        ProcessBuilder command = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m", "-cp", System.getProperty("java.class.path"), UncachedFloor.class.getName(), simulatorUrl, redis,
                detailsBody, String.valueOf(requests)).redirectErrorStream(true);
        command.environment().put("BENCH_ACCESS_TOKEN", token);
        Process floor = command.start();
        Map<String, Double> parts = new LinkedHashMap<>();
        String output = new String(floor.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (floor.waitFor() != 0) {
            throw new IllegalStateException("The floor measurement failed:\n" + output);
        }
        Matcher m = Pattern.compile("^floor (\\S+) ([0-9.]+)$", Pattern.MULTILINE).matcher(output);
        while (m.find()) {
            parts.put(m.group(1), Double.parseDouble(m.group(2)));
        }
        return parts;
    }

    /**
     * The targets against this run, and the uncached floor: what any gateway of this design pays for a miss
     * before binding, executing or writing anything (the front door, as a cache hit costs it; fetching and tokenizing
     * Genesys's page; the miss's two Redis round trips).
     */
    private String targets(Row uncached, Row hit, long upstreamCalls, Row flat, Row nested) {
        StringBuilder md = new StringBuilder("\nTargets:\n")
                .append(verdict("nested graph page (warm) ≤ 1.3× the flat page", nested.cpuMs(),
                        nested.cpuMs() <= 1.3 * flat.cpuMs()))
                .append(String.format(Locale.ROOT, "  (ratio %.2f×)%n", nested.cpuMs() / flat.cpuMs()))
                .append(verdict("cache hit ≤ 0.150 ms CPU", hit.cpuMs(), hit.cpuMs() <= 0.150))
                .append(verdict("uncached ≤ 0.250 ms CPU", uncached.cpuMs(), uncached.cpuMs() <= 0.250))
                .append(String.format(Locale.ROOT, "- 1 upstream call for 100 identical queries: %d, %s%n", upstreamCalls,
                        upstreamCalls == 1 ? "met" : "NOT met"));
        Double fetchAndTokenize = floors.get("fetch+tokenize");
        Double redisRoundTrips = floors.get("redis");
        if (fetchAndTokenize != null && redisRoundTrips != null) {
            double floor = hit.cpuMs() + fetchAndTokenize + redisRoundTrips;
            md.append(String.format(Locale.ROOT, "- uncached floor: front door %.3f + fetch+tokenize %.3f + redis %.3f = "
                    + "%.3f ms (%s the 0.250 ms target); the gateway's uncached query is %.1f× this floor%n",
                    hit.cpuMs(), fetchAndTokenize, redisRoundTrips, floor, floor > 0.250 ? "above" : "within",
                    uncached.cpuMs() / floor));
        }
        return md.toString();
    }

    private static String verdict(String target, double measuredMs, boolean met) {
        return String.format(Locale.ROOT, "- %s: %.3f ms, %s%n", target, measuredMs, met ? "met" : "NOT met");
    }

    private static Duration cpu(Process process) {
        return process.info().totalCpuDuration().orElseThrow(() -> new IllegalStateException("No process CPU time here"));
    }

    private void report(List<Row> rows, long upstreamCalls) throws IOException {
        StringBuilder md = new StringBuilder();
        md.append("Analytics benchmark, ").append(Instant.now().truncatedTo(ChronoUnit.SECONDS)).append(", ")
                .append(Runtime.getRuntime().availableProcessors()).append(" cores, ").append(CONNECTIONS)
                .append(" concurrent connections, ").append(warmup).append(" warm-up requests per scenario\n\n")
                .append("| scenario | requests | CPU of the measured process per request (ms) | p50 (ms) | p99 (ms) |\n")
                .append("|---|---|---|---|---|\n");
        rows.forEach(r -> md.append(r.markdown()).append('\n'));
        md.append("\nUpstream details-query calls for 100 identical concurrent queries: ").append(upstreamCalls).append('\n');
        if (!breakdowns.isEmpty() && !breakdowns.get(0).endsWith(": ")) {
            md.append("\nCPU per request by thread group (ms, from /proc):\n");
            breakdowns.forEach(b -> md.append(b).append('\n'));
        }
        if (!floors.isEmpty()) {
            md.append("\nUncached floor without the gateway (UncachedFloor: one Vert.x event loop, 16 in flight; "
                    + "CPU per request):\n");
            floors.forEach((part, ms) -> md.append(String.format(Locale.ROOT, "- %s: %.4f ms%n", part, ms)));
        }
        md.append("\nDirectory and live-state calls of the nested page: cold directory (its first query) ")
                .append(coldCalls).append("; warm, during the ").append(requests).append(" measured nested queries ")
                .append(warmCalls).append(" (users carry presence, live for directory.live-ttl)\n");
        md.append(targets(rows.get(1), rows.get(2), upstreamCalls, rows.get(4), rows.get(5)));
        Files.writeString(Path.of("target", "bench-analytics.md"), md);
        System.out.println(md);
    }
}
