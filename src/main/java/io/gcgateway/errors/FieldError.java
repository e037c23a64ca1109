package io.gcgateway.errors;

/**
 * One invalid input value: {@code path} points at it (a GraphQL argument path such as {@code filter.interval.end}
 * or a JSON pointer inside a JSON argument), {@code message} says what is wrong with it.
 */
public record FieldError(String path, String message) {
}
