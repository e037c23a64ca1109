package io.gcgateway.audit;

import java.time.Instant;
import java.util.List;
import java.util.function.Function;

import com.fasterxml.jackson.databind.JsonNode;

import io.gcgateway.events.GatewayEvents;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * How every change the gateway makes for its caller ends, whatever the feature: the caller's identity is resolved
 * first, the change runs, and then, success or failure, its audit event is written (Genesys's own audit names the
 * gateway's OAuth client, not the gateway's caller) and, on success only, its gateway event is published.
 */
@ApplicationScoped
public class AuditedWrites {
    private final CallerIdentity caller;
    private final GatewayAuditLog auditLog;
    private final GatewayEvents events;

    AuditedWrites(CallerIdentity caller, GatewayAuditLog auditLog, GatewayEvents events) {
        this.caller = caller;
        this.auditLog = auditLog;
        this.events = events;
    }

    /** A change that has ended: its result or failure, the outcome code and how long it took. */
    public record Ended<T>(String actor, String operation, T result, Throwable failure, long nanos) {

        public String outcome() {
            return AuditEvent.outcome(failure);
        }

        public boolean succeeded() {
            return failure == null;
        }

        /** The audit event of this change, with what the feature saw of the target. */
        public AuditEvent audit(String target, Long versionBefore, Long versionAfter, String etagBefore, String etagAfter,
                String metadata, List<String> tags) {
            return new AuditEvent(null, Instant.now(), actor, operation, target, versionBefore, versionAfter, etagBefore,
                    etagAfter, metadata, outcome(), nanos / 1_000_000, tags == null ? List.of() : tags);
        }
    }

    /** What the feature reports of an ended change: its audit event, and the event to publish when it succeeded. */
    public record Report(AuditEvent audit, String eventType, JsonNode event) {
    }

    /**
     * Runs {@code change} (given the caller's identity) and reports it as {@code describe} says. The change's own
     * result or failure is what the caller gets; the audit and the event are never the reason a change fails.
     */
    public <T> Uni<T> run(String operation, Function<String, Uni<T>> change, Function<Ended<T>, Report> describe) {
        long started = System.nanoTime();
        return caller.actor().flatMap(actor -> Uni.createFrom().deferred(() -> change.apply(actor))
                .onItemOrFailure().call((result, failure) -> {
                    Report report = describe.apply(new Ended<>(actor, operation, result, failure, System.nanoTime() - started));
                    Uni<Void> audit = auditLog.record(report.audit());
                    return failure != null || report.event() == null ? audit
                            : audit.chain(() -> events.publish(report.eventType(), null, report.event()));
                }));
    }
}
