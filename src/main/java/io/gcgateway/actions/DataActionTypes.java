package io.gcgateway.actions;

import java.util.List;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Enum;
import org.eclipse.microprofile.graphql.Input;
import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Type;

import com.fasterxml.jackson.databind.JsonNode;

import jakarta.json.JsonValue;

import io.gcgateway.gateway.JsonValues;
import io.gcgateway.gateway.PageInfo;

/** GraphQL output types of the data-actions capability. JSON fields use the {@code JSON} scalar (real objects). */
public final class DataActionTypes {
    private DataActionTypes() {
    }

    /**
     * An action as the list gives it. Genesys's list carries no contract or config (only {@code GET .../{id}?expand=
     * contract&includeConfig=true} does, one call per action), so the list's type has no such fields rather than
     * fields that are always null.
     */
    @Type("DataActionSummary")
    @Description("A data action as listed; dataAction(id) gives its contract and config.")
    public record DataActionSummary(@NonNull @Id String id, @NonNull String name, String category, String integrationId,
            Boolean secure, Integer version) {

        static DataActionSummary of(JsonNode action) {
            return new DataActionSummary(action.path("id").asText(), action.path("name").asText(),
                    action.path("category").asText(null), action.path("integrationId").asText(null),
                    action.path("secure").asBoolean(false), action.hasNonNull("version") ? action.get("version").asInt() : null);
        }
    }

    /** A Genesys Integrations data action, with its contract and config (from {@code GET .../{id}}). */
    @Type("DataAction")
    public record DataAction(@NonNull @Id String id, @NonNull String name, String category, String integrationId,
            Boolean secure, Integer version, DataActionContract contract,
            @Description("Request/response templates and timeout, as Genesys stores them.") JsonValue config) {

        static DataAction of(JsonNode action) {
            JsonNode contract = action.path("contract");
            DataActionContract schemas = contract.isObject()
                    ? new DataActionContract(JsonValues.of(contract.path("input").path("inputSchema")),
                            JsonValues.of(contract.path("output").path("successSchema")))
                    : null;
            return new DataAction(action.path("id").asText(), action.path("name").asText(),
                    action.path("category").asText(null), action.path("integrationId").asText(null),
                    action.path("secure").asBoolean(false), action.hasNonNull("version") ? action.get("version").asInt() : null,
                    schemas, JsonValues.of(action.path("config")));
        }
    }

    /** The action's input and output JSON Schemas. */
    @Type("DataActionContract")
    public record DataActionContract(@Description("JSON Schema the execute input must satisfy.") JsonValue inputSchema,
            @Description("JSON Schema of a successful result.") JsonValue outputSchema) {
    }

    @Type("DataActionEdge")
    public record DataActionEdge(@NonNull String cursor, @NonNull DataActionSummary node) {
    }

    @Type("DataActionConnection")
    public record DataActionConnection(@NonNull List<@NonNull DataActionEdge> edges, @NonNull PageInfo pageInfo,
            @NonNull Integer totalCount) {
    }

    /** How an execution with an {@code idempotencyKey} was handled. */
    @Enum("IdempotencyOutcome")
    public enum IdempotencyOutcome {
        /** No key was given: the action ran. */
        NONE,
        /** First use of the key: the action ran and its result is kept for the window. */
        FIRST,
        /** The key was used before: this is the stored result; the action did not run again. */
        REPLAYED,
        /** The idempotency store (Redis) was unavailable: the action ran without the at-most-once guarantee. */
        UNAVAILABLE
    }

    @Type("DataActionResult")
    public record DataActionResult(@NonNull @Id String actionId,
            @Description("The action's output: its success template rendered, as JSON.") JsonValue output,
            @NonNull IdempotencyOutcome idempotency) {
    }

    /** Why a paged execution stopped. */
    @Enum("PagingStopReason")
    public enum PagingStopReason {
        /** The last page had no next cursor, or hasMore was false. */
        NO_MORE_PAGES,
        /** maxPages pages were fetched; nextCursor resumes. */
        MAX_PAGES,
        /** The next cursor had been seen before: the remote API is looping. */
        REPEATED_CURSOR,
        /** The gateway's item limit (actions.paging.max-items) was reached; nextCursor resumes. */
        MAX_ITEMS
    }

