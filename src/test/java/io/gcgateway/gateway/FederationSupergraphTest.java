package io.gcgateway.gateway;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.ServerSocket;
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
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import io.gcgateway.GraphQL;
import io.gcgateway.TestClients;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.RestAssured;
import io.restassured.path.json.JsonPath;

/**
 * The gateway as one subgraph of a company's supergraph, checked with the tools such a company runs: the served
 * subgraph SDL composes with a second subgraph (a tiny CRM written here that adds {@code User.crmAccount}) in The
 * Guild's composer, Hive Gateway serves the supergraph, and one query crosses both. graphql-js also builds the served
 * {@code /graphql/schema.graphql}. Needs Node.js (the npm packages are installed under {@code target/}); skipped with
 * a message when Node.js is absent.
 */
@QuarkusTest
@TestProfile(FederationTest.Subgraph.class)
class FederationSupergraphTest {
    private static final Path DIR = Path.of("target", "federation-supergraph");
    private static final List<String> PACKAGES = List.of("@graphql-hive/gateway@2.15.1",
            "@theguild/federation-composition@0.27.0", "@apollo/subgraph@2.15.1", "graphql@16.11.0");
    private static final String CRM_SCHEMA = """
            export const typeDefs = `
              extend schema @link(url: "https://specs.apollo.dev/federation/v2.7", import: ["@key"])
              type User @key(fields: "id") { id: ID! crmAccount: String }`;
            """;
    private static final String CRM = """
            import { createServer } from 'node:http';
            import { parse, graphql } from 'graphql';
            import { buildSubgraphSchema } from '@apollo/subgraph';
            import { typeDefs } from './crm-schema.mjs';
            const schema = buildSubgraphSchema([{ typeDefs: parse(typeDefs), resolvers: { User: {
              __resolveReference: (user) => ({ id: user.id }),
              crmAccount: (user) => 'CRM-' + user.id.slice(0, 8) } } }]);
            createServer(async (request, response) => {
              let body = '';
              for await (const chunk of request) body += chunk;
              const { query, variables, operationName } = JSON.parse(body);
              const result = await graphql({ schema, source: query, variableValues: variables, operationName });
              response.setHeader('content-type', 'application/json');
              response.end(JSON.stringify(result));
            }).listen(Number(process.argv[2]), '127.0.0.1');
            """;
    private static final String COMPOSE = """
            import { readFileSync, writeFileSync } from 'node:fs';
            import { parse } from 'graphql';
            import { composeServices, compositionHasErrors } from '@theguild/federation-composition';
            import { typeDefs } from './crm-schema.mjs';
            const [genesysUrl, crmUrl] = process.argv.slice(2);
            const result = composeServices([
              { name: 'genesys', url: genesysUrl, typeDefs: parse(readFileSync('genesys.graphql', 'utf8')) },
              { name: 'crm', url: crmUrl, typeDefs: parse(typeDefs) }]);
            if (compositionHasErrors(result)) {
              console.error(result.errors.map((e) => e.message).join('\\n'));
              process.exit(1);
            }
            writeFileSync('supergraph.graphql', result.supergraphSdl);
            """;

