package io.gcgateway;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.nullValue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import graphql.language.OperationDefinition;
import graphql.language.VariableDefinition;
import graphql.parser.Parser;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

/**
 * Every example in the README and {@code docs/} is run by a test or says it is illustrative: the line before each
 * fenced block is {@code <!-- tested by SomeTest -->} (a test class that reads that page) or
 * {@code <!-- illustrative: why -->}. The GraphQL blocks marked {@code tested by DocsExamplesTest} run here, each
 * operation on its own against the simulator, and must answer without errors.
 */
@QuarkusTest
class DocsExamplesTest {
    private static final Pattern FENCE = Pattern.compile("(?m)^ *```(\\w*)\\n(.*?)^ *```", Pattern.DOTALL);
    private static final Pattern TESTED_BY = Pattern.compile("<!-- tested by (\\w+) -->");
    private static final Pattern ILLUSTRATIVE = Pattern.compile("<!-- illustrative(: [^>]+)? -->");

    record Example(Path page, String language, String body, String marker) {
    }

    @Test
    void everyExampleIsTestedOrMarkedIllustrative() throws IOException {
        List<String> problems = new ArrayList<>();
        for (Example example : examples()) {
            Matcher tested = TESTED_BY.matcher(example.marker());
            if (tested.matches()) {
                Path test = testSource(tested.group(1));
                String pageName = example.page().getFileName().toString();
                if (test == null) {
                    problems.add(example.page() + ": no test class " + tested.group(1));
                } else if (!tested.group(1).equals(DocsExamplesTest.class.getSimpleName())
                        && !Files.readString(test).contains(pageName)) {
                    problems.add(example.page() + ": " + tested.group(1) + " does not read " + pageName);
                }
            } else if (!ILLUSTRATIVE.matcher(example.marker()).matches()) {
                problems.add(example.page() + ": a ```" + example.language() + " block without a marker before it: "
                        + example.body().lines().findFirst().orElse(""));
            }
        }
        assertThat(problems).isEmpty();
    }

    @Test
    void theGraphQLExamplesMarkedForThisTestAnswerWithoutErrors() throws IOException {
        Simulator.resetWithCircuitBreakers();
        int operations = 0;
        for (Example example : examples()) {
            if (!example.marker().equals("<!-- tested by DocsExamplesTest -->")) {
                continue;
            }
            assertThat(example.language()).as(example.page() + ": only graphql blocks run here").isEqualTo("graphql");
            for (OperationDefinition operation : Parser.parse(example.body()).getDefinitionsOfType(OperationDefinition.class)) {
                Map<String, Object> body = new HashMap<>();
                body.put("query", example.body());
                body.put("variables", variables(operation));
                if (operation.getName() != null) {
                    body.put("operationName", operation.getName());
                }
                given().contentType(ContentType.JSON).header(TestClients.API_KEY_HEADER, TestClients.ADMIN).body(body)
                        .post("/graphql").then().statusCode(200)
                        .body("errors", nullValue());
                operations++;
            }
        }
        assertThat(operations).as("operations run from the docs").isGreaterThanOrEqualTo(4);
    }

    /** Values for the variables the examples use, by name. */
    private static Map<String, Object> variables(OperationDefinition operation) {
        Map<String, Object> values = new HashMap<>();
        for (VariableDefinition variable : operation.getVariableDefinitions()) {
            switch (variable.getName()) {
                case "t" -> values.put("t", GraphQL.query("{ recordTables { id name } }").extract()
                        .path("data.recordTables.find { it.name == 'InventoryItem' }.id"));
                case "f" -> {
                    Instant today = Instant.now().truncatedTo(ChronoUnit.DAYS);
                    values.put("f", Map.of("interval", Map.of("start", today.minus(7, ChronoUnit.DAYS).toString(),
                            "end", today.toString())));
                }
                default -> throw new AssertionError("no value for $" + variable.getName() + " in " + operation.getName());
            }
        }
        return values;
    }

    private static List<Example> examples() throws IOException {
        List<Path> pages = new ArrayList<>();
        pages.add(Path.of("README.md"));
        try (Stream<Path> docs = Files.list(Path.of("docs"))) {
            docs.filter(path -> path.toString().endsWith(".md")).sorted().forEach(pages::add);
        }
        List<Example> examples = new ArrayList<>();
        for (Path page : pages) {
            String text = Files.readString(page);
            Matcher fence = FENCE.matcher(text);
            while (fence.find()) {
                String before = text.substring(0, fence.start()).stripTrailing();
                String marker = before.substring(before.lastIndexOf('\n') + 1).strip();
                examples.add(new Example(page, fence.group(1), fence.group(2), marker));
            }
        }
        return examples;
    }

    private static Path testSource(String className) throws IOException {
        try (Stream<Path> sources = Files.walk(Path.of("src", "test", "java"))) {
            return sources.filter(path -> path.getFileName().toString().equals(className + ".java")).findFirst().orElse(null);
        }
    }
}
