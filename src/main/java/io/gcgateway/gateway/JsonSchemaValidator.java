package io.gcgateway.gateway;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaException;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.PathType;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import com.networknt.schema.resource.AllowSchemaLoader;

import io.gcgateway.errors.FieldError;
import jakarta.inject.Singleton;

/**
 * JSON Schema validation of JSON that clients send (data action inputs, record fields) against schemas that come
 * from Genesys, and of schemas clients offer (new actions). Paths are JSON pointers.
 * <p>
 * Genesys schemas use draft-04 (data tables) or draft-07 (the default dialect here); {@code $schema} decides. A
 * schema may only reference the standard meta-schemas bundled with the validator: a {@code $ref} to any other URL
 * is refused rather than fetched, so a schema can never make the gateway call out.
 */
@Singleton
public class JsonSchemaValidator {
    private static final int MAX_ERRORS = 50;

    private final JsonSchemaFactory factory = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V7,
            builder -> builder.schemaLoaders(loaders -> loaders.values(
                    list -> list.add(0, new AllowSchemaLoader(iri -> iri.toString().startsWith("classpath:"))))));
    private final SchemaValidatorsConfig config = SchemaValidatorsConfig.builder()
            .pathType(PathType.JSON_POINTER)
            .formatAssertionsEnabled(true)
            .build();
    private final JsonSchema draft07 = factory.getSchema(SchemaLocation.of("http://json-schema.org/draft-07/schema#"), config);

    /** Compiles a schema; throws when it cannot be used. */
    public JsonSchema compile(JsonNode schema) {
        JsonSchema compiled = factory.getSchema(schema, config);
        compiled.initializeValidators();
        return compiled;
    }

    /** Violations of {@code schema} by {@code value}, each with the JSON pointer of the offending value. */
    public List<FieldError> violations(JsonSchema schema, JsonNode value) {
        return toFieldErrors(schema.validate(value), "");
    }

    /**
     * Problems of a schema offered for a new action: not valid against the draft-07 meta-schema, or not compilable
     * (e.g. a reference that cannot be resolved). Paths are {@code argumentPath} followed by a JSON pointer.
     */
    public List<FieldError> schemaProblems(JsonNode schema, String argumentPath) {
        if (schema == null || !schema.isObject()) {
            return List.of(new FieldError(argumentPath, "must be a JSON Schema object"));
        }
        List<FieldError> problems = toFieldErrors(draft07.validate(schema), argumentPath);
        if (problems.isEmpty()) {
            try {
                compile(schema);
            } catch (JsonSchemaException | IllegalArgumentException e) {
                problems = List.of(new FieldError(argumentPath, "is not a usable JSON Schema: " + e.getMessage()));
            }
        }
        return problems;
    }

    private static List<FieldError> toFieldErrors(Set<ValidationMessage> messages, String prefix) {
        List<FieldError> errors = new ArrayList<>();
        messages.stream()
                .sorted(Comparator.comparing((ValidationMessage m) -> pointer(m)).thenComparing(ValidationMessage::getMessage))
                .limit(MAX_ERRORS)
                .forEach(m -> errors.add(new FieldError(prefix + pointer(m), describe(m))));
        return errors;
    }

    /** The value's pointer; for a missing or unexpected property, the property's own pointer. */
    private static String pointer(ValidationMessage message) {
        String at = message.getInstanceLocation().toString();
        String property = message.getProperty();
        if (property != null && ("required".equals(message.getType()) || "additionalProperties".equals(message.getType()))) {
            return at + "/" + property.replace("~", "~0").replace("/", "~1");
        }
        return at;
    }

    /** networknt prefixes messages with the location; the path travels separately. */
    private static String describe(ValidationMessage message) {
        String text = message.getMessage();
        String at = message.getInstanceLocation().toString();
        if (text.startsWith(at + ": ")) {
            text = text.substring(at.length() + 2);
        }
        return text;
    }
}
