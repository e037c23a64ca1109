package io.gcgateway.simulator.directory;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;

import io.gcgateway.simulator.PageEnvelope;
import io.gcgateway.simulator.SimulatorException;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/**
 * The directory endpoints of the simulated org, as the Genesys API serves them: users (list, bulk by repeated
 * {@code id}, by id, with {@code expand=presence,routingStatus}), presence definitions, a user's presence and routing
 * status (read and set), queues (list with a {@code *name*} filter, bulk by {@code id}, by id), queue members (paged
 * without totals), wrap-up codes and divisions. A list parameter is accepted repeated or comma-separated.
 */
@Path("/simulator/api/v2")
@Produces(MediaType.APPLICATION_JSON)
public class DirectoryResource {
    private static final int MAX_MEMBERS_PAGE = 100;

    private final SimulatorDirectory directory;

    DirectoryResource(SimulatorDirectory directory) {
        this.directory = directory;
    }

    @GET
    @Path("/users")
    public Map<String, Object> users(@QueryParam("pageSize") Integer pageSize, @QueryParam("pageNumber") Integer pageNumber,
            @QueryParam("id") List<String> ids, @QueryParam("expand") List<String> expand) {
        Set<String> wanted = split(ids);
        Set<String> expands = split(expand);
        List<Map<String, Object>> found = directory.users().stream()
                .filter(user -> wanted.isEmpty() || wanted.contains((String) user.get("id")))
                .map(user -> expanded(user, expands)).toList();
        return PageEnvelope.of(found, pageSize, pageNumber, "/api/v2/users", query("id", wanted, "expand", expands));
    }

    /**
     * {@code POST /api/v2/users/search}: {@code CONTAINS}, {@code STARTS_WITH}, {@code EXACT} and {@code TERM} criteria
     * on {@code name} or {@code email}; answers {@code results} (not {@code entities}) with {@code nextPage}.
     */
    @POST
    @Path("/users/search")
    @Consumes(MediaType.APPLICATION_JSON)
    public Map<String, Object> searchUsers(JsonNode request) {
        int size = request.path("pageSize").asInt(25);
        int number = request.path("pageNumber").asInt(1);
        if (size < 1 || size > 100 || number < 1) {
            throw SimulatorException.badRequest("pageSize must be 1-100 and pageNumber >= 1");
        }
        Predicate<Map<String, Object>> matches = user -> true;
        for (JsonNode criterion : request.path("query")) {
            String type = criterion.path("type").asText("");
            String value = criterion.path("value").asText("").toLowerCase(Locale.ROOT);
            List<String> fields = new ArrayList<>();
            criterion.path("fields").forEach(field -> fields.add(field.asText()));
            if (!List.of("CONTAINS", "STARTS_WITH", "EXACT", "TERM").contains(type) || fields.isEmpty()) {
                throw SimulatorException.badRequest("Unsupported search criterion: " + criterion);
            }
            Predicate<Map<String, Object>> one = user -> fields.stream().anyMatch(field -> {
                String actual = String.valueOf(user.getOrDefault(field, "")).toLowerCase(Locale.ROOT);
                return switch (type) {
                    case "STARTS_WITH" -> actual.startsWith(value);
                    case "EXACT" -> actual.equals(value);
                    default -> actual.contains(value);
                };
            });
            matches = matches.and(one);
        }
        Predicate<Map<String, Object>> filter = matches;
        List<Map<String, Object>> found = directory.users().stream().filter(filter)
                .sorted((a, b) -> ((String) a.get("name")).compareToIgnoreCase((String) b.get("name")))
                .map(user -> expanded(user, split(jsonList(request.path("expand"))))).toList();
        int pageCount = Math.max(1, (found.size() + size - 1) / size);
        int from = Math.min(found.size(), (number - 1) * size);
        Map<String, Object> page = new LinkedHashMap<>();
        page.put("total", found.size());
        page.put("pageCount", pageCount);
        page.put("pageSize", size);
        page.put("pageNumber", number);
        page.put("currentPage", "/api/v2/users/search?q64=page" + number);
        page.put("nextPage", number < pageCount ? "/api/v2/users/search?q64=page" + (number + 1) : null);
        page.put("previousPage", number > 1 ? "/api/v2/users/search?q64=page" + (number - 1) : null);
        page.put("types", List.of("users"));
        page.put("results", found.subList(from, Math.min(found.size(), from + size)));
        return page;
    }

