package io.gcgateway.gateway;

import java.util.List;

/**
 * A feature's {@link BatchShortcut}s. Implementations are CDI beans next to the feature's batch resolvers; the engine
 * collects them once, when it builds its schema.
 */
public interface BatchShortcuts {
    List<BatchShortcut> shortcuts();
}