    @Test
    void aQueryThroughHiveGatewayJoinsGenesysUsersWithAnotherSubgraphsField() throws Exception {
        Assumptions.assumeTrue(run(Path.of("."), 30, "node", "--version") == 0,
                "Node.js is not installed: the federation supergraph test is skipped");
        Files.createDirectories(DIR);
        if (!Files.exists(DIR.resolve("node_modules/.bin/hive-gateway"))) {
            Files.writeString(DIR.resolve("package.json"), "{\"name\":\"federation-supergraph-test\",\"private\":true,\"type\":\"module\"}");
            List<String> install = new ArrayList<>(List.of("npm", "install", "--no-audit", "--no-fund", "--silent", "--save-exact"));
            install.addAll(PACKAGES);
            assertThat(run(DIR, 600, install.toArray(String[]::new))).as("npm install " + PACKAGES).isZero();
        }
        Files.writeString(DIR.resolve("crm-schema.mjs"), CRM_SCHEMA);
        Files.writeString(DIR.resolve("crm.mjs"), CRM);
        Files.writeString(DIR.resolve("compose.mjs"), COMPOSE);
        // The Hive Gateway configuration docs/federation.md gives, as it is there.
        String docs = Files.readString(Path.of("docs", "federation.md"));
        int config = docs.indexOf("```js", docs.indexOf("<!-- tested by FederationSupergraphTest -->")) + "```js".length();
        Files.writeString(DIR.resolve("gateway.config.mjs"), docs.substring(config, docs.indexOf("```", config)));

        // graphql-js accepts the published schema file as it is.
        Files.writeString(DIR.resolve("schema.graphql"), given().get("/graphql/schema.graphql").then().extract().asString());
        assertThat(run(DIR, 60, "node", "-e",
                "require('graphql').buildSchema(require('fs').readFileSync('schema.graphql', 'utf8'))")).isZero();

        Files.writeString(DIR.resolve("genesys.graphql"), GraphQL.query("{ _service { sdl } }").extract().<String> path("data._service.sdl"));
        int crmPort = freePort();
        int hivePort = freePort();
        List<Process> started = new ArrayList<>();
        try {
            started.add(start("crm.log", "node", "crm.mjs", String.valueOf(crmPort)));
            assertThat(run(DIR, 120, "node", "compose.mjs", "http://127.0.0.1:" + RestAssured.port + "/graphql",
                    "http://127.0.0.1:" + crmPort + "/graphql")).as("composition (see target/federation-supergraph/run.log)").isZero();
            started.add(start("hive.log", "node_modules/.bin/hive-gateway", "supergraph", "supergraph.graphql", "-c",
                    "gateway.config.mjs", "--host", "127.0.0.1", "--port", String.valueOf(hivePort)));

            HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
            HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + hivePort + "/graphql"))
                    .header("content-type", "application/json").header(TestClients.API_KEY_HEADER, TestClients.READER)
                    .POST(HttpRequest.BodyPublishers.ofString(
                            "{\"query\":\"{ users(first: 3) { edges { node { id name crmAccount } } } }\"}"))
                    .build();
            String answer = await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).ignoreExceptions()
                    .until(() -> http.send(request, HttpResponse.BodyHandlers.ofString()).body(), body -> body.contains("\"users\""));
            JsonPath json = new JsonPath(answer);
            assertThat(json.getList("errors")).as(answer).isNull();
            List<Map<String, String>> users = json.getList("data.users.edges.node");
            assertThat(users).hasSize(3).allSatisfy(user -> {
                assertThat(user.get("name")).as("from the Genesys subgraph").isNotBlank();
                assertThat(user.get("crmAccount")).as("from the CRM subgraph").isEqualTo("CRM-" + user.get("id").substring(0, 8));
            });
        } finally {
            for (Process process : started) {
                process.descendants().forEach(ProcessHandle::destroy);
                process.destroy();
                process.waitFor(10, TimeUnit.SECONDS);
            }
        }
    }

    private static Process start(String log, String... command) throws IOException {
        return new ProcessBuilder(command).directory(DIR.toFile()).redirectErrorStream(true)
                .redirectOutput(DIR.resolve(log).toFile()).start();
    }

    /** Runs a command to its end (output appended to run.log); its exit code, or -1 when it cannot start. */
    private static int run(Path directory, int timeoutSeconds, String... command) throws InterruptedException {
        try {
            Files.createDirectories(DIR);
            Process process = new ProcessBuilder(command).directory(directory.toFile()).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(DIR.resolve("run.log").toFile())).start();
            if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                return -1;
            }
            return process.exitValue();
        } catch (IOException e) {
            return -1;
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
