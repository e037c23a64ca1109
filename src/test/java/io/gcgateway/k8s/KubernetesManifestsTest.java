package io.gcgateway.k8s;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;

/**
 * The committed manifests in {@code k8s/} parse, and agree with the application: ports, probe paths, the env
 * names that feed {@code genesys.client-id}/{@code client-secret}, and the Redis service the prod profile uses.
 */
class KubernetesManifestsTest {
    private static final List<JsonNode> RESOURCES = new ArrayList<>();
    private static final Properties APPLICATION = new Properties();

    @BeforeAll
    static void load() throws IOException {
        ObjectMapper yaml = new ObjectMapper(new YAMLFactory());
        try (YAMLParser parser = new YAMLFactory().createParser(Path.of("k8s/kubernetes.yml").toFile())) {
            List<JsonNode> docs = yaml.readValues(parser, JsonNode.class).readAll();
            docs.stream().filter(doc -> doc != null && !doc.isNull()).forEach(RESOURCES::add);
        }
        try (var in = Files.newInputStream(Path.of("src/main/resources/application.properties"))) {
            APPLICATION.load(in);
        }
    }

    @Test
    void everyResourceHasKindAndName() {
        assertThat(RESOURCES).isNotEmpty();
        for (JsonNode resource : RESOURCES) {
            assertThat(resource.path("apiVersion").asText()).isNotBlank();
            assertThat(resource.path("kind").asText()).isNotBlank();
            assertThat(resource.path("metadata").path("name").asText()).isNotBlank();
        }
        assertThat(kinds()).contains("Deployment", "Service", "ConfigMap", "Secret");
    }

    @Test
    void gatewayDeploymentMatchesTheApplication() {
        JsonNode container = find("Deployment", "genesys-gateway").at("/spec/template/spec/containers/0");
        int httpPort = Integer.parseInt(APPLICATION.getProperty("quarkus.http.port", "8080"));
        assertThat(container.at("/ports/0/containerPort").asInt()).isEqualTo(httpPort);
        assertThat(container.at("/livenessProbe/httpGet/path").asText()).isEqualTo("/q/health/live");
        assertThat(container.at("/readinessProbe/httpGet/path").asText()).isEqualTo("/q/health/ready");
        assertThat(container.at("/livenessProbe/httpGet/port").asInt()).isEqualTo(httpPort);
        assertThat(container.at("/resources/requests/memory").asText()).isNotBlank();
        assertThat(container.at("/resources/limits/memory").asText()).isNotBlank();

        List<String> secretEnv = new ArrayList<>();
        for (JsonNode env : container.path("env")) {
            if (env.at("/valueFrom/secretKeyRef/name").asText().equals("genesys-credentials")) {
                secretEnv.add(env.path("name").asText());
            }
        }
        // GENESYS_CLIENT_ID / GENESYS_CLIENT_SECRET are the environment names of genesys.client-id / client-secret.
        assertThat(secretEnv).containsExactlyInAnyOrder("GENESYS_CLIENT_ID", "GENESYS_CLIENT_SECRET");
        assertThat(container.at("/envFrom/0/configMapRef/name").asText()).isEqualTo("genesys-gateway-config");
        // Client credentials: Secret gateway-clients mounted where Quarkus reads config/application.properties.
        JsonNode mount = null;
        for (JsonNode m : container.path("volumeMounts")) {
            if (m.path("name").asText().equals("gateway-clients")) {
                mount = m;
            }
        }
        assertThat(mount).as("gateway-clients volume mount").isNotNull();
        assertThat(mount.path("mountPath").asText()).isEqualTo("/deployments/config");

        JsonNode service = find("Service", "genesys-gateway");
        assertThat(service.at("/spec/ports/0/targetPort").asInt()).isEqualTo(httpPort);
    }

    @Test
    void configMapPointsTheGatewayAtTheRedisServices() {
        JsonNode config = find("ConfigMap", "genesys-gateway-config").path("data");
        assertThat(config.path("GENESYS_REGION").asText()).matches("[a-z0-9.-]+\\.[a-z]+");
        assertThat(APPLICATION.getProperty("%prod.quarkus.redis.hosts")).contains("${REDIS_URL");
        assertThat(APPLICATION.getProperty("quarkus.redis.state.hosts")).contains("${REDIS_STATE_URL");
        assertThat(APPLICATION.getProperty("quarkus.redis.cache.hosts")).contains("${REDIS_CACHE_URL");
        assertThat(config.path("REDIS_STATE_URL").asText()).isEqualTo(url(find("Service", "genesys-gateway-redis-state")));
        assertThat(config.path("REDIS_CACHE_URL").asText()).isEqualTo(url(find("Service", "genesys-gateway-redis")));
        assertThat(config.path("REDIS_URL").asText()).isEqualTo(config.path("REDIS_STATE_URL").asText());
        JsonNode cacheService = find("Service", "genesys-gateway-redis");
        assertThat(find("Deployment", "genesys-gateway-redis").at("/spec/template/spec/containers/0/ports/0/containerPort")
                .asInt()).isEqualTo(cacheService.at("/spec/ports/0/targetPort").asInt());
    }

