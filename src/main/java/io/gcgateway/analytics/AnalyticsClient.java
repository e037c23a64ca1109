package io.gcgateway.analytics;

import io.gcgateway.analytics.GenesysAnalytics.AggregatesQuery;
import io.gcgateway.analytics.GenesysAnalytics.AggregatesQueryResponse;
import io.gcgateway.analytics.GenesysAnalytics.AsyncJob;
import io.gcgateway.analytics.GenesysAnalytics.AsyncJobStatus;
import io.gcgateway.analytics.GenesysAnalytics.DetailsJobQuery;
import io.gcgateway.analytics.GenesysAnalytics.DetailsJobResults;
import io.gcgateway.analytics.GenesysAnalytics.DetailsQuery;
import io.gcgateway.analytics.GenesysAnalytics.DetailsQueryResponse;
import io.gcgateway.genesys.AccessTokenProvider;
import io.gcgateway.genesys.GenesysRestClients;
import io.gcgateway.genesys.TranslateUpstreamFailures;
import io.gcgateway.genesys.UpstreamGuards;
import io.smallrye.common.annotation.Identifier;
import io.smallrye.faulttolerance.api.ApplyGuard;
import io.smallrye.faulttolerance.api.Guard;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/**
 * Genesys analytics calls with the upstream policy. The queries are POSTs but only read, so they are guarded as
 * idempotent; creating an async job is not (a retry after it reached Genesys would start a second job).
 */
@ApplicationScoped
@TranslateUpstreamFailures
public class AnalyticsClient {
    static final String QUERIES = "genesys-analytics";
    static final String JOBS = "genesys-analytics-jobs";

    private final AnalyticsRestClient rest;
    private final AccessTokenProvider tokens;

    AnalyticsClient(GenesysRestClients clients, AccessTokenProvider tokens) {
        this.rest = clients.api(AnalyticsRestClient.class);
        this.tokens = tokens;
    }

    @ApplyGuard(QUERIES)
    Uni<DetailsQueryResponse> detailsQuery(DetailsQuery query) {
        return tokens.retryOnceIfTokenRejected(() -> rest.detailsQuery(query));
    }

    @ApplyGuard(QUERIES)
    Uni<AggregatesQueryResponse> aggregatesQuery(AggregatesQuery query) {
        return tokens.retryOnceIfTokenRejected(() -> rest.aggregatesQuery(query));
    }

    @ApplyGuard(JOBS)
    Uni<AsyncJob> createDetailsJob(DetailsJobQuery query) {
        return tokens.retryOnceIfTokenRejected(() -> rest.createDetailsJob(query));
    }

    @ApplyGuard(QUERIES)
    Uni<AsyncJobStatus> detailsJobStatus(String jobId) {
        return tokens.retryOnceIfTokenRejected(() -> rest.detailsJobStatus(jobId));
    }

    @ApplyGuard(QUERIES)
    Uni<DetailsJobResults> detailsJobResults(String jobId, String cursor, int pageSize) {
        return tokens.retryOnceIfTokenRejected(() -> rest.detailsJobResults(jobId, cursor, pageSize));
    }

    @Produces
    @Singleton
    @Identifier(QUERIES)
    static Guard queriesGuard(UpstreamGuards guards) {
        return guards.idempotent(QUERIES);
    }

    @Produces
    @Singleton
    @Identifier(JOBS)
    static Guard jobsGuard(UpstreamGuards guards) {
        return guards.nonIdempotent(JOBS);
    }
}
