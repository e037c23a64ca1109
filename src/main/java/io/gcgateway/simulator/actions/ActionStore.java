package io.gcgateway.simulator.actions;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.gcgateway.simulator.SeededIds;
import io.gcgateway.simulator.SimulatorException;
import jakarta.inject.Singleton;

/**
 * Integrations and their data actions (published and drafts), kept as raw JSON as Genesys keeps contracts:
 * the Java SDK's schema model would drop {@code items}. Validation follows Genesys's required fields.
 */
@Singleton
public class ActionStore {
    static final String BASE = "/api/v2/integrations/actions";
    private static final Set<String> REQUEST_TYPES = Set.of("GET", "PUT", "POST", "PATCH", "DELETE");

    private final ObjectMapper mapper;
    private final SeededIds ids;
    private final List<ObjectNode> integrations = new ArrayList<>();
    private final Map<String, ObjectNode> published = new LinkedHashMap<>();
    private final Map<String, ObjectNode> drafts = new LinkedHashMap<>();

    ActionStore(ObjectMapper mapper, SeededIds ids) {
        this.mapper = mapper;
        this.ids = ids;
        reset();
    }

    /** Back to the seeded integrations and actions (created actions and drafts are dropped). */
    public synchronized void reset() {
        integrations.clear();
        published.clear();
        drafts.clear();
        String erp = ids.uuid("integration", 0);
        String genesys = ids.uuid("integration", 1);
        integrations.add(integration(erp, "ERP Actions", "custom-rest-actions", "Web Services Data Actions"));
        integrations.add(integration(genesys, "Genesys Cloud Data Actions", "purecloud-data-actions", "Genesys Cloud Data Actions"));
        int n = 0;
        for (ObjectNode action : SeededActions.all(mapper, erp, genesys)) {
            String id = "custom_-_" + ids.uuid("action", n++);
            published.put(id, identify(action, id, 1));
        }
    }

    public synchronized List<ObjectNode> integrations() {
        return integrations.stream().map(ObjectNode::deepCopy).toList();
    }

    /** Published actions matching the list filters, without contract and, unless asked, without config. */
    synchronized List<ObjectNode> list(String category, String nameContains, Boolean secure, Set<String> ids,
            String sortBy, String sortOrder, boolean includeConfig) {
        Comparator<ObjectNode> order = Comparator.comparing(a -> a.path("category".equals(sortBy) ? "category" : "name")
                .asText().toLowerCase(Locale.ROOT));
        if ("DESC".equalsIgnoreCase(sortOrder)) {
            order = order.reversed();
        }
        return published.values().stream()
                .filter(a -> category == null || category.equals(a.path("category").asText()))
                .filter(a -> nameContains == null
                        || a.path("name").asText().toLowerCase(Locale.ROOT).contains(nameContains.toLowerCase(Locale.ROOT)))
                .filter(a -> secure == null || secure == a.path("secure").asBoolean())
                .filter(a -> ids == null || ids.contains(a.path("id").asText()))
                .sorted(order)
                .map(a -> view(a, false, includeConfig))
                .toList();
    }

    synchronized ObjectNode get(String id, boolean expandContract, boolean includeConfig) {
        return view(published(id), expandContract, includeConfig);
    }

    /** The stored action with contract and config (what execute and test need). */
    public synchronized ObjectNode full(String id) {
        return published(id).deepCopy();
    }

    synchronized ObjectNode create(JsonNode input, boolean asDraft) {
        ObjectNode action = validated(input);
        String id = "custom_-_" + UUID.randomUUID();
        identify(action, id, 1);
        (asDraft ? drafts : published).put(id, action);
        return action.deepCopy();
    }

    synchronized ObjectNode draft(String id) {
        ObjectNode draft = drafts.get(id);
        if (draft == null) {
            throw SimulatorException.notFound("No draft for action " + id);
        }
        return draft.deepCopy();
    }

    /** {@code POST /{id}/draft}: a new draft from the published action. */
    synchronized ObjectNode draftFromPublished(String id) {
        ObjectNode draft = published(id).deepCopy();
        drafts.put(id, draft);
        return draft.deepCopy();
    }

    synchronized ObjectNode patchDraft(String id, JsonNode update) {
        ObjectNode draft = drafts.get(id);
        if (draft == null) {
            throw SimulatorException.notFound("No draft for action " + id);
        }
        checkVersion(draft, update);
        for (String field : List.of("name", "category", "secure", "config", "contract")) {
            if (update.has(field)) {
                draft.set(field, update.get(field).deepCopy());
            }
        }
        validated(draft);
        draft.put("version", draft.path("version").asInt() + 1);
        return draft.deepCopy();
    }

    synchronized ObjectNode publish(String id, JsonNode body) {
        ObjectNode draft = drafts.get(id);
        if (draft == null) {
            throw SimulatorException.notFound("No draft for action " + id);
        }
        checkVersion(draft, body);
        ObjectNode current = published.get(id);
        ObjectNode action = draft.deepCopy();
        action.put("version", current == null ? 1 : current.path("version").asInt() + 1);
        published.put(id, action);
        drafts.remove(id);
        return action.deepCopy();
    }