    @Input("PaginationInput")
    @Description("How to page an action whose output carries a cursor. Paths are JSON pointers (RFC 6901), e.g. "
            + "/cursor into the input and /nextCursor, /items into each output.")
    public record PaginationInput(
            @NonNull @Description("Where the cursor goes in the input.") String cursorInputPath,
            @NonNull @Description("Where the next cursor is in each output; missing, null or empty ends paging.") String cursorOutputPath,
            @NonNull @Description("The list of items in each output.") String itemsOutputPath,
            @Description("A boolean in each output; false ends paging.") String hasMoreOutputPath,
            @Description("Most pages to fetch (default 10).") Integer maxPages,
            @Description("Written into each page's input at pageSizeInputPath.") Integer pageSize,
            @Description("Where pageSize goes in the input (default /pageSize).") String pageSizeInputPath,
            @Description("Cursor of the first page, to resume a previous paged execution.") String startCursor) {
    }

    @Type("PagedDataActionResult")
    public record PagedDataActionResult(@NonNull @Id String actionId, @NonNull List<JsonValue> items,
            @NonNull Integer pagesFetched, @NonNull PagingStopReason stopReason,
            @Description("Cursor of the next page not fetched, when paging stopped early; pass it as startCursor.") String nextCursor) {
    }

    @Type("DataActionTestStep")
    public record DataActionTestStep(@NonNull Integer step, @NonNull String name, @NonNull Boolean success,
            @Description("What the step produced, e.g. the remote status.") JsonValue result,
            @Description("Why the step failed.") String error, String errorCode) {
    }

    @Type("DataActionTestResult")
    public record DataActionTestResult(@NonNull Boolean success, @NonNull List<@NonNull DataActionTestStep> steps,
            @Description("The output the action would have returned.") JsonValue finalResult, String error) {
    }

    @Enum("DataActionHttpMethod")
    public enum HttpMethod {
        GET, PUT, POST, PATCH, DELETE
    }

    @Input("DataActionRequestInput")
    public record DataActionRequestInput(
            @NonNull @Description("Velocity template of the URL, e.g. https://erp.example.com/orders/${input.id}.") String urlTemplate,
            @NonNull HttpMethod method,
            @Description("Header name to Velocity template, e.g. {\"Content-Type\": \"application/json\"}.") JsonValue headers,
            @Description("Velocity template of the request body (default ${input.rawRequest}).") String bodyTemplate) {
    }

    @Input("DataActionResponseInput")
    public record DataActionResponseInput(
            @Description("Variable name to JSONPath on the remote response, e.g. {\"status\": \"$.data.status\"}.") JsonValue translationMap,
            @Description("Variable name to a JSON literal (as a string) used when its path matches nothing, e.g. \"0\" or \"null\".") JsonValue translationMapDefaults,
            @Description("Velocity template of the output (default ${rawResult}, the remote body unchanged).") String successTemplate) {
    }

    @Input("CreateDataActionInput")
    public record CreateDataActionInput(
            @NonNull String name,
            @Description("Defaults to the integration's name when the integration is given by name.") String category,
            @Id @Description("The integration to create the action on; or give integrationName.") String integrationId,
            @Description("Name of a Web Services Data Actions (custom-rest-actions) integration.") String integrationName,
            @NonNull @Description("JSON Schema (draft-07 or draft-04) of the execute input.") JsonValue inputSchema,
            @NonNull @Description("JSON Schema of the output.") JsonValue outputSchema,
            @NonNull DataActionRequestInput request,
            DataActionResponseInput response,
            @Description("1 to 60.") Integer timeoutSeconds,
            @Description("Inputs and outputs are sensitive (not logged by Genesys).") Boolean secure,
            @Description("Publish after creating the draft (default true).") Boolean publish) {
    }
}
