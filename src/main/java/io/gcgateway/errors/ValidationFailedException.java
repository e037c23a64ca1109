package io.gcgateway.errors;

import java.util.List;

import io.smallrye.graphql.api.ErrorCode;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;

/** Input was rejected, before any upstream call or by Genesys itself; {@code fieldErrors} names each bad value. */
@ErrorCode(ValidationFailedException.CODE)
public class ValidationFailedException extends GatewayException {
    public static final String CODE = "VALIDATION_FAILED";

    private final List<FieldError> fieldErrors;

    public ValidationFailedException(String message, List<FieldError> fieldErrors) {
        this(message, fieldErrors, null);
    }

    public ValidationFailedException(String message, List<FieldError> fieldErrors, String contextId) {
        super(message, contextId);
        this.fieldErrors = List.copyOf(fieldErrors);
        JsonArrayBuilder array = Json.createArrayBuilder();
        for (FieldError error : this.fieldErrors) {
            array.add(Json.createObjectBuilder().add("path", error.path()).add("message", error.message()));
        }
        extension("fieldErrors", array.build());
    }

    public static ValidationFailedException of(String path, String message) {
        return new ValidationFailedException(message, List.of(new FieldError(path, message)));
    }

    public List<FieldError> fieldErrors() {
        return fieldErrors;
    }

    @Override
    public String code() {
        return CODE;
    }
}
