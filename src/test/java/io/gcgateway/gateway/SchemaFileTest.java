package io.gcgateway.gateway;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import graphql.language.FieldDefinition;
import graphql.language.InputObjectTypeDefinition;
import graphql.language.InputValueDefinition;
import graphql.language.ObjectTypeDefinition;
import graphql.language.Type;
import graphql.language.TypeName;
import graphql.schema.idl.SchemaParser;
import graphql.schema.idl.TypeUtil;
import graphql.schema.idl.TypeDefinitionRegistry;
import graphql.schema.idl.UnExecutableSchemaGenerator;
import io.quarkus.test.junit.QuarkusTest;

/**
 * The published schema file is valid GraphQL: graphql-java builds it (every scalar and directive declared), the build
 * writes it to {@code target/schema.graphql} for codegen, and it matches the committed snapshot
 * {@code src/main/resources/schema.graphql}, so a change of the API is a reviewed change. To accept a change on
 * purpose: {@code ./mvnw test -Dtest=SchemaFileTest -Dschema.update=true}, then review and commit the snapshot.
 */
@QuarkusTest
class SchemaFileTest {
    private static final Path SNAPSHOT = Path.of("src", "main", "resources", "schema.graphql");
    /** Names that say "a point in time": such a field or input field must be a DateTime, never a String. */
    private static final Pattern TIMESTAMP = Pattern.compile("(start|end|since|timestamp|.+At|.+Time)");

    @Test
    void theServedSchemaBuildsAndMatchesTheSnapshot() throws IOException {
        String sdl = given().get("/graphql/schema.graphql").then().statusCode(200).extract().asString();
        Files.createDirectories(Path.of("target"));
        Files.writeString(Path.of("target", "schema.graphql"), sdl);

        TypeDefinitionRegistry registry = new SchemaParser().parse(sdl);
        assertThatCode(() -> UnExecutableSchemaGenerator.makeUnExecutableSchema(registry)).doesNotThrowAnyException();
        assertThat(registry.scalars()).containsKeys("DateTime", "BigInteger", "JSON");
        assertThat(sdl).as("federation is off unless gateway.federation.enabled").doesNotContain("_entities", "@key");

        assertThat(timestampsNotDateTime(registry)).as("timestamps typed other than DateTime").isEmpty();

        if (Boolean.getBoolean("schema.update")) {
            Files.writeString(SNAPSHOT, sdl);
        }
        assertThat(Files.exists(SNAPSHOT)).as("the committed snapshot %s", SNAPSHOT).isTrue();
        assertThat(sdl).as("the served schema differs from the committed snapshot %s: review the change, then update it "
                + "with ./mvnw test -Dtest=SchemaFileTest -Dschema.update=true", SNAPSHOT)
                .isEqualTo(Files.readString(SNAPSHOT));
    }

    private static List<String> timestampsNotDateTime(TypeDefinitionRegistry registry) {
        List<String> wrong = new ArrayList<>();
        for (ObjectTypeDefinition type : registry.getTypes(ObjectTypeDefinition.class)) {
            for (FieldDefinition field : type.getFieldDefinitions()) {
                check(type.getName() + "." + field.getName(), field.getName(), field.getType(), wrong);
            }
        }
        for (InputObjectTypeDefinition input : registry.getTypes(InputObjectTypeDefinition.class)) {
            for (InputValueDefinition field : input.getInputValueDefinitions()) {
                check(input.getName() + "." + field.getName(), field.getName(), field.getType(), wrong);
            }
        }
        return wrong;
    }

    private static void check(String where, String name, Type<?> type, List<String> wrong) {
        TypeName named = TypeUtil.unwrapAll(type);
        if (TIMESTAMP.matcher(name).matches() && named.getName().equals("String")) {
            wrong.add(where);
        }
    }
}
