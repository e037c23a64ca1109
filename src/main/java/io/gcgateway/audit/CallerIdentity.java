package io.gcgateway.audit;

import jakarta.enterprise.context.ApplicationScoped;

/**
 * Who is calling the gateway, as recorded in audit events. Client authentication is not configured yet (it is the
 * security capability's), so every caller is {@value #ANONYMOUS}; this is the one place that will ask the
 * authenticated identity instead.
 */
@ApplicationScoped
public class CallerIdentity {
    public static final String ANONYMOUS = "anonymous";

    public String actor() {
        return ANONYMOUS;
    }
}
