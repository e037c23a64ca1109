package io.gcgateway.directory;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import io.gcgateway.directory.DirectoryTypes.PresenceDefinition;
import io.gcgateway.directory.DirectoryTypes.Queue;
import io.gcgateway.directory.DirectoryTypes.QueueConnection;
import io.gcgateway.directory.DirectoryTypes.QueueEdge;
import io.gcgateway.directory.DirectoryTypes.QueueMember;
import io.gcgateway.directory.DirectoryTypes.QueueMemberConnection;
import io.gcgateway.directory.DirectoryTypes.QueueMemberEdge;
import io.gcgateway.directory.DirectoryTypes.User;
import io.gcgateway.directory.DirectoryTypes.UserConnection;
import io.gcgateway.directory.DirectoryTypes.UserEdge;
import io.gcgateway.directory.DirectoryTypes.WrapUpCode;
import io.gcgateway.errors.FieldError;
import io.gcgateway.errors.ValidationFailedException;
import io.gcgateway.gateway.PageInfo;
import io.gcgateway.genesys.PageCursors;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * The directory's lists: pages of users (or a user search by name) and of queues, queue members, and the org's
 * wrap-up codes and presence definitions (small, whole lists kept for {@code directory.ttl}). Entities of every page
 * are remembered by {@link Directory}, so that relationships resolved later in the same request, or by another
 * request, need no call.
 */
@ApplicationScoped
class DirectoryLists {
    private static final int MAX_FIRST = 100;
    /** Longest {@code nameContains}: a name search term, not a document. */
    private static final int MAX_NAME = 100;
    /** The whole lists fetched a page of 100 at a time; an org with more than this many is cut here. */
    private static final int MAX_WHOLE_LIST_PAGES = 10;
    private static final String PRESENCE_DEFINITIONS = "presenceDefinitions";

    private final Directory directory;
    private final DirectoryRestClient genesys;
    private final ObjectMapper mapper;
    private final Cache<String, Uni<?>> whole;
    /** The whole lists once read, for answers given on the spot (DirectoryShortcuts). */
    private final Cache<String, Object> wholeHeld;

    DirectoryLists(Directory directory, DirectoryConfig config, ObjectMapper mapper) {
        this.directory = directory;
        this.genesys = directory.genesys();
        this.mapper = mapper;
        this.whole = Caffeine.newBuilder().expireAfterWrite(config.ttl()).maximumSize(10).build();
        this.wholeHeld = Caffeine.newBuilder().expireAfterWrite(config.ttl()).maximumSize(10).build();
    }

    Uni<UserConnection> users(Integer first, String after, String nameContains) {
        return Uni.createFrom().deferred(() -> {
            PageCursors.Window window = PageCursors.window("users", first, after, 25, MAX_FIRST);
            String term = term(nameContains);
            Uni<JsonNode> page;
            String entities;
            if (term == null) {
                page = genesys.users(null, null, window.size(), window.pageNumber());
                entities = "entities";
            } else {
                ObjectNode search = mapper.createObjectNode().put("pageSize", window.size())
                        .put("pageNumber", window.pageNumber()).put("sortOrder", "ASC").put("sortBy", "name");
                search.putArray("query").addObject().put("type", "CONTAINS").put("value", term)
                        .putArray("fields").add("name");
                page = genesys.searchUsers(search);
                entities = "results";
            }
            return page.map(json -> {
                List<UserEdge> edges = new ArrayList<>();
                int index = 0;
                for (JsonNode user : json.path(entities)) {
                    directory.remember(Directory.Kind.USER, user);
                    edges.add(new UserEdge(window.cursor(index++), User.of(user)));
                }
                return new UserConnection(edges, pageInfo(json, edges.isEmpty() ? null : edges.get(edges.size() - 1).cursor()),
                        json.has("total") ? json.path("total").asInt() : null);
            });
        });
    }

    Uni<QueueConnection> queues(Integer first, String after, String nameContains) {
        return Uni.createFrom().deferred(() -> {
            PageCursors.Window window = PageCursors.window("queues", first, after, 25, MAX_FIRST);
            String term = term(nameContains);
            return genesys.queues(null, term == null ? null : "*" + term + "*", window.size(), window.pageNumber())
                    .map(json -> queueConnection(json, window));
        });
    }

    /** The queues a user joined, a page at a time (a call per user: a paged field, not a batch). */
    Uni<QueueConnection> userQueues(String userId, Integer first, String after) {
        return Uni.createFrom().deferred(() -> {
            PageCursors.Window window = PageCursors.window("userQueues:" + userId, first, after, 25, MAX_FIRST);
            return genesys.userQueues(userId, window.size(), window.pageNumber()).map(json -> queueConnection(json, window));
        });
    }

