package io.gcgateway.analytics;

import java.util.List;
import java.util.stream.Collectors;

import org.jboss.resteasy.reactive.RestStreamElementType;

import io.gcgateway.analytics.AnalyticsTypes.Conversation;
import io.gcgateway.security.RequiresRole;
import io.gcgateway.security.Role;
import io.smallrye.mutiny.Multi;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/**
 * Streams the conversations of a {@code conversationExport} job, one line each, walking the job's cursor pages
 * as the client reads: NDJSON (the GraphQL {@code Conversation} shape) or CSV.
 */
@Path(ExportResource.PATH)
@RequiresRole(Role.READER)
public class ExportResource {
    static final String PATH = "/analytics/exports";
    private static final String CSV_HEADER = "id,start,end,direction,mediaType,durationMs,handleMs,talkMs,holdMs,waitMs,"
            + "queueIds,userIds,wrapUpCodes\n";

    private final AnalyticsService analytics;

    ExportResource(AnalyticsService analytics) {
        this.analytics = analytics;
    }

    @GET
    @Path("/{jobId}.ndjson")
    @Produces("application/x-ndjson")
    @RestStreamElementType(MediaType.APPLICATION_JSON)
    public Multi<Conversation> ndjson(@PathParam("jobId") String jobId) {
        return analytics.exportedConversations(jobId);
    }

    @GET
    @Path("/{jobId}.csv")
    @Produces("text/csv")
    public Multi<String> csv(@PathParam("jobId") String jobId) {
        return Multi.createBy().concatenating().streams(Multi.createFrom().item(CSV_HEADER),
                analytics.exportedConversations(jobId).map(ExportResource::csvLine));
    }

    static String csvLine(Conversation c) {
        return String.join(",", c.id(), c.start().toString(), text(c.end()), c.direction().name(), c.mediaType().name(),
                text(c.durationMs()), text(c.handleMs()), text(c.talkMs()), text(c.holdMs()), text(c.waitMs()),
                list(c.queueIds()), list(c.userIds()), list(c.wrapUpCodes())) + "\n";
    }

    private static String text(Object value) {
        return value == null ? "" : value.toString();
    }

    /** Several values in one CSV cell, separated by ';' and quoted if needed (RFC 4180). */
    private static String list(List<String> values) {
        String joined = values.stream().collect(Collectors.joining(";"));
        return joined.contains(",") || joined.contains("\"") ? "\"" + joined.replace("\"", "\"\"") + "\"" : joined;
    }
}
