package io.gcgateway.audit;

import java.util.ArrayList;
import java.util.List;

import org.eclipse.microprofile.graphql.DefaultValue;
import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.GraphQLApi;
import org.eclipse.microprofile.graphql.Name;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Query;
import org.eclipse.microprofile.graphql.Type;

import io.gcgateway.errors.FieldError;
import io.gcgateway.errors.ValidationFailedException;
import io.gcgateway.gateway.PageInfo;
import io.gcgateway.genesys.PageCursors;
import io.gcgateway.security.RequiresRole;
import io.gcgateway.security.Role;
import io.smallrye.mutiny.Uni;

@GraphQLApi
@RequiresRole(Role.ADMIN)
public class GatewayAuditLogResolver {
    private static final String CONNECTION = "gatewayAuditLog";
    private static final int MAX_FIRST = 200;

    private final GatewayAuditLog log;

    GatewayAuditLogResolver(GatewayAuditLog log) {
        this.log = log;
    }

    @Type("GatewayAuditEventEdge")
    public record AuditEventEdge(@NonNull String cursor, @NonNull AuditEvent node) {
    }

    @Type("GatewayAuditEventConnection")
    public record AuditEventConnection(@NonNull List<@NonNull AuditEventEdge> edges, @NonNull PageInfo pageInfo) {
    }

    @Query("gatewayAuditLog")
    @Description("Changes made through the gateway (all replicas), newest first, from the gateway's own audit log.")
    public @NonNull Uni<AuditEventConnection> gatewayAuditLog(@Name("filter") AuditLogFilter filter,
            @Name("first") @DefaultValue("50") Integer first, @Name("after") String after) {
        return Uni.createFrom().deferred(() -> {
            List<FieldError> errors = new ArrayList<>();
            int size = first == null ? 50 : first;
            if (size < 1 || size > MAX_FIRST) {
                errors.add(new FieldError("first", "must be between 1 and " + MAX_FIRST));
            }
            String afterId = after == null ? null : PageCursors.decodeToken(CONNECTION, after, errors);
            if (afterId != null && !afterId.matches("\\d{1,20}-\\d{1,20}")) {
                errors.add(new FieldError("after", "is not a cursor returned by this connection"));
            }
            if (!errors.isEmpty()) {
                throw new ValidationFailedException("Invalid gatewayAuditLog arguments", errors);
            }
            return log.read(filter, size, afterId).map(page -> {
                List<AuditEventEdge> edges = page.events().stream()
                        .map(event -> new AuditEventEdge(PageCursors.encodeToken(CONNECTION, event.id()), event)).toList();
                String endCursor = edges.isEmpty() ? after : edges.get(edges.size() - 1).cursor();
                return new AuditEventConnection(edges, new PageInfo(page.hasMore(), endCursor));
            });
        });
    }
}