    private QueueConnection queueConnection(JsonNode json, PageCursors.Window window) {
        List<QueueEdge> edges = new ArrayList<>();
        int index = 0;
        for (JsonNode queue : json.path("entities")) {
            ObjectNode plain = queue.deepCopy();
            plain.remove("joined");
            directory.remember(Directory.Kind.QUEUE, plain);
            edges.add(new QueueEdge(window.cursor(index++), Queue.of(plain)));
        }
        return new QueueConnection(edges, pageInfo(json, edges.isEmpty() ? null : edges.get(edges.size() - 1).cursor()),
                json.has("total") ? json.path("total").asInt() : null);
    }

    Uni<QueueMemberConnection> members(String queueId, Integer first, String after, Boolean joined) {
        return Uni.createFrom().deferred(() -> {
            PageCursors.Window window = PageCursors.window("members:" + queueId, first, after, 25, MAX_FIRST);
            return genesys.members(queueId, joined, window.size(), window.pageNumber()).map(json -> {
                List<QueueMemberEdge> edges = new ArrayList<>();
                int index = 0;
                for (JsonNode member : json.path("entities")) {
                    JsonNode user = member.path("user").isObject() ? member.get("user") : member;
                    directory.remember(Directory.Kind.USER, user);
                    edges.add(new QueueMemberEdge(window.cursor(index++),
                            new QueueMember(User.of(user), member.path("joined").asBoolean(false))));
                }
                // Members pages carry no totals: the next page is there when nextUri is.
                return new QueueMemberConnection(edges, new PageInfo(json.hasNonNull("nextUri"),
                        edges.isEmpty() ? null : edges.get(edges.size() - 1).cursor()));
            });
        });
    }

    Uni<List<WrapUpCode>> wrapUpCodes() {
        return whole("wrapUpCodes", () -> allPages(1, new ArrayList<>()).map(all -> all.stream().map(code -> {
            directory.remember(Directory.Kind.WRAP_UP, code);
            return WrapUpCode.of(code);
        }).toList()));
    }

    /**
     * A whole list, kept for {@code directory.ttl}; one read of it at a time, shared by every request that asks
     * while it runs (when it lapses under load, Genesys is asked once, not once per request). A failed read is not kept.
     */
    @SuppressWarnings("unchecked")
    private <T> Uni<T> whole(String key, Supplier<Uni<T>> read) {
        return (Uni<T>) whole.get(key, ignored -> read.get()
                .invoke(value -> wholeHeld.put(key, value))
                .onFailure().invoke(() -> whole.invalidate(key))
                .memoize().indefinitely());
    }

    private Uni<List<JsonNode>> allPages(int pageNumber, List<JsonNode> so) {
        return genesys.wrapUpCodes(null, 100, pageNumber).flatMap(page -> {
            page.path("entities").forEach(so::add);
            boolean more = page.path("pageCount").asInt(1) > pageNumber || page.hasNonNull("nextUri");
            return more && pageNumber < MAX_WHOLE_LIST_PAGES ? allPages(pageNumber + 1, so) : Uni.createFrom().item(so);
        });
    }

    Uni<List<PresenceDefinition>> presenceDefinitions() {
        return presenceDefinitionsById().map(byId -> List.copyOf(byId.values()));
    }

    /** The presence definitions by id if this replica holds them now, else null (nothing is read). */
    @SuppressWarnings("unchecked")
    Map<String, PresenceDefinition> presenceDefinitionsHeld() {
        return (Map<String, PresenceDefinition>) wholeHeld.getIfPresent(PRESENCE_DEFINITIONS);
    }

    Uni<Map<String, PresenceDefinition>> presenceDefinitionsById() {
        return whole(PRESENCE_DEFINITIONS, () -> genesys.presenceDefinitions().map(json -> {
            Map<String, PresenceDefinition> byId = new LinkedHashMap<>();
            json.path("entities").forEach(definition -> {
                PresenceDefinition presence = PresenceDefinition.of(definition);
                byId.put(presence.id(), presence);
            });
            return Collections.unmodifiableMap(byId);
        }));
    }

    private static PageInfo pageInfo(JsonNode page, String endCursor) {
        boolean more = page.hasNonNull("nextUri") || page.hasNonNull("nextPage")
                || page.path("pageNumber").asInt(1) < page.path("pageCount").asInt(1);
        return new PageInfo(more, endCursor);
    }

    /** A name term, or null for none; too long is VALIDATION_FAILED before any call. */
    private static String term(String nameContains) {
        if (nameContains == null || nameContains.isBlank()) {
            return null;
        }
        String term = nameContains.strip().replace("*", "");
        if (term.length() > MAX_NAME) {
            throw new ValidationFailedException("Invalid nameContains",
                    List.of(new FieldError("nameContains", "must be at most " + MAX_NAME + " characters")));
        }
        return term.isEmpty() ? null : term;
    }
}
