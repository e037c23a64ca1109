package io.gcgateway.gateway;

import java.time.OffsetDateTime;

import org.eclipse.microprofile.graphql.Input;
import org.eclipse.microprofile.graphql.NonNull;

/**
 * A time interval, end exclusive: {@code DateTime}s with an offset such as {@code 2024-05-13T00:00:00Z}, so a malformed
 * one is refused by the schema before any resolver runs. Shared by every capability.
 */
@Input("IntervalInput")
public record IntervalInput(@NonNull OffsetDateTime start, @NonNull OffsetDateTime end) {
}
