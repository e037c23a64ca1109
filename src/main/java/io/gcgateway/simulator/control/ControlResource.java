package io.gcgateway.simulator.control;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import io.gcgateway.simulator.RateLimiter;
import io.gcgateway.simulator.actions.ActionStore;
import io.gcgateway.simulator.conversations.LiveConversation;
import io.gcgateway.simulator.conversations.LiveConversationStore;
import io.gcgateway.simulator.notifications.NotificationHub;
import io.gcgateway.simulator.oauth.TokenStore;
import io.gcgateway.simulator.records.DataTableStore;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/**
 * Test and benchmark controls of the simulator (not part of the Genesys API): fault injection, the request journal,
 * token expiry and run-time settings. Served only while the simulator is enabled.
 */
@Path("/simulator/_control")
@Produces(MediaType.APPLICATION_JSON)
public class ControlResource {

    private final FaultInjector faults;
    private final RequestJournal journal;
    private final TokenStore tokens;
    private final SimulatorSettings settings;
    private final RateLimiter rateLimiter;
    private final ActionStore actions;
    private final DataTableStore dataTables;
    private final LiveConversationStore conversations;
    private final NotificationHub notifications;

    ControlResource(FaultInjector faults, RequestJournal journal, TokenStore tokens, SimulatorSettings settings,
            RateLimiter rateLimiter, ActionStore actions, DataTableStore dataTables, LiveConversationStore conversations,
            NotificationHub notifications) {
        this.conversations = conversations;
        this.notifications = notifications;
        this.dataTables = dataTables;
        this.faults = faults;
        this.journal = journal;
        this.tokens = tokens;
        this.settings = settings;
        this.rateLimiter = rateLimiter;
        this.actions = actions;
    }

    @POST
    @Path("/faults")
    @Consumes(MediaType.APPLICATION_JSON)
    public void addFault(FaultRule rule) {
        faults.add(rule);
    }

    @DELETE
    @Path("/faults")
    public void clearFaults() {
        faults.clear();
    }

    @GET
    @Path("/journal")
    public Map<String, Long> journal() {
        return journal.snapshot();
    }

    @DELETE
    @Path("/journal")
    public void clearJournal() {
        journal.clear();
    }

    @POST
    @Path("/tokens/expire")
    public void expireTokens() {
        tokens.expireAll();
    }

    @PUT
    @Path("/settings")
    @Consumes(MediaType.APPLICATION_JSON)
    public Settings updateSettings(Settings update) {
        if (update.rateLimitPerMinute() != null) {
            settings.rateLimitPerMinute(update.rateLimitPerMinute());
        }
        if (update.tokenLifetimeSeconds() != null) {
            settings.tokenLifetime(Duration.ofSeconds(update.tokenLifetimeSeconds()));
        }
        if (update.conversationCommandDelayMs() != null) {
            settings.conversationCommandDelay(Duration.ofMillis(update.conversationCommandDelayMs()));
        }
        return current();
    }

    @GET
    @Path("/settings")
    public Settings current() {
        return new Settings(settings.rateLimitPerMinute(), settings.tokenLifetime().toSeconds(),
                settings.conversationCommandDelay().toMillis());
    }

    /** A new live voice conversation: a customer on a queue with an agent (connected, or alerting). */
    @POST
    @Path("/conversations")
    @Consumes(MediaType.APPLICATION_JSON)
    public LiveConversation createConversation(LiveConversationStore.NewConversation request) {
        return conversations.create(request == null ? new LiveConversationStore.NewConversation(null, null, null) : request);
    }

    /** The seeded queues, users and wrap-up codes live conversations can use (ids only; for tests and demos). */
    @GET
    @Path("/conversations/directory")
    public Map<String, List<String>> directory() {
        return conversations.directory();
    }

    /**
     * What Genesys does at maintenance or channel expiry: {@code v2.system.socket_closing}, then every notification
     * socket closes and the channels are gone. Answers how many sockets were closed.
     */
    @POST
    @Path("/notifications/close")
    public Map<String, Integer> closeNotificationSockets() {
        return Map.of("closed", notifications.closeAll());
    }

    /**
     * Clears faults, journal and rate-limit windows, restores configured settings and the seeded data actions,
     * tables and live conversations. Notification channels are left alone: a gateway holds one for its lifetime.
     */
    @POST
    @Path("/reset")
    public void reset() {
        faults.clear();
        journal.clear();
        rateLimiter.clear();
        settings.reset();
        actions.reset();
        dataTables.reset();
        conversations.reset();
    }

    /** Run-time settings; null fields are left unchanged. */
    public record Settings(Integer rateLimitPerMinute, Long tokenLifetimeSeconds, Long conversationCommandDelayMs) {
    }
}
