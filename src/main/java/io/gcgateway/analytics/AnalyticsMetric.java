package io.gcgateway.analytics;

import org.eclipse.microprofile.graphql.Enum;

/** Aggregate metrics, with their Genesys names. {@code N_*} are counts; {@code T_*} are durations in milliseconds. */
@Enum("AnalyticsMetric")
public enum AnalyticsMetric {
    N_OFFERED("nOffered"), N_CONNECTED("nConnected"), T_HANDLE("tHandle"), T_TALK("tTalk"), T_HELD("tHeld"),
    T_ACW("tAcw"), T_ACD("tAcd"), T_ANSWERED("tAnswered"), T_ABANDON("tAbandon"), T_ALERT("tAlert");

    private final String genesysName;

    AnalyticsMetric(String genesysName) {
        this.genesysName = genesysName;
    }

    String genesysName() {
        return genesysName;
    }

    boolean isCount() {
        return genesysName.startsWith("n");
    }

    static AnalyticsMetric fromGenesys(String name) {
        for (AnalyticsMetric m : values()) {
            if (m.genesysName.equals(name)) {
                return m;
            }
        }
        return null;
    }
}
