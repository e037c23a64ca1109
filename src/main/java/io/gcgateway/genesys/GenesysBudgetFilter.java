package io.gcgateway.genesys;

import jakarta.ws.rs.client.ClientRequestContext;
import jakarta.ws.rs.client.ClientResponseContext;
import jakarta.ws.rs.client.ClientResponseFilter;

/** Tells the {@link UpstreamBudget} what each Genesys response says of the rate-limit window (429s: see GuardedCalls). */
final class GenesysBudgetFilter implements ClientResponseFilter {
    private final UpstreamBudget budget;

    GenesysBudgetFilter(UpstreamBudget budget) {
        this.budget = budget;
    }

    @Override
    public void filter(ClientRequestContext request, ClientResponseContext response) {
        if (response.getHeaders() == null) {
            return; // the request failed before any answer (its token could not be had, say)
        }
        budget.observed(integer(response, "inin-ratelimit-allowed"), integer(response, "inin-ratelimit-count"),
                seconds(response, "inin-ratelimit-reset"));
    }

    private static Integer integer(ClientResponseContext response, String header) {
        Long value = seconds(response, header);
        return value == null || value > Integer.MAX_VALUE ? null : value.intValue();
    }

    /** A header of digits as a number; null when absent or not digits (an HTTP date in Retry-After, say). */
    private static Long seconds(ClientResponseContext response, String header) {
        String value = response.getHeaderString(header);
        if (value == null || value.isEmpty() || value.length() > 10 || !value.chars().allMatch(Character::isDigit)) {
            return null;
        }
        return Long.parseLong(value);
    }
}
