package io.gcgateway;

import java.io.IOException;
import java.io.UncheckedIOException;
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

import org.awaitility.Awaitility;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The packaged application ({@code target/quarkus-app}) as separate processes in the production profile, for the
 * failsafe ITs and the fault suite: the simulator on its own, gateways pointed at it, all on 127.0.0.1.
 */
public final class PackagedApp {
    public static final String APP = "target/quarkus-app/quarkus-run.jar";
    /** Salted hash of {@link TestClients#ADMIN}, as in the test profile. */
    public static final String ADMIN_KEY_HASH = "7465737473616c7433:1bf32ab8702d1a4c1b10d266f481e1035188659a62562db9039bfa7ef6ce2630";
    static final ObjectMapper JSON = new ObjectMapper();
    static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private PackagedApp() {
    }

    /** The simulator alone, on {@code port}; it shares the gateways' Redis but does not deliver their webhooks. */
    public static Process simulator(int port, String redisUrl) throws IOException {
        return start("simulator", List.of("-Dquarkus.http.port=" + port, "-Dsimulator.enabled=true",
                "-Dsimulator.rate-limit-per-minute=100000", "-Dquarkus.redis.hosts=" + redisUrl, "-Dwebhooks.deliver=false"));
    }

    /** A gateway pointed at the simulator on {@code simulatorPort}, with the test admin key. */
    public static Process gateway(String name, int port, int simulatorPort, String redisUrl, String... more) throws IOException {
        String simulatorUrl = "http://127.0.0.1:" + simulatorPort + "/simulator";
        List<String> properties = new ArrayList<>(List.of("-Dquarkus.http.port=" + port, "-Dsimulator.enabled=false",
                "-Dgenesys.api-url=" + simulatorUrl, "-Dgenesys.login-url=" + simulatorUrl,
                "-Dgenesys.client-id=gateway-dev", "-Dgenesys.client-secret=gateway-dev-secret",
                "-Dquarkus.redis.hosts=" + redisUrl));
        properties.addAll(List.of(more));
        return start(name, properties);
    }

    public static Process start(String name, List<String> properties) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-Xmx256m");
        // Production profile: client authentication is on; one admin client (the test admin key).
        command.add("-Dgateway.security.api-keys.it.hash=" + ADMIN_KEY_HASH);
        command.add("-Dgateway.security.api-keys.it.roles=admin");
        command.addAll(properties);
        command.add("-jar");
        command.add(APP);
        Files.createDirectories(Path.of("target"));
        return new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(Path.of("target", "it-" + name + ".log").toFile())).start();
    }

    public static void awaitReady(int port) throws Exception {
        HttpRequest ready = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/q/health/ready")).build();
        Awaitility.await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200))
                .alias("port " + port + " ready (see target/it-*.log)").until(() -> {
                    try {
                        return HTTP.send(ready, HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
                    } catch (IOException notYet) {
                        return false; // still starting
                    }
                });
    }

    public static JsonNode graphql(int port, String query, Map<String, Object> variables) {
        return graphqlAs(port, TestClients.ADMIN, query, variables);
    }

    public static JsonNode graphqlAs(int port, String apiKey, String query, Map<String, Object> variables) {
        try {
            String body = JSON.writeValueAsString(Map.of("query", query, "variables", variables));
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/graphql"))
                    .header("Content-Type", "application/json");
            if (apiKey != null) {
                request.header(TestClients.API_KEY_HEADER, apiKey);
            }
            HttpResponse<String> response = HTTP.send(request.POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                    HttpResponse.BodyHandlers.ofString());
            return JSON.readTree(response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** A simulator control call ({@code /simulator/_control/...}); the answer as JSON. */
    public static JsonNode control(int simulatorPort, String method, String path, Object body) {
        try {
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + simulatorPort
                    + "/simulator/_control" + path)).header("Content-Type", "application/json");
            request.method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
            String answer = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString()).body();
            return answer.isBlank() ? JSON.nullNode() : JSON.readTree(answer);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
