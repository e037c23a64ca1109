package io.gcgateway.audit;

import java.time.Instant;
import java.util.List;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Type;

import com.fasterxml.jackson.annotation.JsonInclude;

import io.gcgateway.errors.GatewayException;
import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * One change made through the gateway, as the gateway saw it: who asked (the gateway's caller, which Genesys's own
 * audit log cannot know), what, on which target, the version (or etag) before and after, the outcome and how long it took.
 */
@Type("GatewayAuditEvent")
@RegisterForReflection
@JsonInclude(JsonInclude.Include.NON_NULL)
public record AuditEvent(
        @Id @Description("Stream id; also the paging cursor.") String id,
        @NonNull Instant timestamp,
        @NonNull @Description("The gateway caller's identity.") String actor,
        @NonNull @Description("e.g. updateRecord.") String operation,
        @NonNull @Description("What was changed, e.g. records/<tableId>/<key>.") String target,
        Long versionBefore,
        Long versionAfter,
        @Description("Conversations: the etag before the change.") String etagBefore,
        @Description("Conversations: the etag after the change, when it was confirmed.") String etagAfter,
        @Description("JSON the caller attached to the change (transitionConversation metadata).") String metadata,
        @NonNull @Description("SUCCESS, or the error code the caller got (VERSION_CONFLICT, VALIDATION_FAILED, ...).") String outcome,
        @NonNull @Description("How long the operation took, in milliseconds.") Long latencyMs,
        List<String> tags) {

    /** The {@code outcome} of a change that ended with {@code failure} (null: it succeeded). */
    public static String outcome(Throwable failure) {
        return failure == null ? "SUCCESS"
                : failure instanceof GatewayException gateway ? gateway.code() : "ERROR";
    }

    AuditEvent withId(String streamId) {
        return new AuditEvent(streamId, timestamp, actor, operation, target, versionBefore, versionAfter, etagBefore, etagAfter,
                metadata, outcome, latencyMs, tags);
    }
}
