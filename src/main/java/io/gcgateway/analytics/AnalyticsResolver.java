package io.gcgateway.analytics;

import java.util.List;

import org.eclipse.microprofile.graphql.DefaultValue;
import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.GraphQLApi;
import org.eclipse.microprofile.graphql.Mutation;
import org.eclipse.microprofile.graphql.Name;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Query;

import graphql.schema.DataFetchingEnvironment;
import io.gcgateway.analytics.AnalyticsTypes.CacheInfo;
import io.gcgateway.analytics.AnalyticsTypes.ConversationConnection;
import io.gcgateway.analytics.AnalyticsTypes.ExportJob;
import io.gcgateway.analytics.AnalyticsTypes.TimeSeries;
import io.gcgateway.gateway.ResponseReuse;
import io.gcgateway.security.RequiresRole;
import io.gcgateway.security.Role;
import io.smallrye.graphql.api.Context;
import io.smallrye.mutiny.Uni;

@GraphQLApi
@RequiresRole(Role.READER)
public class AnalyticsResolver {

    private final AnalyticsService analytics;
    private final AnalyticsCache cache;
    private final Context graphql;

    AnalyticsResolver(AnalyticsService analytics, AnalyticsCache cache, Context graphql) {
        this.analytics = analytics;
        this.cache = cache;
        this.graphql = graphql;
    }

    @Query("conversations")
    @Description("Conversations with activity in the interval, newest first (POST /api/v2/analytics/conversations/details/query). "
            + "Page with first/after; beyond 100,000 results use conversationExport.")
    public @NonNull Uni<ConversationConnection> conversations(@Name("filter") @NonNull ConversationFilterInput filter,
            @Name("first") @DefaultValue("25") Integer first, @Name("after") String after) {
        DataFetchingEnvironment field = graphql.unwrap(DataFetchingEnvironment.class);
        return analytics.conversations(filter, first, after).invoke(connection -> offerForReuse(field, connection.cache()));
    }

    @Query("conversationTimeSeries")
    @Description("Chart-ready series from POST /api/v2/analytics/conversations/aggregates/query: one per group and metric, "
            + "every bucket present (zeros where there was no data). Default metrics: N_OFFERED, T_HANDLE.")
    public @NonNull Uni<List<@NonNull TimeSeries>> conversationTimeSeries(
            @Name("filter") @NonNull ConversationFilterInput filter,
            @Name("granularity") @NonNull @Description("ISO-8601: PT15M, PT30M, PT1H or P1D.") String granularity,
            @Name("groupBy") List<AnalyticsDimension> groupBy,
            @Name("metrics") List<AnalyticsMetric> metrics,
            @Name("timeZone") @DefaultValue("UTC") @Description("IANA zone for bucket boundaries.") String timeZone) {
        DataFetchingEnvironment field = graphql.unwrap(DataFetchingEnvironment.class);
        return analytics.timeSeries(filter, granularity, groupBy, metrics, timeZone)
                .invoke(series -> offerForReuse(field, series.isEmpty() ? null : series.get(0).cache()));
    }

    /**
     * The whole response may be answered again from memory (ResponseCache, see ResponseReuse) while this result is fresh, unless the
     * query asks for something that changes from one request to the next: a stale or first-fetch {@code cache}
     * description, or its {@code ttlSeconds}.
     */
    private void offerForReuse(DataFetchingEnvironment field, CacheInfo info) {
        boolean describesCache = field.getSelectionSet().contains("cache");
        if (info == null || info.stale() || info.ttlSeconds() == null || (describesCache && !info.hit())
                || field.getSelectionSet().contains("cache/ttlSeconds")) {
            ResponseReuse.notReusable(field);
            return;
        }
        ResponseReuse.reusable(field, Role.READER, System.currentTimeMillis() + info.ttlSeconds() * 1000, cache::countReused);
    }

    @Mutation("conversationExport")
    @Description("Starts an async details job (POST .../details/jobs) for result sets too big for paging; "
            + "download its conversations from downloadUrl (NDJSON) or csvUrl.")
    public @NonNull Uni<ExportJob> conversationExport(@Name("filter") @NonNull ConversationFilterInput filter) {
        return analytics.export(filter);
    }

    @RequiresRole(Role.ADMIN)
    @Mutation("invalidateAnalyticsCache")
    @Description("Deletes every cached analytics result; returns how many entries were removed.")
    public @NonNull Uni<Integer> invalidateAnalyticsCache() {
        return analytics.invalidateCache();
    }
}
