package io.gcgateway.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.nullValue;

import java.lang.reflect.Method;
import java.lang.reflect.Parameter;
import java.lang.reflect.ParameterizedType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.eclipse.microprofile.graphql.GraphQLApi;
import org.eclipse.microprofile.graphql.Name;
import org.eclipse.microprofile.graphql.Source;
import org.eclipse.microprofile.graphql.Type;
import org.junit.jupiter.api.Test;

import graphql.schema.FieldCoordinates;
import graphql.schema.GraphQLSchema;
import io.gcgateway.GraphQL;
import io.gcgateway.security.RequiresRole;
import io.quarkus.arc.Arc;
import io.quarkus.test.junit.QuarkusTest;

/**
 * Every {@link BatchShortcut} is attached to the batch field it names (a misspelt one would silently never answer),
 * and requires exactly the role of that field's batch resolver (a shortcut must not answer a caller the resolver would
 * refuse). What the shortcuts answer is checked against the batches in DirectoryGraphTest.
 */
@QuarkusTest
class BatchShortcutsTest {

    @Test
    void everyShortcutServesItsBatchFieldWithTheResolversRole() throws Exception {
        GraphQL.query("{ __typename }").body("errors", nullValue());
        GraphQLSchema executed = GraphQLEngine.executedSchema();
        List<BatchShortcut> shortcuts = new ArrayList<>();
        Arc.container().select(BatchShortcuts.class).forEach(feature -> shortcuts.addAll(feature.shortcuts()));
        assertThat(shortcuts).as("the directory's relationships").hasSizeGreaterThanOrEqualTo(13);
        List<Method> batchResolvers = batchResolvers();
        for (BatchShortcut shortcut : shortcuts) {
            Object fetcher = executed.getCodeRegistry().getDataFetcher(
                    FieldCoordinates.coordinates(shortcut.type(), shortcut.field()),
                    executed.getObjectType(shortcut.type()).getFieldDefinition(shortcut.field()));
            if (fetcher instanceof LiveFieldFetcher live) {
                fetcher = live.field();
            }
            assertThat(fetcher).as(shortcut.coordinates()).isInstanceOfSatisfying(SourceBatchFetcher.class,
                    batch -> assertThat(batch.shortcut()).extracting(BatchShortcut::coordinates, BatchShortcut::required)
                            .containsExactly(shortcut.coordinates(), shortcut.required()));
            List<Method> resolver = batchResolvers.stream()
                    .filter(method -> fieldName(method).equals(shortcut.field()) && sourceType(method).equals(shortcut.type()))
                    .toList();
            assertThat(resolver).as("the batch resolver of " + shortcut.coordinates()).hasSize(1);
            assertThat(shortcut.required()).as(shortcut.coordinates()).isEqualTo(role(resolver.get(0)));
        }
    }

    private static io.gcgateway.security.Role role(Method method) {
        RequiresRole role = method.isAnnotationPresent(RequiresRole.class) ? method.getAnnotation(RequiresRole.class)
                : method.getDeclaringClass().getAnnotation(RequiresRole.class);
        return role.value();
    }

    private static String fieldName(Method method) {
        Name name = method.getAnnotation(Name.class);
        return name == null ? method.getName() : name.value();
    }

    /** The GraphQL type of a batch resolver's {@code @Source List<…>} elements. */
    private static String sourceType(Method method) {
        for (Parameter parameter : method.getParameters()) {
            if (parameter.isAnnotationPresent(Source.class)
                    && parameter.getParameterizedType() instanceof ParameterizedType list
                    && list.getActualTypeArguments()[0] instanceof Class<?> element) {
                Type type = element.getAnnotation(Type.class);
                return type == null || type.value().isEmpty() ? element.getSimpleName() : type.value();
            }
        }
        return "";
    }

    private static List<Method> batchResolvers() throws Exception {
        Path root = Path.of(GraphQLEngine.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        List<Method> methods = new ArrayList<>();
        try (Stream<Path> files = Files.walk(root)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".class")).toList()) {
                String name = root.relativize(file).toString().replace('/', '.').replace(".class", "");
                if (!name.startsWith("io.gcgateway.") || name.contains("$")) {
                    continue;
                }
                Class<?> type = Class.forName(name, false, BatchShortcutsTest.class.getClassLoader());
                if (type.isAnnotationPresent(GraphQLApi.class)) {
                    for (Method method : type.getDeclaredMethods()) {
                        if (!sourceType(method).isEmpty()) {
                            methods.add(method);
                        }
                    }
                }
            }
        }
        return methods;
    }
}
