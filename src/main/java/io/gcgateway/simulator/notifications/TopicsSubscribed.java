package io.gcgateway.simulator.notifications;

import java.util.Set;

/** A CDI event: a channel subscribed to these topics (publishers that compute their events start on it). */
public record TopicsSubscribed(Set<String> topics) {
}
