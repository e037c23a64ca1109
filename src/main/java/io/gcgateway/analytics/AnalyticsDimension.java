package io.gcgateway.analytics;

import org.eclipse.microprofile.graphql.Enum;

/** Dimensions a time series can be grouped by, with their Genesys names. */
@Enum("AnalyticsDimension")
public enum AnalyticsDimension {
    QUEUE_ID("queueId"), USER_ID("userId"), MEDIA_TYPE("mediaType"), DIRECTION("direction"),
    WRAP_UP_CODE("wrapUpCode"), DIVISION_ID("divisionId");

    private final String genesysName;

    AnalyticsDimension(String genesysName) {
        this.genesysName = genesysName;
    }

    String genesysName() {
        return genesysName;
    }

    static AnalyticsDimension fromGenesys(String name) {
        for (AnalyticsDimension d : values()) {
            if (d.genesysName.equals(name)) {
                return d;
            }
        }
        return null;
    }
}