    private static List<String> jsonList(JsonNode array) {
        List<String> values = new ArrayList<>();
        array.forEach(value -> values.add(value.asText()));
        return values;
    }

    @GET
    @Path("/users/{userId}")
    public Map<String, Object> user(@PathParam("userId") String userId, @QueryParam("expand") List<String> expand) {
        return expanded(find(directory.users(), userId, "User"), split(expand));
    }

    /** {@code GET /api/v2/users/{userId}/queues}: the user's queues ({@code joined} defaults to true), by name. */
    @GET
    @Path("/users/{userId}/queues")
    public Map<String, Object> userQueues(@PathParam("userId") String userId, @QueryParam("pageSize") Integer pageSize,
            @QueryParam("pageNumber") Integer pageNumber, @QueryParam("joined") Boolean joined) {
        knownUser(userId);
        boolean wanted = joined == null || joined;
        List<Map<String, Object>> found = new ArrayList<>();
        for (Map<String, Object> queue : directory.queues()) {
            Boolean isJoined = directory.members((String) queue.get("id")).get(userId);
            if (isJoined != null && isJoined == wanted) {
                Map<String, Object> userQueue = new LinkedHashMap<>(queue);
                userQueue.put("joined", isJoined);
                found.add(userQueue);
            }
        }
        found.sort((a, b) -> ((String) a.get("name")).compareToIgnoreCase((String) b.get("name")));
        return PageEnvelope.of(found, pageSize, pageNumber, "/api/v2/users/" + userId + "/queues",
                Map.of("joined", String.valueOf(wanted)));
    }

    @GET
    @Path("/users/{userId}/presences/purecloud")
    public Map<String, Object> presence(@PathParam("userId") String userId) {
        knownUser(userId);
        return directory.presence(userId);
    }

    @PATCH
    @Path("/users/{userId}/presences/purecloud")
    @Consumes(MediaType.APPLICATION_JSON)
    public Map<String, Object> setPresence(@PathParam("userId") String userId, JsonNode body) {
        knownUser(userId);
        String presenceId = body == null ? "" : body.at("/presenceDefinition/id").asText("");
        if (presenceId.isEmpty() || directory.presenceDefinition(presenceId) == null) {
            throw SimulatorException.badRequest("presenceDefinition.id must name a presence definition");
        }
        directory.setPresence(userId, presenceId);
        return directory.presence(userId);
    }

    @GET
    @Path("/users/{userId}/routingstatus")
    public Map<String, Object> routingStatus(@PathParam("userId") String userId) {
        return directory.routingStatus(userId);
    }

    @PUT
    @Path("/users/{userId}/routingstatus")
    @Consumes(MediaType.APPLICATION_JSON)
    public Map<String, Object> setRoutingStatus(@PathParam("userId") String userId, JsonNode body) {
        knownUser(userId);
        String status = body == null ? "" : body.path("status").asText("");
        if (!SimulatorDirectory.ROUTING_STATUSES.contains(status)) {
            throw SimulatorException.badRequest("status must be one of " + SimulatorDirectory.ROUTING_STATUSES);
        }
        directory.setRoutingStatus(userId, status);
        return directory.routingStatus(userId);
    }

    /** {@code GET /api/v2/presence/definitions}: not paged ({@code total, entities, selfUri}). */
    @GET
    @Path("/presence/definitions")
    public Map<String, Object> presenceDefinitions() {
        List<Map<String, Object>> all = directory.presenceDefinitions();
        return Map.of("total", all.size(), "entities", all, "selfUri", "/api/v2/presence/definitions");
    }

