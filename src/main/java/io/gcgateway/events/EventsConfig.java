package io.gcgateway.events;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** The gateway's Genesys notification channel and the conversation events it relays. */
@ConfigMapping(prefix = "events")
public interface EventsConfig {

    /**
     * Topics the channel always subscribes to and whose events are relayed to webhooks as {@code conversation.event}
     * (e.g. {@code v2.routing.queues.<queueId>.conversations}). GraphQL subscriptions add their own topics while
     * they last; those are not relayed to webhooks.
     */
    Optional<List<String>> webhookTopics();

    /** Keep-alive: the gateway sends {@code {"message":"ping"}} this often and reconnects after three silent intervals. */
    @WithDefault("30s")
    Duration pingInterval();

    /** Re-create the channel this long before it expires. */
    @WithDefault("10m")
    Duration renewBeforeExpiry();

    /** First delay before reconnecting after a failure (doubles up to 60 s). */
    @WithDefault("1s")
    Duration reconnectDelay();
}
