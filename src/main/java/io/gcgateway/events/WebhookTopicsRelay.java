package io.gcgateway.events;

import java.util.List;
import java.util.Set;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * Relays the events of the configured {@code events.webhook-topics} to webhooks as {@code conversation.event}.
 * Every replica holds the same topics; the event id is derived from the Genesys event, so the outbox relays it once.
 */
@ApplicationScoped
class WebhookTopicsRelay {
    private static final Logger LOG = Logger.getLogger(WebhookTopicsRelay.class);

    void start(@Observes StartupEvent startup, EventsConfig config, NotificationChannel channel, GatewayEvents events,
            ObjectMapper mapper) {
        List<String> topics = config.webhookTopics().orElse(List.of());
        if (topics.isEmpty()) {
            return;
        }
        Set<String> relayed = Set.copyOf(topics);
        channel.notifications().filter(n -> !n.gap() && relayed.contains(n.topic())).subscribe().with(n -> {
            ObjectNode data = mapper.createObjectNode();
            data.put("topicName", n.topic());
            data.set("eventBody", n.body());
            events.publish(GatewayEvents.CONVERSATION_EVENT, Notification.eventId(n.topic(), n.body()), data)
                    .subscribe().with(ok -> {
                    }, failure -> LOG.debugf("conversation.event not relayed: %s", failure.toString()));
        });
        channel.retain(topics).subscribe().with(ok -> LOG.infof("Relaying %d notification topics to webhooks", topics.size()),
                failure -> LOG.warnf("The notification channel for webhook topics is not open yet (%s); it is retried",
                        failure.getClass().getSimpleName()));
    }
}
