package io.gcgateway.gateway;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.gcgateway.GraphQL;
import io.quarkus.test.junit.QuarkusTest;

/** Every metric the Grafana dashboard in docs/ plots is one the gateway exports at /q/metrics. */
@QuarkusTest
class GrafanaDashboardTest {
    private static final Pattern METRIC = Pattern.compile("\\bgateway_[a-z_]+");

    @Test
    void everyPanelQueriesAMetricTheGatewayExports() throws Exception {
        Instant today = Instant.now().truncatedTo(ChronoUnit.DAYS);
        GraphQL.query("query DashboardPage($f: ConversationFilterInput!) { conversations(filter: $f, first: 2) { totalCount } }",
                Map.of("f", Map.of("interval", Map.of("start", today.minus(1, ChronoUnit.DAYS).toString(), "end", today.toString()))));
        GraphQL.query("query DashboardTypo { organization { nme } }");
        String exported = given().get("/q/metrics").then().statusCode(200).extract().asString();

        JsonNode dashboard = new ObjectMapper().readTree(Path.of("docs", "grafana-dashboard.json").toFile());
        Set<String> plotted = new TreeSet<>();
        for (JsonNode panel : dashboard.path("panels")) {
            assertThat(panel.path("targets")).as("panel " + panel.path("title").asText()).isNotEmpty();
            for (JsonNode target : panel.path("targets")) {
                Matcher metric = METRIC.matcher(target.path("expr").asText());
                while (metric.find()) {
                    plotted.add(metric.group());
                }
            }
        }
        assertThat(plotted).hasSizeGreaterThanOrEqualTo(6);
        assertThat(plotted).allSatisfy(metric -> assertThat(exported).as("exported metrics").containsPattern(
                "(?m)^" + Pattern.quote(metric) + "[{ ]"));
    }
}
