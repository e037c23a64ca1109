package io.gcgateway.analytics;

import static io.gcgateway.analytics.AnalyticsQueryTest.filter;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.gcgateway.GraphQL;
import io.gcgateway.TestClients;
import io.gcgateway.Simulator;
import io.quarkus.test.junit.QuarkusTest;

/** conversationExport + the streaming download over an async details job's cursor pages. */
@QuarkusTest
class ConversationExportTest {
    private static final String RESULTS = "/api/v2/analytics/conversations/details/jobs/%s/results";

    private final Instant today = Instant.now().truncatedTo(ChronoUnit.DAYS);

    @BeforeEach
    void reset() {
        Simulator.reset();
    }

    @Test
    void ndjsonStreamsEveryConversationOfTheJob() throws Exception {
        Map<String, Object> filter = filter(today.minus(3, ChronoUnit.DAYS), today.minus(2, ChronoUnit.DAYS));
        int total = GraphQL.query("query($f: ConversationFilterInput!) { conversations(filter: $f, first: 1) { totalCount } }",
                Map.of("f", filter)).extract().path("data.conversations.totalCount");

        var job = GraphQL.query("mutation($f: ConversationFilterInput!) { conversationExport(filter: $f) { id downloadUrl csvUrl } }",
                Map.of("f", filter)).body("errors", nullValue()).extract();
        String id = job.path("data.conversationExport.id");
        String body = given().header(TestClients.API_KEY_HEADER, TestClients.READER).get(job.<String> path("data.conversationExport.downloadUrl"))
                .then().statusCode(200).contentType("application/x-ndjson").extract().asString();

        String[] lines = body.strip().split("\n");
        assertThat(lines).hasSize(total);
        ObjectMapper mapper = new ObjectMapper();
        Set<String> ids = new HashSet<>();
        for (String line : lines) {
            JsonNode conversation = mapper.readTree(line);
            ids.add(conversation.get("id").asText());
            assertThat(conversation.get("mediaType").asText()).isNotBlank();
        }
        assertThat(ids).hasSize(total);
        // 500 per page: the stream walked the cursor over several pages.
        assertThat(Simulator.calls("GET", RESULTS.formatted(id))).isEqualTo((total + 499) / 500);
    }

    @Test
    void csvHasAHeaderAndOneRowPerConversation() {
        Map<String, Object> filter = Map.of("interval", AnalyticsQueryTest.interval(today.minus(5, ChronoUnit.DAYS),
                today.minus(4, ChronoUnit.DAYS)), "mediaTypes", List.of("EMAIL"));
        int total = GraphQL.query("query($f: ConversationFilterInput!) { conversations(filter: $f, first: 1) { totalCount } }",
                Map.of("f", filter)).extract().path("data.conversations.totalCount");
        String csvUrl = GraphQL.query("mutation($f: ConversationFilterInput!) { conversationExport(filter: $f) { csvUrl } }",
                Map.of("f", filter)).extract().path("data.conversationExport.csvUrl");

        String[] lines = given().header(TestClients.API_KEY_HEADER, TestClients.READER).get(csvUrl).then().statusCode(200).extract().asString().strip().split("\n");
        assertThat(lines[0]).startsWith("id,start,end,direction,mediaType");
        assertThat(lines).hasSize(total + 1);
        assertThat(lines[1].split(",")[4]).isEqualTo("EMAIL");
    }

    @Test
    void unknownJobIsNotFound() {
        given().header(TestClients.API_KEY_HEADER, TestClients.READER).get("/analytics/exports/no-such-job.ndjson").then().statusCode(404)
                .body("code", equalTo("NOT_FOUND"));
    }

    @Test
    void exportIntervalIsValidatedToo() {
        Map<String, Object> backwards = filter(today, today.minus(1, ChronoUnit.DAYS));
        GraphQL.query("mutation($f: ConversationFilterInput!) { conversationExport(filter: $f) { id } }", Map.of("f", backwards))
                .body("errors[0].extensions.code", equalTo("VALIDATION_FAILED"));
        assertThat(Simulator.calls("POST", "/api/v2/analytics/conversations/details/jobs")).isZero();
    }
}
