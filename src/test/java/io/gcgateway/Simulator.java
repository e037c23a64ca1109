package io.gcgateway;

import static io.restassured.RestAssured.given;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;

import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;

import com.mypurecloud.sdk.v2.ApiClient;

import io.gcgateway.genesys.UpstreamBudget;
import io.gcgateway.simulator.control.FaultRule;
import io.quarkus.arc.Arc;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.smallrye.faulttolerance.api.CircuitBreakerMaintenance;

/** Drives the embedded simulator's control API over HTTP: reset, faults, journal, tokens, settings. */
public final class Simulator {
    public static final String CONTROL = "/simulator/_control";

    private Simulator() {
    }

    /** Faults, journal, rate-limit windows and settings back to the configured state. */
    public static void reset() {
        given().post(CONTROL + "/reset").then().statusCode(204);
    }

    /**
     * A clean slate for a gateway test: the simulator reset, every circuit breaker closed, and the Genesys budget
     * reopened (a test's injected 429 would otherwise close its call class for the next test).
     */
    public static void resetWithCircuitBreakers() {
        reset();
        CircuitBreakerMaintenance.get().resetAll();
        Arc.container().instance(UpstreamBudget.class).get().reopen().await().atMost(Duration.ofSeconds(5));
    }

    /** The HTTP Basic header the simulator's token endpoint expects. */
    public static String basic(String clientId, String clientSecret) {
        return "Basic " + Base64.getEncoder()
                .encodeToString((clientId + ":" + clientSecret).getBytes(StandardCharsets.UTF_8));
    }

    /** The official SDK's ApiClient pointed at the simulator, with a fresh token. */
    public static ApiClient sdkClient() {
        Config config = ConfigProvider.getConfig();
        String baseUrl = config.getValue("simulator.base-url", String.class);
        String token = accessToken(baseUrl, config.getValue("simulator.client-id", String.class),
                config.getValue("simulator.client-secret", String.class));
        return ApiClient.Builder.standard().withBasePath(baseUrl).withAccessToken(token).build();
    }

    /** An access token from the simulator, fetched the way any client would (the SDK cannot reach it by region). */
    public static String accessToken(String baseUrl, String clientId, String clientSecret) {
        return given().header("Authorization", basic(clientId, clientSecret))
                .formParam("grant_type", "client_credentials").post(baseUrl + "/oauth/token")
                .then().statusCode(200).extract().path("access_token");
    }

    public static void inject(FaultRule rule) {
        given().contentType(ContentType.JSON).body(rule).post(CONTROL + "/faults").then().statusCode(204);
    }

    /** Requests the simulator received for this method and Genesys path since the last reset. */
    public static long calls(String method, String path) {
        Map<String, Object> journal = given().get(CONTROL + "/journal").then().statusCode(200).extract().as(Map.class);
        Object count = journal.get(method + " " + path);
        return count == null ? 0 : ((Number) count).longValue();
    }

    /** Every request the simulator received since the last reset, whatever its path. */
    public static long totalCalls() {
        Map<String, Object> journal = given().get(CONTROL + "/journal").then().statusCode(200).extract().as(Map.class);
        return journal.values().stream().mapToLong(count -> ((Number) count).longValue()).sum();
    }

    public static long tokenRequests() {
        return calls("POST", "/oauth/token");
    }

    public static void expireTokens() {
        given().post(CONTROL + "/tokens/expire").then().statusCode(204);
    }

    public static void settings(Integer rateLimitPerMinute, Long tokenLifetimeSeconds) {
        given().contentType(ContentType.JSON)
                .body(new HashMap<>(Map.of()) {
                    {
                        if (rateLimitPerMinute != null) {
                            put("rateLimitPerMinute", rateLimitPerMinute);
                        }
                        if (tokenLifetimeSeconds != null) {
                            put("tokenLifetimeSeconds", tokenLifetimeSeconds);
                        }
                    }
                })
                .put(CONTROL + "/settings").then().statusCode(200);
    }

    /** A new live voice conversation (customer, acd, agent) on the given seeded queue and user; null: the first ones. */
    public static JsonPath createConversation(String queueId, String userId, String agentState) {
        Map<String, Object> request = new HashMap<>();
        request.put("queueId", queueId);
        request.put("userId", userId);
        request.put("agentState", agentState);
        return given().contentType(ContentType.JSON).body(request).post(CONTROL + "/conversations")
                .then().statusCode(200).extract().jsonPath();
    }

    /** Genesys's maintenance: socket_closing on every notification socket, then they close and channels are gone. */
    public static int closeNotificationSockets() {
        return given().post(CONTROL + "/notifications/close").then().statusCode(200).extract().path("closed");
    }

    /** How long conversation commands take to take effect. */
    public static void conversationCommandDelay(long millis) {
        given().contentType(ContentType.JSON).body(Map.of("conversationCommandDelayMs", millis))
                .put(CONTROL + "/settings").then().statusCode(200);
    }

    /** Seeded ids for live conversations: {@code queueIds}, {@code userIds}, {@code wrapUpCodes}. */
    public static JsonPath directory() {
        return given().get(CONTROL + "/conversations/directory").then().statusCode(200).extract().jsonPath();
    }

    /** Requests since the last reset whose method and path match the regular expressions (e.g. ids left open). */
    public static long callsMatching(String methodRegex, String pathRegex) {
        Map<String, Object> journal = given().get(CONTROL + "/journal").then().statusCode(200).extract().as(Map.class);
        long total = 0;
        for (Map.Entry<String, Object> entry : journal.entrySet()) {
            String[] methodAndPath = entry.getKey().split(" ", 2);
            if (methodAndPath[0].matches(methodRegex) && methodAndPath[1].matches(pathRegex)) {
                total += ((Number) entry.getValue()).longValue();
            }
        }
        return total;
    }
}
