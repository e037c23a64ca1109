package io.gcgateway.analytics;

import java.util.List;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Input;
import org.eclipse.microprofile.graphql.NonNull;

import io.gcgateway.gateway.IntervalInput;

/** Which conversations: an interval plus optional criteria, all of which must hold. */
@Input("ConversationFilterInput")
public record ConversationFilterInput(
        @NonNull IntervalInput interval,
        @Description("Any of these media types.") List<MediaType> mediaTypes,
        @Description("Originating direction.") Direction direction,
        @Description("Handled by (or queued in) any of these queues.") List<String> queueIds,
        @Description("Handled by any of these users (agents).") List<String> userIds,
        @Description("Only conversations with at least this handle time (ms).") Integer minHandleMs,
        @Description("Only conversations that have ended.") Boolean onlyEnded) {
}
