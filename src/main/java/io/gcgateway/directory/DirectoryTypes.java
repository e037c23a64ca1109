package io.gcgateway.directory;

import java.time.Instant;
import java.util.List;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Type;

import com.fasterxml.jackson.databind.JsonNode;

import io.gcgateway.gateway.PageInfo;
import io.quarkus.runtime.annotations.RegisterForReflection;

/** The GraphQL types of the Genesys directory, read from Genesys's JSON (raw: its enums evolve). */
public final class DirectoryTypes {
    private DirectoryTypes() {
    }

    @Type("Division")
    @RegisterForReflection
    public record Division(@NonNull @Id String id, @NonNull String name) {
        static Division of(JsonNode json) {
            return json == null || json.path("id").asText("").isEmpty() ? null
                    : new Division(json.path("id").asText(), json.path("name").asText(""));
        }
    }

    /** A Genesys user; {@code presence}, {@code routingStatus} and {@code queues} are resolved live, in batches. */
    @Type("User")
    @RegisterForReflection
    public record User(@NonNull @Id String id, @NonNull String name, String email, String title, String department,
            Division division) {
        static User of(JsonNode json) {
            return new User(json.path("id").asText(), json.path("name").asText(""), text(json, "email"),
                    text(json, "title"), text(json, "department"), Division.of(json.get("division")));
        }
    }

    @Type("Queue")
    @RegisterForReflection
    public record Queue(@NonNull @Id String id, @NonNull String name, String description, Division division,
            @Description("Members, joined or not.") Integer memberCount,
            @Description("Members who joined the queue (take its interactions when on queue).") Integer joinedMemberCount) {
        static Queue of(JsonNode json) {
            return new Queue(json.path("id").asText(), json.path("name").asText(""), text(json, "description"),
                    Division.of(json.get("division")), integer(json, "memberCount"), integer(json, "joinedMemberCount"));
        }
    }

    @Type("WrapUpCode")
    @RegisterForReflection
    public record WrapUpCode(@NonNull @Id String id, @NonNull String name) {
        static WrapUpCode of(JsonNode json) {
            return new WrapUpCode(json.path("id").asText(), json.path("name").asText(""));
        }
    }

    @Type("PresenceDefinition")
    @RegisterForReflection
    public record PresenceDefinition(@NonNull @Id String id, @NonNull String label,
            @NonNull @Description("Genesys's system presence, normalised: AVAILABLE, AWAY, BUSY, BREAK, MEAL, MEETING, "
                    + "TRAINING, OFFLINE, IDLE, ON_QUEUE.") String systemPresence) {
        static PresenceDefinition of(JsonNode json) {
            JsonNode labels = json.path("languageLabels");
            String label = labels.path("en_US").asText(labels.path("en").asText(json.path("name").asText("")));
            return new PresenceDefinition(json.path("id").asText(), label,
                    normalised(json.path("systemPresence").asText("")));
        }
    }

    /** A user's presence now: which definition, and since when. */
    @Type("Presence")
    @RegisterForReflection
    public record Presence(@NonNull @Id String id, @NonNull String label, @NonNull String systemPresence, Instant since) {
    }

    @Type("RoutingStatus")
    @RegisterForReflection
    public record RoutingStatus(@NonNull RoutingStatusValue status, Instant since) {
    }

    /** Genesys's routing statuses ({@code RoutingStatus.status}). */
    public enum RoutingStatusValue {
        OFF_QUEUE, IDLE, INTERACTING, NOT_RESPONDING, COMMUNICATING;

        static RoutingStatusValue of(String value) {
            for (RoutingStatusValue candidate : values()) {
                if (candidate.name().equalsIgnoreCase(value)) {
                    return candidate;
                }
            }
            return OFF_QUEUE;
        }
    }

    /** A user's live state, as the userStates subscription sends it. */
    @Type("UserState")
    @RegisterForReflection
    public record UserState(@NonNull @Id String userId, Presence presence, RoutingStatus routingStatus) {
    }

    @Type("QueueMember")
    @RegisterForReflection
    public record QueueMember(@NonNull User user, @NonNull Boolean joined) {
    }

    /** A queue now: conversations waiting, alerting and interacting; its agents on queue by routing status. */
    @Type("QueueObservation")
    @RegisterForReflection
    public record QueueObservation(@NonNull @Id String queueId,
            @NonNull @Description("Conversations waiting in the queue.") Integer waiting,
            @NonNull @Description("Conversations connected to an agent of the queue.") Integer interacting,
            @NonNull @Description("Conversations offered to an agent, not yet answered.") Integer alerting,
            @Description("How long the longest-waiting conversation has waited, in milliseconds; null when none waits.")
            Long longestWaitMs,
            @NonNull OnQueueAgents onQueueAgents,
            @NonNull @Description("Members by presence.") List<@NonNull PresenceCount> presences,
            @NonNull Instant observedAt) {
    }

    @Type("OnQueueAgents")
    @RegisterForReflection
    public record OnQueueAgents(@NonNull Integer idle, @NonNull Integer interacting, @NonNull Integer communicating,
            @NonNull Integer notResponding) {
    }

    @Type("PresenceCount")
    @RegisterForReflection
    public record PresenceCount(@NonNull @Description("System presence, e.g. ON_QUEUE, AVAILABLE, BREAK.") String presence,
            @NonNull Integer count) {
    }

    @Type("UserEdge")
    public record UserEdge(@NonNull String cursor, @NonNull User node) {
    }

    @Type("UserConnection")
    public record UserConnection(@NonNull List<@NonNull UserEdge> edges, @NonNull PageInfo pageInfo, Integer totalCount) {
    }

    @Type("QueueEdge")
    public record QueueEdge(@NonNull String cursor, @NonNull Queue node) {
    }

    @Type("QueueConnection")
    public record QueueConnection(@NonNull List<@NonNull QueueEdge> edges, @NonNull PageInfo pageInfo, Integer totalCount) {
    }

    @Type("QueueMemberEdge")
    public record QueueMemberEdge(@NonNull String cursor, @NonNull QueueMember node) {
    }

    @Type("QueueMemberConnection")
    public record QueueMemberConnection(@NonNull List<@NonNull QueueMemberEdge> edges, @NonNull PageInfo pageInfo) {
    }

    /**
     * One spelling for the system presence whatever API reported it ({@code OnQueue}, {@code On Queue},
     * {@code ON_QUEUE}): upper case with words split by underscores.
     */
    static String normalised(String systemPresence) {
        // On every presence of every page: a character loop, not a regular expression.
        StringBuilder letters = new StringBuilder(systemPresence.length());
        for (int i = 0; i < systemPresence.length(); i++) {
            char c = systemPresence.charAt(i);
            if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z')) {
                letters.append(Character.toUpperCase(c));
            }
        }
        String upper = letters.toString();
        return upper.equals("ONQUEUE") ? "ON_QUEUE" : upper;
    }

    private static String text(JsonNode json, String field) {
        JsonNode value = json.get(field);
        return value == null || value.isNull() ? null : value.asText();
    }

    private static Integer integer(JsonNode json, String field) {
        JsonNode value = json.get(field);
        return value == null || !value.isNumber() ? null : value.asInt();
    }
}
