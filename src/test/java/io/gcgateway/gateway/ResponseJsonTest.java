package io.gcgateway.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.DayOfWeek;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import org.junit.jupiter.api.Test;

import graphql.ExecutionResult;
import graphql.ExecutionResultImpl;
import graphql.GraphqlErrorBuilder;
import io.smallrye.graphql.execution.ExecutionResponse;

/**
 * The gateway's response writer gives SmallRye's bytes ({@code ExecutionResponse.getExecutionResultAsString()}) for
 * every result it writes, and declines (null) the results it leaves to SmallRye.
 */
class ResponseJsonTest {

    @Test
    void writesWhatSmallRyeWritesForEveryKindOfValue() {
        StringBuilder everyControlCharacter = new StringBuilder();
        for (char c = 0; c < 0x20; c++) {
            everyControlCharacter.append(c);
        }
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("strings", Arrays.asList("", "plain", "quote \" backslash \\ slash /", everyControlCharacter.toString(),
                "é ü 日本 \u2028 \u2029 \u007f", "emoji \ud83d\ude00", "lone \ud800 surrogate", "\ud83d", "tab\tend\n"));
        data.put("ints", Arrays.asList(0, -1, Integer.MAX_VALUE, Integer.MIN_VALUE, (short) 7, (byte) -3));
        data.put("longs", Arrays.asList(0L, Long.MAX_VALUE, Long.MIN_VALUE, 1_700_000_000_000L));
        data.put("doubles", Arrays.asList(0.0, -0.0, 1.0, 0.1, 123.456, 1e20, 1e-7, 1e7, 12345678.9, Double.MIN_VALUE,
                Double.MAX_VALUE, -2.5e-300));
        data.put("floats", Arrays.asList(0.0f, 1.5f, 0.1f, 3.4e38f, 1e-10f));
        data.put("big", Arrays.asList(new BigDecimal("1.2300"), new BigDecimal("1E+3"), new BigDecimal("-0.000001"),
                new BigInteger("123456789012345678901234567890")));
        data.put("enums", List.of(DayOfWeek.MONDAY, DayOfWeek.SUNDAY));
        data.put("booleans", List.of(true, false));
        data.put("nulls", Arrays.asList(null, null));
        data.put("null", null);
        data.put("empty", Map.of());
        data.put("emptyList", List.of());
        data.put("nested", Map.of("a\"key\n", List.of(Map.of("deeper", List.of(List.of(1, "x"))))));
        assertSame(data);
    }

    @Test
    void writesWhatSmallRyeWritesForRandomTrees() {
        Random random = new Random(20261203);
        for (int i = 0; i < 2_000; i++) {
            assertSame(randomMap(random, 0));
        }
    }

    @Test
    void writesDataThatIsNullAndResultsWithoutData() {
        assertSame(null);
        ExecutionResult noData = ExecutionResultImpl.newExecutionResult().build();
        assertThat(ResponseJson.of(noData, null, false))
                .isEqualTo(new ExecutionResponse(noData).getExecutionResultAsString()).isEqualTo("{}");
    }

    @Test
    void leavesErrorsExtensionsAndUnknownValuesToSmallRye() {
        ExecutionResult withError = ExecutionResultImpl.newExecutionResult().data(Map.of("a", 1))
                .addError(GraphqlErrorBuilder.newError().message("failed").build()).build();
        ExecutionResult withExtensions = ExecutionResultImpl.newExecutionResult().data(Map.of("a", 1))
                .extensions(Map.of("cost", 3)).build();
        ExecutionResult ordinary = ExecutionResultImpl.newExecutionResult().data(Map.of("a", 1)).build();
        ExecutionResult pojo = ExecutionResultImpl.newExecutionResult().data(Map.of("a", new StringBuilder("x"))).build();
        ExecutionResult notANumber = ExecutionResultImpl.newExecutionResult().data(Map.of("a", Double.NaN)).build();

        assertThat(ResponseJson.of(withError, null, false)).isNull();
        assertThat(ResponseJson.of(withExtensions, null, false)).isNull();
        assertThat(ResponseJson.of(ordinary, Map.of("added", true), false)).isNull();
        assertThat(ResponseJson.of(ordinary, null, true)).as("null fields left out by configuration").isNull();
        assertThat(ResponseJson.of(pojo, null, false)).isNull();
        assertThat(ResponseJson.of(notANumber, null, false)).isNull();
        // What the handler writes for them is SmallRye's own serialization.
        assertThat(ResponseJson.body(withError, null)).isEqualTo(new ExecutionResponse(withError).getExecutionResultAsString());
    }

    private static void assertSame(Object data) {
        ExecutionResult result = ExecutionResultImpl.newExecutionResult().data(data).build();
        String expected = new ExecutionResponse(result).getExecutionResultAsString();
        assertThat(ResponseJson.of(result, null, false)).isEqualTo(expected);
        assertThat(ResponseJson.body(result, Map.of())).isEqualTo(expected);
    }

    private static Map<String, Object> randomMap(Random random, int depth) {
        Map<String, Object> map = new LinkedHashMap<>();
        int size = random.nextInt(depth == 0 ? 6 : 4);
        for (int i = 0; i < size; i++) {
            map.put(randomString(random), randomValue(random, depth + 1));
        }
        return map;
    }

    private static Object randomValue(Random random, int depth) {
        int kind = random.nextInt(depth > 4 ? 8 : 10);
        return switch (kind) {
            case 0 -> null;
            case 1 -> randomString(random);
            case 2 -> random.nextInt();
            case 3 -> random.nextLong();
            case 4 -> random.nextBoolean() ? random.nextDouble() * Math.pow(10, random.nextInt(40) - 20)
                    : (double) random.nextInt(1000);
            case 5 -> random.nextBoolean();
            case 6 -> DayOfWeek.values()[random.nextInt(7)];
            case 7 -> random.nextFloat();
            case 8 -> randomMap(random, depth);
            default -> {
                List<Object> list = new ArrayList<>();
                int size = random.nextInt(4);
                for (int i = 0; i < size; i++) {
                    list.add(randomValue(random, depth + 1));
                }
                yield list;
            }
        };
    }

    private static String randomString(Random random) {
        StringBuilder s = new StringBuilder();
        int length = random.nextInt(12);
        for (int i = 0; i < length; i++) {
            s.append(switch (random.nextInt(6)) {
                case 0 -> (char) random.nextInt(0x20);
                case 1 -> (char) (0x20 + random.nextInt(0x60));
                case 2 -> (char) random.nextInt(0x10000);
                case 3 -> '"';
                case 4 -> '\\';
                default -> (char) ('a' + random.nextInt(26));
            });
        }
        return s.toString();
    }
}
