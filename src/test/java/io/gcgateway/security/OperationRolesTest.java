package io.gcgateway.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.lang.reflect.Method;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.eclipse.microprofile.graphql.GraphQLApi;
import org.eclipse.microprofile.graphql.Mutation;
import org.eclipse.microprofile.graphql.Query;
import org.junit.jupiter.api.Test;

import io.smallrye.graphql.api.Subscription;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;

/**
 * Default deny: every GraphQL operation of the gateway, and every REST route outside the simulator, declares the
 * role it needs. A new resolver without one fails here instead of shipping open.
 */
class OperationRolesTest {

    @Test
    void everyOperationDeclaresItsRole() throws Exception {
        List<String> open = new ArrayList<>();
        int operations = 0;
        for (Class<?> type : gatewayClasses()) {
            boolean graphql = type.isAnnotationPresent(GraphQLApi.class);
            boolean rest = !type.isInterface() && type.isAnnotationPresent(jakarta.ws.rs.Path.class) && !type.getName().startsWith("io.gcgateway.simulator.")
                    && !type.getSimpleName().equals("DashboardResource");
            if (!graphql && !rest) {
                continue;
            }
            for (Method method : type.getDeclaredMethods()) {
                boolean operation = graphql
                        ? method.isAnnotationPresent(Query.class) || method.isAnnotationPresent(Mutation.class)
                                || method.isAnnotationPresent(Subscription.class)
                        : method.isAnnotationPresent(GET.class) || method.isAnnotationPresent(POST.class);
                if (!operation) {
                    continue;
                }
                operations++;
                if (!method.isAnnotationPresent(RequiresRole.class) && !type.isAnnotationPresent(RequiresRole.class)) {
                    open.add(type.getSimpleName() + "." + method.getName());
                }
            }
        }
        assertThat(operations).as("operations found").isGreaterThan(20);
        assertThat(open).as("operations without @RequiresRole").isEmpty();
    }

    @Test
    void writesNeedMoreThanReading() throws Exception {
        for (Class<?> type : gatewayClasses()) {
            for (Method method : type.getDeclaredMethods()) {
                if (method.isAnnotationPresent(Mutation.class) && !method.getName().equals("conversationExport")) {
                    assertThat(RoleCheckInterceptor.required(method)).as(type.getSimpleName() + "." + method.getName())
                            .isIn(Role.OPERATOR, Role.ADMIN);
                }
            }
        }
    }

    private static List<Class<?>> gatewayClasses() throws IOException, URISyntaxException, ClassNotFoundException {
        Path root = Path.of(RequiresRole.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        List<Class<?>> classes = new ArrayList<>();
        try (Stream<Path> files = Files.walk(root)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".class")).toList()) {
                String name = root.relativize(file).toString().replace('/', '.').replace(".class", "");
                if (name.startsWith("io.gcgateway.") && !name.contains("$")) {
                    classes.add(Class.forName(name, false, OperationRolesTest.class.getClassLoader()));
                }
            }
        }
        return classes;
    }
}
