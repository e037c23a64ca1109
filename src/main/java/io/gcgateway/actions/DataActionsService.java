package io.gcgateway.actions;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;

import io.gcgateway.actions.DataActionContracts.Contract;
import io.gcgateway.actions.DataActionTypes.DataActionResult;
import io.gcgateway.actions.DataActionTypes.DataActionTestResult;
import io.gcgateway.actions.DataActionTypes.DataActionTestStep;
import io.gcgateway.actions.DataActionTypes.IdempotencyOutcome;
import io.gcgateway.actions.DataActionTypes.PagedDataActionResult;
import io.gcgateway.actions.DataActionTypes.PaginationInput;
import io.gcgateway.actions.DataActionTypes.PagingStopReason;
import io.gcgateway.actions.IdempotencyStore.Claim;
import io.gcgateway.audit.CallerIdentity;
import io.gcgateway.errors.DataActionFailedException;
import io.gcgateway.errors.FieldError;
import io.gcgateway.errors.UpstreamTimeoutException;
import io.gcgateway.errors.ValidationFailedException;
import io.gcgateway.events.GatewayEvents;
import io.gcgateway.gateway.JsonSchemaValidator;
import io.gcgateway.gateway.JsonValues;
import io.gcgateway.genesys.GenesysRestClients;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.json.JsonValue;

/**
 * Executes and tests data actions. Every input is bounded and checked against the action's contract before Genesys
 * is called, so a bad input costs no upstream call and changes nothing.
 */
@ApplicationScoped
class DataActionsService {
    private static final int MAX_IDEMPOTENCY_KEY = 255;
    private static final int DEFAULT_MAX_PAGES = 10;

    private final ActionsRestClient actions;
    private final DataActionContracts contracts;
    private final JsonSchemaValidator validator;
    private final ActionInputs inputs;
    private final IdempotencyStore idempotency;
    private final DataActionDefinitions definitions;
    private final ActionsConfig config;
    private final GatewayEvents events;
    private final CallerIdentity caller;

    DataActionsService(GenesysRestClients clients, DataActionContracts contracts, JsonSchemaValidator validator,
            ActionInputs inputs, IdempotencyStore idempotency, DataActionDefinitions definitions, ActionsConfig config,
            GatewayEvents events, CallerIdentity caller) {
        this.events = events;
        this.caller = caller;
        this.definitions = definitions;
        this.actions = clients.api(ActionsRestClient.class);
        this.contracts = contracts;
        this.validator = validator;
        this.inputs = inputs;
        this.idempotency = idempotency;
        this.config = config;
    }

    Uni<DataActionResult> execute(String actionId, JsonValue input, String idempotencyKey) {
        return Uni.createFrom().deferred(() -> {
            JsonNode body = inputs.object("input", input);
            if (idempotencyKey != null && (idempotencyKey.isBlank() || idempotencyKey.length() > MAX_IDEMPOTENCY_KEY)) {
                throw ValidationFailedException.of("idempotencyKey", "must be 1 to " + MAX_IDEMPOTENCY_KEY + " characters");
            }
            return validated(actionId, body).flatMap(contract -> idempotencyKey == null
                    ? run(actionId, body).map(output -> result(actionId, output, IdempotencyOutcome.NONE))
                    : caller.actor().flatMap(actor -> idempotency.claim(actor, actionId, idempotencyKey, body))
                            .flatMap(claim -> runOnce(actionId, body, claim)));
        });
    }

    private Uni<DataActionResult> runOnce(String actionId, JsonNode body, Claim claim) {
        return switch (claim.kind()) {
            case REPLAY -> Uni.createFrom().item(result(actionId, claim.replayed(), IdempotencyOutcome.REPLAYED));
            case UNAVAILABLE -> run(actionId, body).map(output -> result(actionId, output, IdempotencyOutcome.UNAVAILABLE));
            case FIRST -> run(actionId, body)
                    .call(output -> idempotency.complete(claim, output))
                    .map(output -> result(actionId, output, IdempotencyOutcome.FIRST))
                    .onFailure().call(failure -> failure instanceof UpstreamTimeoutException
                            ? idempotency.outcomeUnknown(claim)
                            : idempotency.release(claim));
        };
    }

