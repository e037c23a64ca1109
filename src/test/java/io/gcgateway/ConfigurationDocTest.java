package io.gcgateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithName;
import io.smallrye.config.WithParentName;

/**
 * docs/configuration.md and the {@code @ConfigMapping} interfaces agree: every setting the code reads is in the table,
 * and every {@code gateway.*}, {@code genesys.*}, ... key in the table is one the code reads. A row may name several
 * keys ({@code a.b.c} / {@code d} is {@code a.b.c} and {@code a.b.d}); {@code <name>} stands for a map key.
 */
class ConfigurationDocTest {
    private static final Path PAGE = Path.of("docs", "configuration.md");
    private static final Pattern ROW = Pattern.compile("(?m)^\\| (`[^|]+) \\|");
    private static final Pattern KEY = Pattern.compile("`([^`]+)`");

    @Test
    void everySettingIsDocumentedAndEveryDocumentedSettingExists() throws Exception {
        Set<String> code = new TreeSet<>();
        Set<String> roots = new TreeSet<>();
        for (Class<?> mapping : mappings()) {
            String prefix = mapping.getAnnotation(ConfigMapping.class).prefix();
            roots.add(prefix.split("\\.")[0] + ".");
            properties(mapping, prefix, code);
        }
        Set<String> documented = documented();

        List<String> undocumented = code.stream().filter(key -> documented.stream().noneMatch(doc -> covers(doc, key)))
                .toList();
        List<String> unknown = documented.stream()
                .filter(doc -> roots.stream().anyMatch(doc::startsWith))
                .filter(doc -> code.stream().noneMatch(key -> covers(doc, key)))
                .toList();
        assertThat(undocumented).as("settings read by the code but missing from " + PAGE).isEmpty();
        assertThat(unknown).as("keys in " + PAGE + " that no @ConfigMapping reads").isEmpty();
    }

    /** Whether the documented key (map keys as {@code *}, a trailing {@code .*} for a whole group) names {@code key}. */
    private static boolean covers(String doc, String key) {
        if (doc.equals(key)) {
            return true;
        }
        String regex = Pattern.quote(doc).replace("*", "\\E[^.]+\\Q");
        if (doc.endsWith(".*")) {
            regex = Pattern.quote(doc.substring(0, doc.length() - 2)).replace("*", "\\E[^.]+\\Q") + "\\..+";
        }
        return key.replace("*", "x").matches(regex) || key.equals(doc.replace("*", "*"));
    }

    private static Set<String> documented() throws IOException {
        Set<String> keys = new TreeSet<>();
        Matcher row = ROW.matcher(Files.readString(PAGE));
        while (row.find()) {
            Matcher key = KEY.matcher(row.group(1));
            String first = null;
            while (key.find()) {
                String value = normalize(key.group(1));
                if (first == null) {
                    first = value;
                    keys.add(value);
                } else if (value.startsWith(".")) {
                    keys.add(first.substring(0, first.lastIndexOf('.')) + value);
                } else if (!value.contains(".")) {
                    keys.add(first.substring(0, first.lastIndexOf('.') + 1) + value);
                } else {
                    keys.add(value);
                }
            }
        }
        return keys;
    }

    /** {@code <table>}, {@code "<table>"} and {@code "InventoryItem"} are map keys: {@code *}. */
    private static String normalize(String key) {
        return key.replaceAll("\"[^\"]*\"", "*").replaceAll("<[^>]*>", "*");
    }

    private static void properties(Class<?> group, String prefix, Set<String> into) {
        for (Method method : group.getMethods()) {
            if (method.isDefault() || Modifier.isStatic(method.getModifiers()) || method.getParameterCount() > 0
                    || method.getDeclaringClass() == Object.class) {
                continue;
            }
            String name = method.isAnnotationPresent(WithParentName.class) ? null
                    : method.isAnnotationPresent(WithName.class) ? method.getAnnotation(WithName.class).value()
                    : kebab(method.getName());
            String key = name == null ? prefix : prefix + "." + name;
            property(method.getGenericReturnType(), key, into);
        }
    }

    private static void property(Type type, String key, Set<String> into) {
        if (type instanceof ParameterizedType generic) {
            Class<?> raw = (Class<?>) generic.getRawType();
            Type[] arguments = generic.getActualTypeArguments();
            if (raw == Optional.class) {
                property(arguments[0], key, into);
            } else if (Map.class.isAssignableFrom(raw)) {
                property(arguments[1], key + ".*", into);
            } else if (Collection.class.isAssignableFrom(raw) && isGroup(arguments[0])) {
                properties((Class<?>) arguments[0], key + "[*]", into);
            } else {
                into.add(key);
            }
        } else if (isGroup(type)) {
            properties((Class<?>) type, key, into);
        } else {
            into.add(key);
        }
    }

    private static boolean isGroup(Type type) {
        return type instanceof Class<?> c && c.isInterface() && c.getName().startsWith("io.gcgateway.");
    }

    private static String kebab(String name) {
        return name.replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase();
    }

    private static List<Class<?>> mappings() throws IOException, ClassNotFoundException {
        Path classes = Path.of("target", "classes");
        List<Class<?>> found = new ArrayList<>();
        try (Stream<Path> files = Files.walk(classes)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".class")).toList()) {
                String name = classes.relativize(file).toString().replace('/', '.').replaceAll("\\.class$", "");
                Class<?> type = Class.forName(name, false, ConfigurationDocTest.class.getClassLoader());
                if (type.isInterface() && type.isAnnotationPresent(ConfigMapping.class)) {
                    found.add(type);
                }
            }
        }
        assertThat(found).as("@ConfigMapping interfaces").hasSizeGreaterThan(5);
        return found;
    }
}
