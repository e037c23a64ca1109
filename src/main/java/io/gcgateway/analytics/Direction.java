package io.gcgateway.analytics;

import java.util.Locale;

import org.eclipse.microprofile.graphql.Enum;

/** Who started the conversation ({@code originatingDirection}). */
@Enum("Direction")
public enum Direction {
    INBOUND, OUTBOUND;

    String genesysName() {
        return name().toLowerCase(Locale.ROOT);
    }

    static Direction fromGenesys(String value) {
        return "outbound".equalsIgnoreCase(value) ? OUTBOUND : INBOUND;
    }
}
