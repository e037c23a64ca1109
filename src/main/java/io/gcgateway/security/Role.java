package io.gcgateway.security;

import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;

/**
 * The gateway's roles, each including the ones below it: {@code admin} ⊃ {@code operator} ⊃ {@code reader}.
 * <ul>
 * <li>{@code reader}: queries and subscriptions.</li>
 * <li>{@code operator}: mutations on records and conversations, data action execution.</li>
 * <li>{@code admin}: creating data actions, webhooks, cache invalidation, the gateway audit log.</li>
 * </ul>
 */
public enum Role {
    READER, OPERATOR, ADMIN;

    /** The role name used in API key configuration and JWT {@code groups}. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** This role and every role it includes. */
    public Set<Role> withIncluded() {
        return EnumSet.range(READER, this);
    }

    public static Role of(String id) {
        return valueOf(id.trim().toUpperCase(Locale.ROOT));
    }
}
