package io.gcgateway.genesys;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

import io.quarkus.runtime.annotations.RegisterForReflection;

/** The standard Genesys page-number envelope of a collection ({@code entities, pageSize, pageNumber, total...}). */
@RegisterForReflection
@JsonIgnoreProperties(ignoreUnknown = true)
public record EntityListing<T>(List<T> entities, Integer pageSize, Integer pageNumber, Long total, Integer pageCount,
        String nextUri) {

    public List<T> entitiesOrEmpty() {
        return entities == null ? List.of() : entities;
    }

    /** Whether Genesys has a page after this one (a {@code nextUri}, or a page number below the page count). */
    public boolean hasNextPage() {
        return nextUri != null || (pageNumber != null && pageCount != null && pageNumber < pageCount);
    }
}
