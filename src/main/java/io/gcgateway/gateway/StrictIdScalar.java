package io.gcgateway.gateway;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Locale;

import graphql.GraphQLContext;
import graphql.Scalars;
import graphql.execution.CoercedVariables;
import graphql.language.Value;
import graphql.schema.Coercing;
import graphql.schema.CoercingParseValueException;
import graphql.schema.GraphQLScalarType;

/**
 * The schema's {@code ID}: a string or an integer, nothing else. graphql-java's own ID stringifies any variable value,
 * so a list or an object sent as an id became text such as {@code [1, 2]} inside a Genesys URL (found by the fuzz
 * test). Installed by {@link GraphQLEngine}.
 */
final class StrictIdScalar {
    private StrictIdScalar() {
    }

    static final GraphQLScalarType TYPE = GraphQLScalarType.newScalar(Scalars.GraphQLID)
            .coercing(new Coercing<Object, Object>() {
                @SuppressWarnings("unchecked")
                private final Coercing<Object, Object> id = (Coercing<Object, Object>) Scalars.GraphQLID.getCoercing();

                @Override
                public Object serialize(Object value, GraphQLContext context, Locale locale) {
                    return id.serialize(value, context, locale);
                }

                @Override
                public Object parseValue(Object input, GraphQLContext context, Locale locale) {
                    if (input instanceof String || input instanceof Integer || input instanceof Long
                            || input instanceof BigInteger) {
                        return id.parseValue(input, context, locale);
                    }
                    if (input instanceof BigDecimal decimal && decimal.stripTrailingZeros().scale() <= 0) {
                        return decimal.toBigInteger().toString();
                    }
                    throw new CoercingParseValueException("An ID must be a string or an integer");
                }

                @Override
                public Object parseLiteral(Value<?> input, CoercedVariables variables, GraphQLContext context, Locale locale) {
                    return id.parseLiteral(input, variables, context, locale);
                }

                @Override
                public Value<?> valueToLiteral(Object input, GraphQLContext context, Locale locale) {
                    return id.valueToLiteral(input, context, locale);
                }
            })
            .build();

}
