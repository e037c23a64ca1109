package io.gcgateway.analytics;

import java.util.Locale;

import org.eclipse.microprofile.graphql.Enum;

/** Genesys media types ({@code mediaType} dimension, lower case upstream). */
@Enum("MediaType")
public enum MediaType {
    VOICE, CHAT, EMAIL, MESSAGE, CALLBACK, VIDEO, COBROWSE, SCREENSHARE, UNKNOWN;

    String genesysName() {
        return name().toLowerCase(Locale.ROOT);
    }

    static MediaType fromGenesys(String value) {
        try {
            return value == null ? UNKNOWN : valueOf(value.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException other) {
            return UNKNOWN;
        }
    }
}
