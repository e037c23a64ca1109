package io.gcgateway.security;

import io.quarkus.security.identity.request.BaseAuthenticationRequest;

/** An API key presented in the API key header. */
final class ApiKeyAuthenticationRequest extends BaseAuthenticationRequest {
    private final String key;

    ApiKeyAuthenticationRequest(String key) {
        this.key = key;
    }

    String key() {
        return key;
    }
}
