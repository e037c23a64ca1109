package io.gcgateway.conversations;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import com.fasterxml.jackson.databind.JsonNode;

import io.quarkus.cache.Cache;
import io.quarkus.cache.CacheName;
import io.quarkus.cache.CaffeineCache;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * The participant states of conversation versions this gateway has seen, by (conversation, etag). A transition that
 * carries {@code ifMatch} names the version its caller saw; when that version is known here, the state matrix is
 * checked against it before any Genesys call, so an impossible transition costs nothing upstream. A transition the
 * matrix allows is still checked again against a fresh read under the lock. In memory, per replica, bounded.
 */
@ApplicationScoped
class ConversationSnapshots {
    private static final String LATEST = "latest";
    private final CaffeineCache cache;

    ConversationSnapshots(@CacheName("conversation-snapshots") Cache cache) {
        this.cache = cache.as(CaffeineCache.class);
    }

    void remember(ConversationView view) {
        Map<String, ParticipantState> states = new HashMap<>();
        for (JsonNode participant : view.participants()) {
            states.put(participant.path("id").asText(), ConversationView.state(participant));
        }
        cache.put(key(view.id(), view.etag()), CompletableFuture.completedFuture(Map.copyOf(states)));
        cache.put(key(view.id(), LATEST), CompletableFuture.completedFuture(view.etag()));
    }

    /**
     * The participants' states at that version, if it is the latest version this replica has seen of the
     * conversation; null otherwise (unknown, or known to be stale: then the fresh read answers VERSION_CONFLICT).
     */
    @SuppressWarnings("unchecked")
    Map<String, ParticipantState> states(String conversationId, String etag) {
        CompletableFuture<Object> latest = cache.getIfPresent(key(conversationId, LATEST));
        if (latest == null || !etag.equals(latest.getNow(null))) {
            return null;
        }
        CompletableFuture<Object> known = cache.getIfPresent(key(conversationId, etag));
        return known == null ? null : (Map<String, ParticipantState>) known.getNow(null);
    }

    private static String key(String conversationId, String etag) {
        return conversationId + "|" + etag;
    }
}
