package io.gcgateway.simulator.conversations;

import java.util.Set;

/**
 * A CDI event: the live conversations of these agents changed (offered, answered, ended, wrapped up), so their
 * routing status may have. The directory observes it; the conversations never depend on the directory.
 */
public record AgentsChanged(Set<String> userIds) {
}
