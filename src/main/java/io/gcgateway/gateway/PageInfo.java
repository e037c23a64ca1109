package io.gcgateway.gateway;

import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Type;

/** Relay page info, shared by every connection of the schema. */
@Type("PageInfo")
public record PageInfo(@NonNull Boolean hasNextPage, String endCursor) {
}