    @Test
    void theStateRedisPersistsAndNeverEvictsWhileTheCacheMayEvict() {
        JsonNode state = find("StatefulSet", "genesys-gateway-redis-state");
        String stateArgs = state.at("/spec/template/spec/containers/0/args").toString();
        assertThat(stateArgs).contains("\"--appendonly\",\"yes\"").contains("\"--appendfsync\",\"everysec\"")
                .contains("\"--maxmemory-policy\",\"noeviction\"");
        String dataPath = state.at("/spec/template/spec/containers/0/volumeMounts/0/mountPath").asText();
        assertThat(stateArgs).contains("\"--dir\",\"" + dataPath + "\"");
        assertThat(state.at("/spec/volumeClaimTemplates/0/metadata/name").asText())
                .isEqualTo(state.at("/spec/template/spec/containers/0/volumeMounts/0/name").asText());
        assertThat(state.at("/spec/template/spec/containers/0/ports/0/containerPort").asInt())
                .isEqualTo(find("Service", "genesys-gateway-redis-state").at("/spec/ports/0/targetPort").asInt());

        String cacheArgs = find("Deployment", "genesys-gateway-redis").at("/spec/template/spec/containers/0/args").toString();
        assertThat(cacheArgs).contains("\"--maxmemory-policy\",\"allkeys-lru\"").contains("\"--appendonly\",\"no\"");
    }

    @Test
    void theGatewayScalesSurvivesDrainsAndIsScrapedForMetrics() {
        JsonNode deployment = find("Deployment", "genesys-gateway");
        JsonNode labels = deployment.at("/spec/template/metadata/labels");
        JsonNode container = deployment.at("/spec/template/spec/containers/0");
        assertThat(container.at("/resources/limits/cpu").asText()).isNotBlank();
        assertThat(container.at("/resources/requests/cpu").asText()).isNotBlank();

        JsonNode hpa = find("HorizontalPodAutoscaler", "genesys-gateway");
        assertThat(hpa.path("apiVersion").asText()).isEqualTo("autoscaling/v2");
        assertThat(hpa.at("/spec/scaleTargetRef/kind").asText()).isEqualTo("Deployment");
        assertThat(hpa.at("/spec/scaleTargetRef/name").asText()).isEqualTo("genesys-gateway");
        assertThat(hpa.at("/spec/minReplicas").asInt()).isGreaterThanOrEqualTo(2);
        assertThat(hpa.at("/spec/maxReplicas").asInt()).isGreaterThan(hpa.at("/spec/minReplicas").asInt());
        assertThat(hpa.at("/spec/metrics/0/resource/name").asText()).isEqualTo("cpu");

        JsonNode pdb = find("PodDisruptionBudget", "genesys-gateway");
        assertThat(pdb.path("apiVersion").asText()).isEqualTo("policy/v1");
        assertThat(pdb.at("/spec/minAvailable").asInt()).isBetween(1, hpa.at("/spec/minReplicas").asInt() - 1);
        pdb.at("/spec/selector/matchLabels").fields().forEachRemaining(label ->
                assertThat(labels.path(label.getKey()).asText()).as("PDB selector " + label.getKey())
                        .isEqualTo(label.getValue().asText()));

        // Prometheus annotations on the pods and the Service, and a named port a ServiceMonitor can select.
        int httpPort = Integer.parseInt(APPLICATION.getProperty("quarkus.http.port", "8080"));
        for (JsonNode annotated : List.of(deployment.at("/spec/template/metadata/annotations"),
                find("Service", "genesys-gateway").at("/metadata/annotations"))) {
            assertThat(annotated.path("prometheus.io/scrape").asText()).isEqualTo("true");
            assertThat(annotated.path("prometheus.io/path").asText()).isEqualTo("/q/metrics");
            assertThat(annotated.path("prometheus.io/port").asText()).isEqualTo(String.valueOf(httpPort));
        }
        assertThat(find("Service", "genesys-gateway").at("/spec/ports/0/name").asText()).isEqualTo("http");
    }

    private static String url(JsonNode service) {
        return "redis://" + service.at("/metadata/name").asText() + ":" + service.at("/spec/ports/0/port").asInt();
    }

    private static List<String> kinds() {
        return RESOURCES.stream().map(r -> r.path("kind").asText()).toList();
    }

    private static JsonNode find(String kind, String name) {
        return RESOURCES.stream()
                .filter(r -> r.path("kind").asText().equals(kind) && r.at("/metadata/name").asText().equals(name))
                .findFirst().orElseThrow(() -> new AssertionError("no " + kind + " " + name + " in k8s/kubernetes.yml"));
    }
}