    Uni<PagedDataActionResult> executePaged(String actionId, JsonValue input, PaginationInput pagination) {
        return Uni.createFrom().deferred(() -> {
            JsonNode body = inputs.object("input", input);
            Paging paging = paging(pagination);
            if (pagination.startCursor() != null) {
                paging.set(body, paging.cursorInput, TextNode.valueOf(pagination.startCursor()));
            }
            return validated(actionId, body).flatMap(contract -> page(contract, body, paging, pagination.startCursor(),
                    new PagedState(new ArrayList<>(), new HashSet<>(), 0)));
        });
    }

    Uni<DataActionTestResult> test(String actionId, JsonValue input) {
        return Uni.createFrom().deferred(() -> {
            JsonNode body = inputs.object("input", input);
            return validated(actionId, body).flatMap(contract -> actions.test(actionId, body)).map(DataActionsService::testResult);
        });
    }

    /**
     * Creates a draft and, unless {@code publish} is false, publishes it; answers the action as {@code dataAction}
     * would. The integration may be named: the gateway finds the Web Services Data Actions integration of that name.
     */
    Uni<DataActionTypes.DataAction> create(DataActionTypes.CreateDataActionInput input) {
        return Uni.createFrom().deferred(() -> {
            definitions.check(input);
            Uni<String[]> integration = input.integrationName() != null && !input.integrationName().isBlank()
                    ? integrationNamed(input.integrationName().strip(), 1)
                            .map(id -> new String[] { id, input.category() == null || input.category().isBlank()
                                    ? input.integrationName().strip() : input.category() })
                    : Uni.createFrom().item(new String[] { input.integrationId(), input.category() });
            return integration
                    .flatMap(target -> actions.createDraft(definitions.postActionInput(input, target[0], target[1])))
                    .flatMap(draft -> {
                        String id = draft.path("id").asText();
                        if (Boolean.FALSE.equals(input.publish())) {
                            return Uni.createFrom().item(DataActionTypes.DataAction.of(draft));
                        }
                        ObjectNode publish = JsonNodeFactory.instance.objectNode()
                                .put("version", draft.path("version").asInt(1));
                        return actions.publishDraft(id, publish).flatMap(published -> actions.get(id))
                                .map(DataActionTypes.DataAction::of);
                    });
        });
    }

    private static final String WEB_SERVICES_INTEGRATION = "custom-rest-actions";
    private static final int INTEGRATION_PAGE_SIZE = 100;
    private static final int MAX_INTEGRATION_PAGES = 20;

    private Uni<String> integrationNamed(String name, int pageNumber) {
        return actions.integrations(INTEGRATION_PAGE_SIZE, pageNumber).flatMap(page -> {
            for (JsonNode integration : page.entitiesOrEmpty()) {
                if (name.equals(integration.path("name").asText())
                        && WEB_SERVICES_INTEGRATION.equals(integration.path("integrationType").path("id").asText())) {
                    return Uni.createFrom().item(integration.path("id").asText());
                }
            }
            if (page.hasNextPage() && pageNumber < MAX_INTEGRATION_PAGES) {
                return integrationNamed(name, pageNumber + 1);
            }
            return Uni.createFrom().failure(ValidationFailedException.of("input.integrationName",
                    "no Web Services Data Actions (" + WEB_SERVICES_INTEGRATION + ") integration is named '" + name + "'"));
        });
    }

    /** The action's contract, once {@code body} is known to satisfy it. */
    private Uni<Contract> validated(String actionId, JsonNode body) {
        return contracts.of(actionId).map(contract -> {
            if (contract.inputSchema() != null) {
                List<FieldError> violations = validator.violations(contract.inputSchema(), body);
                if (!violations.isEmpty()) {
                    throw new ValidationFailedException("input does not satisfy the input contract of data action '"
                            + contract.name() + "'", violations);
                }
            }
            return contract;
        });
    }

