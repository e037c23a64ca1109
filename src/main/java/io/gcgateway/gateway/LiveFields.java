package io.gcgateway.gateway;

import java.time.Duration;
import java.util.Map;

/**
 * A feature's live fields: values that change by the second (a user's presence, a queue's state now) and that the
 * feature itself keeps only that long. A response that resolved one is reused by the {@link ResponseCache} no longer
 * than the field's freshness, however long its root fields allow (a page of past conversations may be reused for a
 * minute; the presence of its agents may not). As Apollo's {@code @cacheControl(maxAge)}: a response lives as long
 * as the shortest-lived field it resolved. Implementations are CDI beans next to the feature's resolvers; the engine
 * collects them once, when it builds its schema.
 */
public interface LiveFields {
    /** How long each live field's value may be reused, by coordinates ({@code Type.field}). */
    Map<String, Duration> liveFields();
}
