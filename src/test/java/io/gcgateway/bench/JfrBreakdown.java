package io.gcgateway.bench;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordingFile;

/**
 * Where a JFR recording's CPU samples go, by component: each sample is charged to the component of the innermost
 * frame that belongs to one (JDK frames are charged to their caller's component), so the shares add up to 100 %.
 * Then the methods most often on the stack ("inclusive"), for the gateway's own code and any prefix given.
 * <p>
 * Usage (the recipe is in docs/benchmarks.md): {@code java -cp target/test-classes io.gcgateway.bench.JfrBreakdown
 * target/gateway.jfr [package-prefix ...]}
 */
public final class JfrBreakdown {
    /** Components in the order they are tried on a frame; the first prefix that matches names it. */
    private static final Map<String, String> COMPONENTS = new LinkedHashMap<>();

    static {
        COMPONENTS.put("graphql.parser.", "graphql-java: parsing documents");
        COMPONENTS.put("graphql.org.antlr.", "graphql-java: parsing documents");
        COMPONENTS.put("graphql.validation.", "graphql-java: validation");
        COMPONENTS.put("graphql.", "graphql-java: execution");
        COMPONENTS.put("org.dataloader.", "java-dataloader (batch fields)");
        COMPONENTS.put("io.smallrye.graphql.execution.ExecutionResponse", "SmallRye: JSON-P response tree");
        COMPONENTS.put("org.eclipse.parsson.", "Parsson (JSON-P)");
        COMPONENTS.put("org.eclipse.yasson.", "Yasson (JSON-B: SmallRye input arguments)");
        COMPONENTS.put("io.smallrye.graphql.", "SmallRye GraphQL");
        COMPONENTS.put("io.quarkus.smallrye.graphql.", "SmallRye GraphQL");
        COMPONENTS.put("com.fasterxml.jackson.core.", "Jackson: tokens (Genesys pages, cache entries)");
        COMPONENTS.put("com.fasterxml.jackson.databind.", "Jackson: data binding");
        COMPONENTS.put("io.gcgateway.", "gateway code");
        COMPONENTS.put("io.vertx.redis.", "Redis client");
        COMPONENTS.put("org.jboss.resteasy.reactive.client.", "REST client");
        COMPONENTS.put("io.quarkus.rest.client.", "REST client");
        COMPONENTS.put("org.jboss.resteasy.", "RESTEasy (other)");
        COMPONENTS.put("io.smallrye.faulttolerance.", "Fault tolerance");
        COMPONENTS.put("io.quarkus.vertx.http.runtime.security.", "Quarkus security");
        COMPONENTS.put("io.quarkus.security.", "Quarkus security");
        COMPONENTS.put("io.smallrye.mutiny.", "Mutiny");
        COMPONENTS.put("io.smallrye.context.", "Context propagation");
        COMPONENTS.put("io.quarkus.arc.", "ArC (CDI)");
        COMPONENTS.put("io.opentelemetry.", "OpenTelemetry");
        COMPONENTS.put("io.quarkus.opentelemetry.", "OpenTelemetry");
        COMPONENTS.put("io.micrometer.", "Micrometer");
        COMPONENTS.put("com.github.benmanes.caffeine.", "Caffeine");
        COMPONENTS.put("io.vertx.ext.web.", "Vert.x Web");
        COMPONENTS.put("io.vertx.core.http.", "Vert.x HTTP");
        COMPONENTS.put("io.vertx.", "Vert.x core");
        COMPONENTS.put("io.quarkus.vertx.", "Quarkus HTTP");
        COMPONENTS.put("io.netty.", "Netty");
    }

    private JfrBreakdown() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length == 0) {
            System.err.println("usage: JfrBreakdown recording.jfr [package-prefix ...]");
            System.exit(2);
        }
        List<String> prefixes = new ArrayList<>(List.of("io.gcgateway."));
        prefixes.addAll(List.of(args).subList(1, args.length));
        Map<String, Integer> byComponent = new HashMap<>();
        Map<String, Integer> inclusive = new HashMap<>();
        int samples = 0;
        for (RecordedEvent event : RecordingFile.readAllEvents(Path.of(args[0]))) {
            if (!"jdk.ExecutionSample".equals(event.getEventType().getName()) || event.getStackTrace() == null) {
                continue;
            }
            samples++;
            String component = null;
            Set<String> seen = new HashSet<>();
            for (RecordedFrame frame : event.getStackTrace().getFrames()) {
                String method = frame.getMethod().getType().getName() + "." + frame.getMethod().getName();
                if (component == null) {
                    component = componentOf(method);
                }
                if (prefixes.stream().anyMatch(method::startsWith) && seen.add(method)) {
                    inclusive.merge(method, 1, Integer::sum);
                }
            }
            byComponent.merge(component == null ? "JDK only" : component, 1, Integer::sum);
        }
        System.out.printf("%d CPU samples (Java threads)%n%nBy component (innermost frame that has one):%n", samples);
        print(byComponent, samples, 40);
        System.out.printf("%nOn the stack, for %s:%n", prefixes);
        print(inclusive, samples, 40);
    }

    private static String componentOf(String method) {
        for (Map.Entry<String, String> component : COMPONENTS.entrySet()) {
            if (method.startsWith(component.getKey())) {
                return component.getValue();
            }
        }
        return null;
    }

    private static void print(Map<String, Integer> counts, int samples, int limit) {
        counts.entrySet().stream().sorted(Map.Entry.<String, Integer> comparingByValue().reversed()).limit(limit)
                .forEach(entry -> System.out.printf("%6.1f %%  %s%n", entry.getValue() * 100.0 / samples, entry.getKey()));
    }
}