    /** One execution; a timeout after the request was sent may mean the action ran. */
    /** One execution; a successful one is announced to webhooks as {@code dataAction.executed}. */
    private Uni<JsonNode> run(String actionId, JsonNode body) {
        return actions.execute(actionId, body)
                .call(output -> caller.actor().flatMap(actor -> events.publish(GatewayEvents.DATA_ACTION_EXECUTED, null,
                        JsonNodeFactory.instance.objectNode()
                                .put("actionId", actionId).put("actor", actor).set("output", output))))
                .onFailure(UpstreamTimeoutException.class).transform(failure -> {
                    UpstreamTimeoutException timeout = (UpstreamTimeoutException) failure;
                    return timeout.isMayHaveRun() ? timeout
                            : UpstreamTimeoutException.mayHaveRun("The data action did not complete in time; it may have "
                                    + "run. Check its effect before executing it again.", timeout.contextId());
                });
    }

    private static DataActionResult result(String actionId, JsonNode output, IdempotencyOutcome outcome) {
        return new DataActionResult(actionId, JsonValues.of(output), outcome);
    }

    // --- paging -------------------------------------------------------------------------------------------------

    private record PagedState(List<JsonValue> items, Set<String> cursorsSeen, int pages) {
    }

    private final class Paging {
        JsonPointer cursorInput;
        JsonPointer cursorOutput;
        JsonPointer itemsOutput;
        JsonPointer hasMoreOutput;
        JsonPointer pageSizeInput;
        Integer pageSize;
        int maxPages;

        /** Writes {@code value} at {@code pointer} in the input, creating missing objects on the way. */
        void set(JsonNode input, JsonPointer pointer, JsonNode value) {
            JsonPointer parent = pointer.head();
            JsonNode container = parent == null || parent.matches() ? input : ((ObjectNode) input).withObject(parent);
            ((ObjectNode) container).set(pointer.last().getMatchingProperty(), value);
        }
    }

    private Paging paging(PaginationInput pagination) {
        List<FieldError> errors = new ArrayList<>();
        Paging paging = new Paging();
        paging.cursorInput = pointer("pagination.cursorInputPath", pagination.cursorInputPath(), true, errors);
        paging.cursorOutput = pointer("pagination.cursorOutputPath", pagination.cursorOutputPath(), true, errors);
        paging.itemsOutput = pointer("pagination.itemsOutputPath", pagination.itemsOutputPath(), false, errors);
        paging.hasMoreOutput = pagination.hasMoreOutputPath() == null ? null
                : pointer("pagination.hasMoreOutputPath", pagination.hasMoreOutputPath(), false, errors);
        paging.pageSize = pagination.pageSize();
        if (paging.pageSize != null) {
            if (paging.pageSize < 1) {
                errors.add(new FieldError("pagination.pageSize", "must be at least 1"));
            }
            paging.pageSizeInput = pointer("pagination.pageSizeInputPath",
                    pagination.pageSizeInputPath() == null ? "/pageSize" : pagination.pageSizeInputPath(), true, errors);
        }
        int maxPages = pagination.maxPages() == null ? Math.min(DEFAULT_MAX_PAGES, config.paging().maxPages())
                : pagination.maxPages();
        if (maxPages < 1 || maxPages > config.paging().maxPages()) {
            errors.add(new FieldError("pagination.maxPages", "must be between 1 and " + config.paging().maxPages()));
        }
        paging.maxPages = maxPages;
        if (!errors.isEmpty()) {
            throw new ValidationFailedException("Invalid pagination", errors);
        }
        return paging;
    }

    /** A JSON pointer; input pointers must name an object property (that is where a value can be written). */
    private static JsonPointer pointer(String path, String value, boolean intoInput, List<FieldError> errors) {
        try {
            JsonPointer pointer = JsonPointer.compile(value);
            if (pointer.matches()) {
                errors.add(new FieldError(path, "must point below the root, e.g. /cursor"));
                return null;
            }
            if (intoInput && pointer.last().getMatchingProperty() == null) {
                errors.add(new FieldError(path, "must end with a property name"));
                return null;
            }
            return pointer;
        } catch (IllegalArgumentException e) {
            errors.add(new FieldError(path, "must be a JSON pointer such as /nextCursor"));
            return null;
        }
    }

