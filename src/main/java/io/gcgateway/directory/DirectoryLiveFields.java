package io.gcgateway.directory;

import java.time.Duration;
import java.util.Map;

import io.gcgateway.gateway.LiveFields;
import io.quarkus.arc.Unremovable;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * The directory's live state in a response: a page of conversations with its agents' presence is reused no longer
 * than the directory keeps presence ({@code directory.live-ttl}), and a queue's state no longer than its observation
 * ({@code directory.observation-ttl}), instead of as long as the page itself. Names need no limit: the directory
 * keeps them (5 min) longer than any response is kept ({@code gateway.graphql.response-cache.max-age}).
 */
@ApplicationScoped
@Unremovable // looked up by the engine, not injected
class DirectoryLiveFields implements LiveFields {
    private final DirectoryConfig config;

    DirectoryLiveFields(DirectoryConfig config) {
        this.config = config;
    }

    @Override
    public Map<String, Duration> liveFields() {
        return Map.of(
                "User.presence", config.liveTtl(),
                "User.routingStatus", config.liveTtl(),
                "Queue.observation", config.observationTtl());
    }
}
