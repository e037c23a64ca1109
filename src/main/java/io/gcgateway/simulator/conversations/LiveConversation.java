package io.gcgateway.simulator.conversations;

import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * A live conversation as Genesys's {@code Conversation} model shows it: participants, each with its call
 * communications, where the state lives ({@code alerting, connected, disconnected, ...}), the held/muted/recording
 * flags, and after-call work. Mutable; {@link LiveConversationStore} guards it.
 */
@RegisterForReflection
@JsonInclude(JsonInclude.Include.NON_NULL)
public class LiveConversation {
    public String id;
    public String startTime;
    public String endTime;
    public String address;
    public String state;
    public String recordingState;
    public int maxParticipants = 10;
    public List<Participant> participants = new ArrayList<>();
    public List<Transfer> recentTransfers = new ArrayList<>();
    public String selfUri;

    @RegisterForReflection
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public static class Participant {
        public String id;
        public String name;
        public String startTime;
        public String endTime;
        public String connectedTime;
        public String purpose;
        public String userId;
        public String queueId;
        public String address;
        public Boolean wrapupRequired;
        public String wrapupPrompt;
        public Long wrapupTimeoutMs;
        public Wrapup wrapup;
        public List<Call> calls = new ArrayList<>();
    }

    @RegisterForReflection
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public static class Call {
        public String id;
        public String state;
        public String direction;
        public boolean held;
        public boolean muted;
        public boolean recording;
        public boolean confined;
        public String recordingState;
        public String startHoldTime;
        public String connectedTime;
        public String disconnectedTime;
        public String disconnectType;
        public Boolean afterCallWorkRequired;
        public AfterCallWork afterCallWork;
    }

    @RegisterForReflection
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public static class Wrapup {
        public String code;
        public String name;
        public String notes;
        public List<String> tags;
        public Integer durationSeconds;
        public String endTime;
    }

    @RegisterForReflection
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public static class AfterCallWork {
        public String startTime;
        public String endTime;
        public String state;
    }

    /** One of {@code recentTransfers}: what was asked and what happened. */
    @RegisterForReflection
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public static class Transfer {
        public String id;
        public String state;
        public String transferType;
        public String dateIssued;
        public String destinationUserId;
        public String destinationQueueId;
    }
}
