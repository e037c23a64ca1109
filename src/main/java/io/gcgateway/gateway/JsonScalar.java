package io.gcgateway.gateway;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import graphql.GraphQL;
import graphql.GraphQLContext;
import graphql.execution.CoercedVariables;
import graphql.language.ArrayValue;
import graphql.language.BooleanValue;
import graphql.language.EnumValue;
import graphql.language.FloatValue;
import graphql.language.IntValue;
import graphql.language.NullValue;
import graphql.language.ObjectField;
import graphql.language.ObjectValue;
import graphql.language.StringValue;
import graphql.language.Value;
import graphql.language.VariableReference;
import graphql.schema.Coercing;
import graphql.schema.CoercingParseLiteralException;
import graphql.schema.GraphQLScalarType;

/**
 * The schema's {@code JSON} scalar: any JSON value, written in a document as a GraphQL literal
 * ({@code {a: 1, b: [true, null]}}) or passed as a variable.
 * <p>
 * SmallRye's {@code extra-scalars=json} maps {@code jakarta.json} types to graphql-java-extended-scalars' Json
 * scalar, whose literal parser fails with an internal assertion (HTTP 500) on a {@code null} nested in an object or
 * list. Inputs of data actions and records are exactly such values, so the scalar is swapped for this one, with the
 * same name and output behaviour, by {@link GraphQLEngine}.
 */
public final class JsonScalar {
    public static final String NAME = "JSON";

    private JsonScalar() {
    }

    static final GraphQLScalarType TYPE = GraphQLScalarType.newScalar()
            .name(NAME)
            .description("Any JSON value: object, list, string, number, boolean or null.")
            .coercing(new JsonCoercing())
            .build();

    /** Values stay plain Java (maps, lists, numbers, strings, booleans, null), as the replaced scalar did. */
    static final class JsonCoercing implements Coercing<Object, Object> {
        @Override
        public Object serialize(Object value, GraphQLContext context, Locale locale) {
            return value;
        }

        @Override
        public Object parseValue(Object input, GraphQLContext context, Locale locale) {
            return input;
        }

        @Override
        public Object parseLiteral(Value<?> input, CoercedVariables variables, GraphQLContext context, Locale locale) {
            return literal(input, variables);
        }

        @Override
        public Value<?> valueToLiteral(Object input, GraphQLContext context, Locale locale) {
            return toLiteral(input);
        }

        private static Object literal(Value<?> input, CoercedVariables variables) {
            if (input == null || input instanceof NullValue) {
                return null;
            }
            if (input instanceof StringValue string) {
                return string.getValue();
            }
            if (input instanceof IntValue integer) {
                return integer.getValue();
            }
            if (input instanceof FloatValue decimal) {
                return decimal.getValue();
            }
            if (input instanceof BooleanValue bool) {
                return bool.isValue();
            }
            if (input instanceof EnumValue enumValue) {
                return enumValue.getName();
            }
            if (input instanceof VariableReference variable) {
                return variables == null ? null : variables.get(variable.getName());
            }
            if (input instanceof ArrayValue array) {
                List<Object> values = new ArrayList<>(array.getValues().size());
                for (Value<?> value : array.getValues()) {
                    values.add(literal(value, variables));
                }
                return values;
            }
            if (input instanceof ObjectValue object) {
                Map<String, Object> values = new LinkedHashMap<>();
                for (ObjectField field : object.getObjectFields()) {
                    values.put(field.getName(), literal(field.getValue(), variables));
                }
                return values;
            }
            throw new CoercingParseLiteralException("Not a JSON value: " + input.getClass().getSimpleName());
        }

        private static Value<?> toLiteral(Object input) {
            if (input == null) {
                return NullValue.of();
            }
            if (input instanceof CharSequence text) {
                return StringValue.of(text.toString());
            }
            if (input instanceof Boolean bool) {
                return BooleanValue.of(bool);
            }
            if (input instanceof BigDecimal || input instanceof Double || input instanceof Float) {
                return FloatValue.newFloatValue(new BigDecimal(input.toString())).build();
            }
            if (input instanceof Number number) {
                return IntValue.newIntValue(new BigInteger(number.toString())).build();
            }
            if (input instanceof List<?> list) {
                return ArrayValue.newArrayValue().values(list.stream().<Value>map(JsonCoercing::toLiteral).toList()).build();
            }
            if (input instanceof Map<?, ?> map) {
                ObjectValue.Builder object = ObjectValue.newObjectValue();
                map.forEach((key, value) -> object.objectField(new ObjectField(String.valueOf(key), toLiteral(value))));
                return object.build();
            }
            return StringValue.of(input.toString());
        }
    }
}