    @GET
    @Path("/routing/queues")
    public Map<String, Object> queues(@QueryParam("pageSize") Integer pageSize, @QueryParam("pageNumber") Integer pageNumber,
            @QueryParam("name") String name, @QueryParam("id") List<String> ids) {
        Set<String> wanted = split(ids);
        Predicate<String> matches = nameFilter(name);
        List<Map<String, Object>> found = directory.queues().stream()
                .filter(queue -> wanted.isEmpty() || wanted.contains((String) queue.get("id")))
                .filter(queue -> matches.test((String) queue.get("name")))
                .sorted((a, b) -> ((String) a.get("name")).compareToIgnoreCase((String) b.get("name"))).toList();
        return PageEnvelope.of(found, pageSize, pageNumber, "/api/v2/routing/queues", query("id", wanted, "name",
                name == null ? Set.of() : Set.of(name)));
    }

    @GET
    @Path("/routing/queues/{queueId}")
    public Map<String, Object> queue(@PathParam("queueId") String queueId) {
        return find(directory.queues(), queueId, "Queue");
    }

    /** Members by name, with {@code joined} and the user (expanded as asked); no totals, as Genesys. */
    @GET
    @Path("/routing/queues/{queueId}/members")
    public Map<String, Object> members(@PathParam("queueId") String queueId, @QueryParam("pageSize") Integer pageSize,
            @QueryParam("pageNumber") Integer pageNumber, @QueryParam("joined") Boolean joined,
            @QueryParam("expand") List<String> expand) {
        Map<String, Boolean> queueMembers = directory.members(queueId);
        if (queueMembers == null) {
            throw SimulatorException.notFound("Queue " + queueId + " not found");
        }
        int size = pageSize == null ? 25 : pageSize;
        int number = pageNumber == null ? 1 : pageNumber;
        if (size < 1 || size > MAX_MEMBERS_PAGE || number < 1) {
            throw SimulatorException.badRequest("pageSize must be 1-" + MAX_MEMBERS_PAGE + " and pageNumber >= 1");
        }
        Set<String> expands = split(expand);
        List<Map<String, Object>> all = new ArrayList<>();
        for (Map<String, Object> user : directory.users()) {
            Boolean isJoined = queueMembers.get((String) user.get("id"));
            if (isJoined != null && (joined == null || joined.equals(isJoined))) {
                Map<String, Object> member = new LinkedHashMap<>();
                member.put("id", user.get("id"));
                member.put("name", user.get("name"));
                member.put("user", expanded(user, expands));
                member.put("ringNumber", 1);
                member.put("joined", isJoined);
                member.put("memberBy", "user");
                member.put("routingStatus", directory.routingStatus((String) user.get("id")));
                member.put("selfUri", "/api/v2/routing/queues/" + queueId + "/members/" + user.get("id"));
                all.add(member);
            }
        }
        all.sort((a, b) -> ((String) a.get("name")).compareToIgnoreCase((String) b.get("name")));
        int from = Math.min(all.size(), (number - 1) * size);
        int to = Math.min(all.size(), from + size);
        String base = "/api/v2/routing/queues/" + queueId + "/members?pageSize=" + size
                + (joined == null ? "" : "&joined=" + joined) + "&pageNumber=";
        Map<String, Object> page = new LinkedHashMap<>();
        page.put("entities", all.subList(from, to));
        page.put("pageSize", size);
        page.put("pageNumber", number);
        page.put("firstUri", base + 1);
        page.put("selfUri", base + number);
        page.put("nextUri", to < all.size() ? base + (number + 1) : null);
        page.put("previousUri", number > 1 ? base + (number - 1) : null);
        return page;
    }

    /** {@code PATCH .../members/{memberId}} with {@code {"joined": bool}}: 202, as Genesys. */
    @PATCH
    @Path("/routing/queues/{queueId}/members/{memberId}")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response setMembership(@PathParam("queueId") String queueId,
            @PathParam("memberId") String memberId, JsonNode body) {
        Map<String, Boolean> queueMembers = directory.members(queueId);
        if (queueMembers == null) {
            throw SimulatorException.notFound("Queue " + queueId + " not found");
        }
        if (!queueMembers.containsKey(memberId)) {
            throw SimulatorException.notFound("Member " + memberId + " not found in queue " + queueId);
        }
        if (body == null || !body.path("joined").isBoolean()) {
            throw SimulatorException.badRequest("joined must be true or false");
        }
        directory.setJoined(queueId, memberId, body.path("joined").asBoolean());
        return Response.accepted().build();
    }

