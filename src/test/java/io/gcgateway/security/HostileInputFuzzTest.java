package io.gcgateway.security;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.gcgateway.Simulator;
import io.gcgateway.TestClients;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;

/**
 * 1,200 malformed or hostile documents and variable sets from a seeded generator (the seed is printed on failure):
 * broken syntax, unknown fields, wrong and null variable types, huge numbers, deep nesting, unicode, enormous
 * strings. Every answer is a well-formed GraphQL error with a code, never a 5xx or a stack trace, and nothing
 * reaches Genesys.
 */
@QuarkusTest
class HostileInputFuzzTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final long SEED = 20261123L;
    private static final List<String> VALID = List.of(
            "{ organization { name } }",
            "query($f: ConversationFilterInput!) { conversations(filter: $f, first: 5) { totalCount } }",
            "{ dataActions(first: 5) { totalCount edges { node { id name } } } }",
            "mutation($id: ID!, $input: JSON!) { executeDataAction(actionId: $id, input: $input) { output } }",
            "query($t: ID!) { records(tableId: $t, first: 5) { totalCount } }");

    @Test
    void everyHostileRequestGetsAWellFormedErrorAndNoUpstreamCall() throws Exception {
        Simulator.resetWithCircuitBreakers();
        Random random = new Random(SEED);
        long before = Simulator.totalCalls();
        List<String> problems = new ArrayList<>();
        for (int i = 0; i < 1200; i++) {
            Map<String, Object> body = hostile(random, i);
            Response response = given().contentType("application/json").header(TestClients.API_KEY_HEADER, TestClients.ADMIN)
                    .body(JSON.writeValueAsString(body)).post("/graphql");
            String problem = check(response);
            if (problem != null) {
                problems.add("#" + i + " " + problem + " for " + abbreviate(JSON.writeValueAsString(body)));
            }
        }
        assertThat(problems).as("seed %d", SEED).isEmpty();
        assertThat(Simulator.totalCalls()).as("upstream calls: %s", given().get(Simulator.CONTROL + "/journal").asString())
                .isEqualTo(before);
    }

    private static String check(Response response) {
        int status = response.statusCode();
        if (status >= 500) {
            return "HTTP " + status;
        }
        String text = response.asString();
        if (text.contains("\tat ") || text.contains("Exception:") || text.contains("java.lang")) {
            return "stack trace or exception text: " + abbreviate(text);
        }
        if (status == 413) {
            return null;
        }
        JsonNode body;
        try {
            body = JSON.readTree(text);
        } catch (Exception e) {
            return "not JSON: " + abbreviate(text);
        }
        JsonNode errors = body.path("errors");
        if (!errors.isArray() || errors.isEmpty()) {
            return "no errors: " + abbreviate(text);
        }
        for (JsonNode error : errors) {
            if (!error.path("message").isTextual()) {
                return "error without message: " + abbreviate(text);
            }
            if (!error.path("extensions").path("code").isTextual()) {
                return "error without code: " + abbreviate(text);
            }
        }
        return null;
    }

    private static Map<String, Object> hostile(Random random, int i) {
        String base = VALID.get(random.nextInt(VALID.size()));
        Map<String, Object> body = new HashMap<>();
        Map<String, Object> variables = new LinkedHashMap<>();
        switch (i % 8) {
            case 0 -> body.put("query", base.substring(0, 1 + random.nextInt(base.lastIndexOf('}'))));
            case 1 -> body.put("query", base + "{".repeat(1 + random.nextInt(3)));
            case 2 -> body.put("query", "{ organization { " + unicode(random, 1 + random.nextInt(20)) + " } }");
            case 3 -> {
                body.put("query", VALID.get(1));
                variables.put("f", junk(random, 0));
            }
            case 4 -> body.put("query", "{ dataActions(first: " + hugeNumber(random) + ") { totalCount } }");
            case 5 -> {
                body.put("query", VALID.get(3));
                variables.put("id", random.nextBoolean() ? null : junk(random, 0));
                variables.put("input", nested(33 + random.nextInt(60)));
            }
            case 6 -> {
                body.put("query", "query($a: String) { dataActions(first: 5, after: $a) { totalCount } }");
                variables.put("a", "x".repeat(1 + random.nextInt(300_000)));
            }
            default -> {
                body.put("query", VALID.get(4));
                variables.put("t", random.nextBoolean() ? List.of(1, 2) : Map.of("$ne", unicode(random, 5)));
            }
        }
        body.put("variables", variables);
        return body;
    }

    private static Object junk(Random random, int depth) {
        return switch (random.nextInt(depth > 3 ? 4 : 6)) {
            case 0 -> hugeNumber(random);
            case 1 -> unicode(random, random.nextInt(40));
            case 2 -> null;
            case 3 -> random.nextBoolean();
            case 4 -> Arrays.asList(junk(random, depth + 1), junk(random, depth + 1));
            default -> {
                Map<String, Object> object = new HashMap<>();
                object.put(unicode(random, 3), junk(random, depth + 1));
                object.put("first", junk(random, depth + 1));
                yield object;
            }
        };
    }

    private static Map<String, Object> nested(int depth) {
        Map<String, Object> root = new HashMap<>();
        Map<String, Object> level = root;
        for (int i = 0; i < depth; i++) {
            Map<String, Object> next = new HashMap<>();
            level.put("n", next);
            level = next;
        }
        return root;
    }

    private static String hugeNumber(Random random) {
        return switch (random.nextInt(4)) {
            case 0 -> "9".repeat(20 + random.nextInt(200));
            case 1 -> "-" + "9".repeat(12);
            case 2 -> "1e" + random.nextInt(400);
            default -> String.valueOf(Long.MIN_VALUE);
        };
    }

    private static String unicode(Random random, int length) {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < length; i++) {
            int codePoint = switch (random.nextInt(4)) {
                case 0 -> 0x1F600 + random.nextInt(80);
                case 1 -> 0x0400 + random.nextInt(200);
                case 2 -> 0x4E00 + random.nextInt(2000);
                default -> 'a' + random.nextInt(26);
            };
            text.appendCodePoint(codePoint);
        }
        return text.toString();
    }

    private static String abbreviate(String text) {
        return text.length() > 300 ? text.substring(0, 300) + "…" : text;
    }
}