    /** {@code PATCH /{id}}: name, category, config and secure may change; the contract may not. */
    synchronized ObjectNode patch(String id, JsonNode update) {
        ObjectNode action = published(id);
        checkVersion(action, update);
        if (update.has("contract")) {
            throw SimulatorException.badRequest("The contract of a published action cannot be changed");
        }
        ObjectNode changed = action.deepCopy();
        for (String field : List.of("name", "category", "secure", "config")) {
            if (update.has(field)) {
                changed.set(field, update.get(field).deepCopy());
            }
        }
        validated(changed);
        changed.put("version", action.path("version").asInt() + 1);
        published.put(id, changed);
        return changed.deepCopy();
    }

    synchronized void delete(String id) {
        if (published.remove(id) == null && drafts.remove(id) == null) {
            throw SimulatorException.notFound("Action " + id + " not found");
        }
    }

    private ObjectNode published(String id) {
        ObjectNode action = published.get(id);
        if (action == null) {
            throw SimulatorException.notFound("Action " + id + " not found");
        }
        return action;
    }

    private static void checkVersion(ObjectNode current, JsonNode update) {
        if (!update.hasNonNull("version")) {
            throw SimulatorException.badRequest("version is required");
        }
        if (update.get("version").asInt() != current.path("version").asInt()) {
            throw new SimulatorException(409, "conflict", "Version does not match current version.");
        }
    }

    /** The checks Genesys makes on {@code PostActionInput}, answered with 400 and the failing field. */
    private ObjectNode validated(JsonNode input) {
        if (input == null || !input.isObject()) {
            throw SimulatorException.badRequest("The request body must be an action");
        }
        List<String> missing = new ArrayList<>();
        for (String field : List.of("name", "category", "integrationId")) {
            if (!input.hasNonNull(field) || input.get(field).asText().isBlank()) {
                missing.add(field);
            } else if (input.get(field).asText().length() > 256) {
                throw SimulatorException.badRequest(field + " may be at most 256 characters");
            }
        }
        if (!input.path("contract").path("input").path("inputSchema").isObject()) {
            missing.add("contract.input.inputSchema");
        }
        if (!input.path("contract").path("output").path("successSchema").isObject()) {
            missing.add("contract.output.successSchema");
        }
        JsonNode request = input.path("config").path("request");
        if (!request.hasNonNull("requestUrlTemplate")) {
            missing.add("config.request.requestUrlTemplate");
        }
        if (!missing.isEmpty()) {
            throw new SimulatorException(400, "bad.request", "Missing required fields: " + String.join(", ", missing),
                    missing.stream().map(f -> Map.of("errorCode", "MISSING_FIELD", "fieldName", f)).toList());
        }
        if (!REQUEST_TYPES.contains(request.path("requestType").asText("POST"))) {
            throw SimulatorException.badRequest("config.request.requestType must be one of " + REQUEST_TYPES);
        }
        JsonNode timeout = input.path("config").path("timeoutSeconds");
        if (!timeout.isMissingNode() && !timeout.isNull() && (timeout.asInt() < 1 || timeout.asInt() > 60)) {
            throw SimulatorException.badRequest("config.timeoutSeconds must be between 1 and 60");
        }
        String integrationId = input.get("integrationId").asText();
        if (integrations.stream().noneMatch(i -> i.path("id").asText().equals(integrationId))) {
            throw SimulatorException.badRequest("Integration " + integrationId + " does not exist");
        }
        ObjectNode action = mapper.createObjectNode();
        for (String field : List.of("id", "name", "category", "integrationId", "secure", "version", "contract", "config", "selfUri")) {
            if (input.has(field)) {
                action.set(field, input.get(field).deepCopy());
            }
        }
        if (!action.has("secure")) {
            action.put("secure", false);
        }
        return action;
    }

    private ObjectNode view(ObjectNode action, boolean expandContract, boolean includeConfig) {
        ObjectNode view = action.deepCopy();
        if (!expandContract) {
            view.remove("contract");
        }
        if (!includeConfig) {
            view.remove("config");
        }
        return view;
    }

    private static ObjectNode identify(ObjectNode action, String id, int version) {
        action.put("id", id);
        action.put("version", version);
        action.put("selfUri", BASE + "/" + id);
        return action;
    }

    private ObjectNode integration(String id, String name, String typeId, String typeName) {
        ObjectNode integration = mapper.createObjectNode();
        integration.put("id", id);
        integration.put("name", name);
        integration.putObject("integrationType").put("id", typeId).put("name", typeName);
        integration.put("intendedState", "ENABLED");
        integration.putObject("reportedState").put("code", "ACTIVE");
        integration.put("selfUri", "/api/v2/integrations/" + id);
        return integration;
    }
}
