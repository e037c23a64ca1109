package io.gcgateway.simulator;

import java.util.List;
import java.util.Map;

/** Thrown by simulator resources to answer with a Genesys error body (mapped with the request's contextId). */
public class SimulatorException extends RuntimeException {

    private final int status;
    private final String code;
    private final List<Map<String, String>> details;

    public SimulatorException(int status, String code, String message) {
        this(status, code, message, List.of());
    }

    public SimulatorException(int status, String code, String message, List<Map<String, String>> details) {
        super(message, null, false, false);
        this.status = status;
        this.code = code;
        this.details = details;
    }

    public static SimulatorException notFound(String message) {
        return new SimulatorException(404, "not.found", message);
    }

    public static SimulatorException badRequest(String message) {
        return new SimulatorException(400, "bad.request", message);
    }

    public int status() {
        return status;
    }

    public String code() {
        return code;
    }

    public List<Map<String, String>> details() {
        return details;
    }
}
