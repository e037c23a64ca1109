package io.gcgateway.gateway;

import graphql.language.Argument;
import graphql.language.VariableReference;
import graphql.schema.DataFetchingEnvironment;
import io.smallrye.graphql.api.Context;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;

/**
 * JSON arguments exactly as the client wrote them.
 * <p>
 * SmallRye turns the request's {@code variables} into hash maps before graphql-java sees them, which loses the
 * order of object keys. Key order carries no meaning in JSON, but a data action template that passes its input
 * through ({@code ${input.rawRequest}}) sends it byte for byte, so a {@code JSON} argument given as a variable is
 * taken from the request as received. Literals keep their order already ({@link JsonScalar}).
 */
@ApplicationScoped
public class JsonArguments {
    private final Context context;

    JsonArguments(Context context) {
        this.context = context;
    }

    /**
     * The value of JSON argument {@code name} as sent; {@code coerced} (what the resolver received) when it was not a
     * plain variable. Must be called on the resolver's own invocation, before any asynchronous step.
     */
    public JsonValue asSent(String name, JsonValue coerced) {
        try {
            DataFetchingEnvironment environment = context.unwrap(DataFetchingEnvironment.class);
            if (environment == null || environment.getField() == null || !context.hasRequest()) {
                return coerced;
            }
            for (Argument argument : environment.getField().getArguments()) {
                if (argument.getName().equals(name) && argument.getValue() instanceof VariableReference variable) {
                    JsonValue variables = context.getRequest().get("variables");
                    if (variables instanceof JsonObject object && object.get(variable.getName()) != null
                            && object.get(variable.getName()).getValueType() == coerced.getValueType()) {
                        return object.get(variable.getName());
                    }
                }
            }
        } catch (RuntimeException e) {
            // Best effort only: the coerced value is the same JSON, possibly with another key order.
        }
        return coerced;
    }
}