    @GET
    @Path("/routing/wrapupcodes")
    public Map<String, Object> wrapUpCodes(@QueryParam("pageSize") Integer pageSize,
            @QueryParam("pageNumber") Integer pageNumber, @QueryParam("id") List<String> ids) {
        Set<String> wanted = split(ids);
        List<Map<String, Object>> found = directory.wrapUpCodes().stream()
                .filter(code -> wanted.isEmpty() || wanted.contains((String) code.get("id")))
                .sorted((a, b) -> ((String) a.get("name")).compareToIgnoreCase((String) b.get("name"))).toList();
        return PageEnvelope.of(found, pageSize, pageNumber, "/api/v2/routing/wrapupcodes", query("id", wanted));
    }

    @GET
    @Path("/routing/wrapupcodes/{codeId}")
    public Map<String, Object> wrapUpCode(@PathParam("codeId") String codeId) {
        return find(directory.wrapUpCodes(), codeId, "Wrap-up code");
    }

    @GET
    @Path("/authorization/divisions")
    public Map<String, Object> divisions(@QueryParam("pageSize") Integer pageSize,
            @QueryParam("pageNumber") Integer pageNumber, @QueryParam("id") List<String> ids) {
        Set<String> wanted = split(ids);
        List<Map<String, Object>> found = directory.divisions().stream()
                .filter(division -> wanted.isEmpty() || wanted.contains((String) division.get("id"))).toList();
        return PageEnvelope.of(found, pageSize, pageNumber, "/api/v2/authorization/divisions", query("id", wanted));
    }

    private Map<String, Object> expanded(Map<String, Object> user, Set<String> expands) {
        if (!expands.contains("presence") && !expands.contains("routingStatus")) {
            return user;
        }
        Map<String, Object> copy = new LinkedHashMap<>(user);
        String id = (String) user.get("id");
        if (expands.contains("presence")) {
            copy.put("presence", directory.presence(id));
        }
        if (expands.contains("routingStatus")) {
            copy.put("routingStatus", directory.routingStatus(id));
        }
        return copy;
    }

    private void knownUser(String userId) {
        if (!directory.isUser(userId)) {
            throw SimulatorException.notFound("User " + userId + " not found");
        }
    }

    private static Map<String, Object> find(List<Map<String, Object>> all, String id, String kind) {
        return all.stream().filter(entity -> entity.get("id").equals(id)).findFirst()
                .orElseThrow(() -> SimulatorException.notFound(kind + " " + id + " not found"));
    }

    /** Genesys's {@code *name*} filter (leading and trailing asterisks); without asterisks, a prefix match. */
    private static Predicate<String> nameFilter(String name) {
        if (name == null || name.isBlank()) {
            return any -> true;
        }
        String core = name.replaceAll("^\\*+|\\*+$", "").toLowerCase(Locale.ROOT);
        boolean contains = name.startsWith("*");
        Pattern literal = Pattern.compile(Pattern.quote(core));
        return candidate -> {
            String lower = candidate.toLowerCase(Locale.ROOT);
            return contains ? literal.matcher(lower).find() : lower.startsWith(core);
        };
    }

    /** Repeated values and comma-separated lists alike. */
    private static Set<String> split(List<String> values) {
        Set<String> all = new LinkedHashSet<>();
        if (values != null) {
            values.forEach(value -> Arrays.stream(value.split(",")).map(String::trim).filter(v -> !v.isEmpty())
                    .forEach(all::add));
        }
        return all;
    }

    private static Map<String, String> query(Object... namesAndValues) {
        Map<String, String> query = new LinkedHashMap<>();
        for (int i = 0; i + 1 < namesAndValues.length; i += 2) {
            @SuppressWarnings("unchecked")
            Set<String> values = (Set<String>) namesAndValues[i + 1];
            if (!values.isEmpty()) {
                query.put((String) namesAndValues[i], String.join(",", values));
            }
        }
        return query;
    }
}
