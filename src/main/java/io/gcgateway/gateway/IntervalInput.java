package io.gcgateway.gateway;

import org.eclipse.microprofile.graphql.Input;
import org.eclipse.microprofile.graphql.NonNull;

/** A time interval; ISO-8601 instants such as {@code 2024-05-13T00:00:00Z}, end exclusive. Shared by every capability. */
@Input("IntervalInput")
public record IntervalInput(@NonNull String start, @NonNull String end) {
}
