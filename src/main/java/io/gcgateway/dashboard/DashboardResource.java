package io.gcgateway.dashboard;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/**
 * {@code GET /dashboard}: the conversations dashboard. The page and its script are static resources under
 * {@code /dashboard/}; this serves the page at the short URL too (assets are referenced by absolute path).
 */
@Path("/dashboard")
public class DashboardResource {
    private static final String PAGE = "META-INF/resources/dashboard/index.html";

    private final String page;

    DashboardResource() {
        try (InputStream in = Thread.currentThread().getContextClassLoader().getResourceAsStream(PAGE)) {
            this.page = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @GET
    @Produces(MediaType.TEXT_HTML)
    public String page() {
        return page;
    }
}
