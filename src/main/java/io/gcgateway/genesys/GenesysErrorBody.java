package io.gcgateway.genesys;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

import io.quarkus.runtime.annotations.RegisterForReflection;

/** The Genesys {@code ErrorBody}, as far as the gateway reads it. */
@RegisterForReflection
@JsonIgnoreProperties(ignoreUnknown = true)
public record GenesysErrorBody(
        String message,
        String code,
        Integer status,
        String contextId,
        Map<String, String> messageParams,
        List<Detail> details,
        List<GenesysErrorBody> errors) {

    /** One {@code details[]} entry: e.g. {@code {"errorCode": "ACTION.PROCESSING", "fieldName": "..."}}. */
    @RegisterForReflection
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Detail(String errorCode, String fieldName, String entityId, String entityName) {
    }

    static GenesysErrorBody empty() {
        return new GenesysErrorBody(null, null, null, null, Map.of(), List.of(), List.of());
    }
}