    private Uni<PagedDataActionResult> page(Contract contract, JsonNode firstInput, Paging paging, String cursor,
            PagedState state) {
        JsonNode pageInput = firstInput.deepCopy();
        if (cursor != null) {
            paging.set(pageInput, paging.cursorInput, TextNode.valueOf(cursor));
        }
        if (paging.pageSize != null) {
            paging.set(pageInput, paging.pageSizeInput, IntNode.valueOf(paging.pageSize));
        }
        if (contract.inputSchema() != null) {
            List<FieldError> violations = validator.violations(contract.inputSchema(), pageInput);
            if (!violations.isEmpty()) {
                return Uni.createFrom().failure(new ValidationFailedException("The input of page " + (state.pages() + 1)
                        + " does not satisfy the contract of data action '" + contract.name() + "'", violations));
            }
        }
        int pageNumber = state.pages() + 1;
        return run(contract.actionId(), pageInput).flatMap(output -> {
            if (cursor != null) {
                state.cursorsSeen().add(cursor);
            }
            JsonNode items = output.at(paging.itemsOutput);
            if (!items.isMissingNode() && !items.isNull() && !items.isArray()) {
                return Uni.createFrom().failure(new DataActionFailedException("Page " + pageNumber + ": the output at "
                        + paging.itemsOutput + " is not a list", null, null));
            }
            int room = config.paging().maxItems() - state.items().size();
            int taken = 0;
            for (JsonNode item : items) {
                if (taken == room) {
                    break;
                }
                state.items().add(JsonValues.of(item));
                taken++;
            }
            PagedState next = new PagedState(state.items(), state.cursorsSeen(), pageNumber);
            JsonNode nextCursorNode = output.at(paging.cursorOutput);
            String nextCursor = nextCursorNode.isValueNode() && !nextCursorNode.isNull() ? nextCursorNode.asText() : null;
            boolean hasMore = paging.hasMoreOutput == null || output.at(paging.hasMoreOutput).asBoolean(true);
            if (nextCursor == null || nextCursor.isEmpty() || !hasMore) {
                return done(contract, next, PagingStopReason.NO_MORE_PAGES, null);
            }
            if (next.cursorsSeen().contains(nextCursor) || nextCursor.equals(cursor)) {
                return done(contract, next, PagingStopReason.REPEATED_CURSOR, null);
            }
            if (taken < items.size() || next.items().size() >= config.paging().maxItems()) {
                return done(contract, next, PagingStopReason.MAX_ITEMS, nextCursor);
            }
            if (pageNumber >= paging.maxPages) {
                return done(contract, next, PagingStopReason.MAX_PAGES, nextCursor);
            }
            return page(contract, firstInput, paging, nextCursor, next);
        });
    }

    private static Uni<PagedDataActionResult> done(Contract contract, PagedState state, PagingStopReason reason,
            String nextCursor) {
        return Uni.createFrom().item(new PagedDataActionResult(contract.actionId(), state.items(), state.pages(), reason,
                nextCursor));
    }

    // --- test ---------------------------------------------------------------------------------------------------

    private static DataActionTestResult testResult(JsonNode result) {
        List<DataActionTestStep> steps = new ArrayList<>();
        int index = 0;
        for (JsonNode operation : result.path("operations")) {
            index++;
            JsonNode error = operation.path("error");
            String errorCode = null;
            for (JsonNode detail : error.path("details")) {
                errorCode = detail.path("errorCode").asText(null);
            }
            steps.add(new DataActionTestStep(operation.path("step").asInt(index), operation.path("name").asText(""),
                    operation.path("success").asBoolean(false), JsonValues.of(operation.get("result")),
                    error.path("message").asText(null), errorCode != null ? errorCode : error.path("code").asText(null)));
        }
        return new DataActionTestResult(result.path("success").asBoolean(false), steps,
                JsonValues.of(result.get("finalResult")), result.path("error").path("message").asText(null));
    }
}
