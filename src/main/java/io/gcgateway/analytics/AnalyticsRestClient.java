package io.gcgateway.analytics;

import io.gcgateway.analytics.GenesysAnalytics.AggregatesQuery;
import io.gcgateway.analytics.GenesysAnalytics.AggregatesQueryResponse;
import io.gcgateway.analytics.GenesysAnalytics.AsyncJob;
import io.gcgateway.analytics.GenesysAnalytics.AsyncJobStatus;
import io.gcgateway.analytics.GenesysAnalytics.ConversationsById;
import io.gcgateway.analytics.GenesysAnalytics.DetailsJobQuery;
import io.gcgateway.analytics.GenesysAnalytics.DetailsJobResults;
import io.gcgateway.analytics.GenesysAnalytics.DetailsQuery;
import io.gcgateway.analytics.GenesysAnalytics.DetailsQueryResponse;
import io.gcgateway.genesys.GenesysGuard;
import io.gcgateway.genesys.GenesysGuard.Safety;
import io.quarkus.runtime.annotations.RegisterForProxy;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;

/**
 * {@code /api/v2/analytics/conversations}: details query, aggregates query and async details jobs. The queries are
 * POSTs but only read, so they are guarded as idempotent; creating an async job is not (a retry after it reached
 * Genesys would start a second job).
 */
@Path("/api/v2/analytics/conversations")
@GenesysGuard("genesys-analytics")
@RegisterForProxy
interface AnalyticsRestClient {

    @POST
    @Path("/details/query")
    Uni<DetailsQueryResponse> detailsQuery(DetailsQuery query);

    /** Several conversations by id ({@code id=a,b,c}): only those Genesys has details for are in the answer. */
    @GET
    @Path("/details")
    Uni<ConversationsById> conversationsById(@QueryParam("id") String commaSeparatedIds);

    @POST
    @Path("/aggregates/query")
    Uni<AggregatesQueryResponse> aggregatesQuery(AggregatesQuery query);

    @POST
    @Path("/details/jobs")
    @GenesysGuard(value = "genesys-analytics-jobs", safety = Safety.NOT_IDEMPOTENT)
    Uni<AsyncJob> createDetailsJob(DetailsJobQuery query);

    @GET
    @Path("/details/jobs/{jobId}")
    Uni<AsyncJobStatus> detailsJobStatus(@PathParam("jobId") String jobId);

    @GET
    @Path("/details/jobs/{jobId}/results")
    Uni<DetailsJobResults> detailsJobResults(@PathParam("jobId") String jobId, @QueryParam("cursor") String cursor,
            @QueryParam("pageSize") int pageSize);
}
