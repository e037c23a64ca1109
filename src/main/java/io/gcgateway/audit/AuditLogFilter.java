package io.gcgateway.audit;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Input;

/** Which gateway audit events; every given criterion must hold. */
@Input("GatewayAuditLogFilter")
public record AuditLogFilter(String actor, String operation,
        @Description("Exact target, or a prefix ending in '/', e.g. records/<tableId>/.") String target,
        String outcome) {

    boolean matches(AuditEvent event) {
        return (actor == null || actor.equals(event.actor()))
                && (operation == null || operation.equals(event.operation()))
                && (outcome == null || outcome.equals(event.outcome()))
                && (target == null || (target.endsWith("/") ? event.target().startsWith(target) : target.equals(event.target())));
    }
}
