package io.gcgateway.analytics;

import io.gcgateway.analytics.GenesysAnalytics.AggregatesQuery;
import io.gcgateway.analytics.GenesysAnalytics.AggregatesQueryResponse;
import io.gcgateway.analytics.GenesysAnalytics.AsyncJob;
import io.gcgateway.analytics.GenesysAnalytics.AsyncJobStatus;
import io.gcgateway.analytics.GenesysAnalytics.DetailsJobQuery;
import io.gcgateway.analytics.GenesysAnalytics.DetailsJobResults;
import io.gcgateway.analytics.GenesysAnalytics.DetailsQuery;
import io.gcgateway.analytics.GenesysAnalytics.DetailsQueryResponse;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;

/** {@code /api/v2/analytics/conversations}: details query, aggregates query and async details jobs. */
@Path("/api/v2/analytics/conversations")
interface AnalyticsRestClient {

    @POST
    @Path("/details/query")
    Uni<DetailsQueryResponse> detailsQuery(DetailsQuery query);

    @POST
    @Path("/aggregates/query")
    Uni<AggregatesQueryResponse> aggregatesQuery(AggregatesQuery query);

    @POST
    @Path("/details/jobs")
    Uni<AsyncJob> createDetailsJob(DetailsJobQuery query);

    @GET
    @Path("/details/jobs/{jobId}")
    Uni<AsyncJobStatus> detailsJobStatus(@PathParam("jobId") String jobId);

    @GET
    @Path("/details/jobs/{jobId}/results")
    Uni<DetailsJobResults> detailsJobResults(@PathParam("jobId") String jobId, @QueryParam("cursor") String cursor,
            @QueryParam("pageSize") int pageSize);
}
