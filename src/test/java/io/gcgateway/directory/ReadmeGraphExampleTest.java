package io.gcgateway.directory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.nullValue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.gcgateway.GraphQL;
import io.gcgateway.Simulator;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

/** The README's graph example (conversation → participant → user → presence) runs as documented. */
@QuarkusTest
class ReadmeGraphExampleTest {

    @Test
    void conversationToAgentToPresence() throws IOException {
        Simulator.resetWithCircuitBreakers();
        String readme = Files.readString(Path.of("README.md"));
        int section = readme.indexOf("<!-- tested by ReadmeGraphExampleTest -->");
        int start = readme.indexOf("```graphql", section) + "```graphql".length();
        String document = readme.substring(start, readme.indexOf("```", start));
        Instant today = Instant.now().truncatedTo(ChronoUnit.DAYS);
        JsonPath answer = GraphQL.query(document, Map.of("f", Map.of("interval", Map.of(
                "start", today.minus(7, ChronoUnit.DAYS).toString(), "end", today.toString()))))
                .body("errors", nullValue()).extract().jsonPath();
        List<Map<String, Object>> agents = answer.getList(
                "data.conversations.edges.node.participants.flatten().findAll { it.purpose == 'agent' }.user");
        assertThat(agents).isNotEmpty().allSatisfy(user -> {
            assertThat((String) user.get("name")).matches("[A-Z][a-z]+ [A-Z][a-z]+");
            assertThat(((Map<?, ?>) user.get("presence")).get("label")).isNotNull();
        });
        assertThat(answer.getList("data.conversations.edges.node.queues.flatten().name", String.class)).isNotEmpty();
        List<Map<String, Object>> observations = answer.getList("data.conversations.edges.node.queues.flatten().observation");
        assertThat(observations).isNotEmpty().allSatisfy(observation -> assertThat(observation).containsKey("waiting"));
    }
}
