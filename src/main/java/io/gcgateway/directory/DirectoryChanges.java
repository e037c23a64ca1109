package io.gcgateway.directory;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.gcgateway.audit.AuditedWrites;
import io.gcgateway.directory.DirectoryTypes.Presence;
import io.gcgateway.directory.DirectoryTypes.PresenceDefinition;
import io.gcgateway.directory.DirectoryTypes.QueueMember;
import io.gcgateway.directory.DirectoryTypes.RoutingStatus;
import io.gcgateway.directory.DirectoryTypes.RoutingStatusValue;
import io.gcgateway.directory.DirectoryTypes.User;
import io.gcgateway.errors.FieldError;
import io.gcgateway.errors.NotFoundException;
import io.gcgateway.errors.ValidationFailedException;
import io.gcgateway.events.GatewayEvents;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * What an operator changes in the directory: a user's presence, routing status and queue membership. Each is checked
 * before any Genesys call, audited, published as a gateway event, and makes the user's live state be read again.
 */
@ApplicationScoped
class DirectoryChanges {
    /** Genesys ids here are UUIDs; anything longer is not one (and is refused before a call). */
    private static final int MAX_ID = 64;

    private final Directory directory;
    private final DirectoryLists lists;
    private final DirectoryRestClient genesys;
    private final AuditedWrites writes;
    private final ObjectMapper mapper;

    DirectoryChanges(Directory directory, DirectoryLists lists, AuditedWrites writes, ObjectMapper mapper) {
        this.directory = directory;
        this.lists = lists;
        this.genesys = directory.genesys();
        this.writes = writes;
        this.mapper = mapper;
    }

    Uni<Presence> setPresence(String userId, String presenceId) {
        return writes.run("setUserPresence", actor -> {
            check(id("userId", userId), id("presenceId", presenceId));
            return lists.presenceDefinitionsById().flatMap(definitions -> {
                if (!definitions.containsKey(presenceId)) {
                    throw new ValidationFailedException("Invalid setUserPresence arguments",
                            List.of(new FieldError("presenceId", "is not a presence definition of the org")));
                }
                ObjectNode body = mapper.createObjectNode();
                body.putObject("presenceDefinition").put("id", presenceId);
                return genesys.setPresence(userId, body).map(json -> {
                    directory.forgetLive(userId);
                    PresenceDefinition definition = definitions.get(presenceId);
                    return new Presence(presenceId, definition.label(), definition.systemPresence(),
                            LiveState.instant(json.path("modifiedDate").asText(null)));
                });
            });
        }, ended -> report(ended, "users/" + userId + "/presence", GatewayEvents.USER_PRESENCE_CHANGED,
                event(ended.actor(), "userId", userId, "presenceId", presenceId)));
    }

    Uni<RoutingStatus> setRoutingStatus(String userId, RoutingStatusValue status) {
        return writes.run("setRoutingStatus", actor -> {
            List<FieldError> errors = new ArrayList<>();
            id("userId", userId).ifPresent(errors::add);
            if (status == null) {
                errors.add(new FieldError("status", "is required"));
            }
            check(errors);
            ObjectNode body = mapper.createObjectNode().put("userId", userId).put("status", status.name());
            return genesys.setRoutingStatus(userId, body).map(json -> {
                directory.forgetLive(userId);
                return new RoutingStatus(RoutingStatusValue.of(json.path("status").asText(status.name())),
                        LiveState.instant(json.path("startTime").asText(null)));
            });
        }, ended -> report(ended, "users/" + userId + "/routingStatus", GatewayEvents.USER_ROUTING_STATUS_CHANGED,
                event(ended.actor(), "userId", userId, "status", status == null ? null : status.name())));
    }

    Uni<QueueMember> setMembership(String queueId, String userId, Boolean joined) {
        return writes.run("setQueueMembership", actor -> {
            List<FieldError> errors = new ArrayList<>();
            id("queueId", queueId).ifPresent(errors::add);
            id("userId", userId).ifPresent(errors::add);
            if (joined == null) {
                errors.add(new FieldError("joined", "is required"));
            }
            check(errors);
            return genesys.setMembership(queueId, userId, mapper.createObjectNode().put("joined", joined))
                    .flatMap(ignored -> directory.users(List.of(userId)))
                    .map(users -> {
                        JsonNode user = users.get(userId);
                        if (user == null) {
                            throw new NotFoundException("User " + userId + " not found");
                        }
                        directory.forgetQueue(queueId);
                        return new QueueMember(User.of(user), joined);
                    });
        }, ended -> report(ended, "queues/" + queueId + "/members/" + userId, GatewayEvents.QUEUE_MEMBERSHIP_CHANGED,
                event(ended.actor(), "queueId", queueId, "userId", userId, "joined", String.valueOf(joined))));
    }

    private AuditedWrites.Report report(AuditedWrites.Ended<?> ended, String target, String eventType, JsonNode event) {
        return new AuditedWrites.Report(ended.audit(target, null, null, null, null, null, List.of()), eventType,
                ended.succeeded() ? event : null);
    }

    private JsonNode event(String actor, String... namesAndValues) {
        ObjectNode event = mapper.createObjectNode().put("actor", actor);
        for (int i = 0; i + 1 < namesAndValues.length; i += 2) {
            event.put(namesAndValues[i], namesAndValues[i + 1]);
        }
        return event;
    }

    private static Optional<FieldError> id(String name, String value) {
        if (value == null || value.isBlank()) {
            return Optional.of(new FieldError(name, "is required"));
        }
        if (value.length() > MAX_ID || !value.matches("[A-Za-z0-9_-]+")) {
            return Optional.of(new FieldError(name, "is not a Genesys id"));
        }
        return Optional.empty();
    }

    private static void check(Optional<FieldError> first, Optional<FieldError> second) {
        List<FieldError> errors = new ArrayList<>();
        first.ifPresent(errors::add);
        second.ifPresent(errors::add);
        check(errors);
    }

    private static void check(List<FieldError> errors) {
        if (!errors.isEmpty()) {
            throw new ValidationFailedException("Invalid arguments", errors);
        }
    }
}
