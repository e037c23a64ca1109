package io.gcgateway.actions;

import java.util.ArrayList;
import java.util.List;

import org.eclipse.microprofile.graphql.DefaultValue;
import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.GraphQLApi;
import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.Name;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Query;

import io.gcgateway.actions.DataActionTypes.DataAction;
import io.gcgateway.actions.DataActionTypes.DataActionConnection;
import io.gcgateway.actions.DataActionTypes.DataActionEdge;
import io.gcgateway.gateway.PageInfo;
import io.gcgateway.errors.FieldError;
import io.gcgateway.errors.NotFoundException;
import io.gcgateway.errors.ValidationFailedException;
import io.gcgateway.genesys.PageCursors;
import io.smallrye.mutiny.Uni;

@GraphQLApi
public class DataActionsResolver {
    private static final String CONNECTION = "dataActions";
    private static final int MAX_FIRST = 100;

    private final ActionsClient actions;

    DataActionsResolver(ActionsClient actions) {
        this.actions = actions;
    }

    @Query("dataActions")
    @Description("Published Integrations data actions (GET /api/v2/integrations/actions), by name. Nodes carry no "
            + "contract or config; ask dataAction(id) for those.")
    public @NonNull Uni<DataActionConnection> dataActions(@Name("category") String category,
            @Name("nameContains") String nameContains, @Name("first") @DefaultValue("25") Integer first,
            @Name("after") String after) {
        return Uni.createFrom().deferred(() -> {
            List<FieldError> errors = new ArrayList<>();
            int size = first == null ? 25 : first;
            if (size < 1 || size > MAX_FIRST) {
                errors.add(new FieldError("first", "must be between 1 and " + MAX_FIRST));
            }
            int offset = PageCursors.decode(CONNECTION, after, errors);
            if (size > 0 && offset % size != 0) {
                errors.add(new FieldError("after", "belongs to a page of another size; keep 'first' while paging"));
            }
            if (!errors.isEmpty()) {
                return Uni.createFrom().failure(new ValidationFailedException("Invalid dataActions arguments", errors));
            }
            return actions.list(size, offset / size + 1, blankToNull(category), blankToNull(nameContains)).map(page -> {
                List<DataActionEdge> edges = new ArrayList<>();
                int i = 0;
                for (var action : page.entitiesOrEmpty()) {
                    edges.add(new DataActionEdge(PageCursors.encode(CONNECTION, offset + ++i), DataAction.of(action)));
                }
                String endCursor = edges.isEmpty() ? after : edges.get(edges.size() - 1).cursor();
                int total = page.total() == null ? edges.size() : page.total().intValue();
                return new DataActionConnection(edges, new PageInfo(page.hasNextPage(), endCursor), total);
            });
        });
    }

    @Query("dataAction")
    @Description("One data action with its contract (input/output JSON Schemas) and config; null if it does not exist.")
    public Uni<DataAction> dataAction(@Name("id") @NonNull @Id String id) {
        return actions.get(id).map(DataAction::of)
                .onFailure(NotFoundException.class).recoverWithNull();
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }
}
