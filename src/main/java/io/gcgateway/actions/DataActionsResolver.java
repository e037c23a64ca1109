package io.gcgateway.actions;

import java.util.ArrayList;
import java.util.List;

import org.eclipse.microprofile.graphql.DefaultValue;
import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.GraphQLApi;
import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.Mutation;
import org.eclipse.microprofile.graphql.Name;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Query;

import io.gcgateway.actions.DataActionTypes.CreateDataActionInput;
import io.gcgateway.actions.DataActionTypes.DataAction;
import io.gcgateway.actions.DataActionTypes.DataActionConnection;
import io.gcgateway.actions.DataActionTypes.DataActionEdge;
import io.gcgateway.actions.DataActionTypes.DataActionSummary;
import io.gcgateway.actions.DataActionTypes.DataActionResult;
import io.gcgateway.actions.DataActionTypes.DataActionTestResult;
import io.gcgateway.actions.DataActionTypes.PagedDataActionResult;
import io.gcgateway.actions.DataActionTypes.PaginationInput;
import io.gcgateway.errors.NotFoundException;
import io.gcgateway.gateway.JsonArguments;
import io.gcgateway.gateway.PageInfo;
import io.gcgateway.genesys.GenesysRestClients;
import io.gcgateway.genesys.PageCursors;
import io.gcgateway.security.RequiresRole;
import io.gcgateway.security.Role;
import io.smallrye.mutiny.Uni;
import jakarta.json.JsonValue;

@GraphQLApi
@RequiresRole(Role.READER)
public class DataActionsResolver {
    private static final String CONNECTION = "dataActions";
    private static final int MAX_FIRST = 100;

    private final ActionsRestClient actions;
    private final DataActionsService service;
    private final JsonArguments json;

    DataActionsResolver(GenesysRestClients clients, DataActionsService service, JsonArguments json) {
        this.actions = clients.api(ActionsRestClient.class);
        this.service = service;
        this.json = json;
    }

    @Query("dataActions")
    @Description("Published Integrations data actions (GET /api/v2/integrations/actions), by name. Nodes are "
            + "summaries: Genesys lists no contract or config; dataAction(id) gives them.")
    public @NonNull Uni<DataActionConnection> dataActions(@Name("category") String category,
            @Name("nameContains") String nameContains, @Name("first") @DefaultValue("25") Integer first,
            @Name("after") String after) {
        return Uni.createFrom().deferred(() -> {
            PageCursors.Window window = PageCursors.window(CONNECTION, first, after, 25, MAX_FIRST);
            return actions.list(window.size(), window.pageNumber(), blankToNull(category), blankToNull(nameContains))
                    .map(page -> {
                        List<DataActionEdge> edges = new ArrayList<>();
                        for (var action : page.entitiesOrEmpty()) {
                            edges.add(new DataActionEdge(window.cursor(edges.size()), DataActionSummary.of(action)));
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

    @RequiresRole(Role.OPERATOR)
    @Mutation("executeDataAction")
    @Description("Runs a data action (POST /api/v2/integrations/actions/{id}/execute). input is a real nested JSON "
            + "value, checked against the action's input contract first (VALIDATION_FAILED with JSON-pointer paths, "
            + "nothing executed). With an idempotencyKey, a repeat within the window returns the first result without "
            + "running again. Not retried once sent: a timeout is UPSTREAM_TIMEOUT with extensions.mayHaveRun.")
    public @NonNull Uni<DataActionResult> executeDataAction(@Name("actionId") @NonNull @Id String actionId,
            @Name("input") @NonNull JsonValue input, @Name("idempotencyKey") String idempotencyKey) {
        return service.execute(actionId, json.asSent("input", input), idempotencyKey);
    }

    @RequiresRole(Role.OPERATOR)
    @Mutation("executeDataActionPaged")
    @Description("Runs a data action page after page, feeding each output's cursor into the next input, and "
            + "aggregates the items. Stops on no next cursor (or hasMore false), maxPages, or a cursor seen before.")
    public @NonNull Uni<PagedDataActionResult> executeDataActionPaged(@Name("actionId") @NonNull @Id String actionId,
            @Name("input") @NonNull JsonValue input, @Name("pagination") @NonNull PaginationInput pagination) {
        return service.executePaged(actionId, json.asSent("input", input), pagination);
    }

    @RequiresRole(Role.OPERATOR)
    @Mutation("testDataAction")
    @Description("Runs a data action in test mode (POST .../{id}/test) and reports each step. The remote request is "
            + "really made.")
    public @NonNull Uni<DataActionTestResult> testDataAction(@Name("actionId") @NonNull @Id String actionId,
            @Name("input") @NonNull JsonValue input) {
        return service.test(actionId, json.asSent("input", input));
    }

    @RequiresRole(Role.ADMIN)
    @Mutation("createDataAction")
    @Description("Creates a Web Services data action (draft, then published unless publish is false). Schemas, "
            + "templates and JSONPaths are checked before Genesys is called.")
    public @NonNull Uni<DataAction> createDataAction(@Name("input") @NonNull CreateDataActionInput input) {
        return service.create(input);
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }
}
