package io.gcgateway.records;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.gcgateway.genesys.AccessTokenProvider;
import io.gcgateway.genesys.EntityListing;
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
 * Data table and audit calls with the upstream policy. Reads (including the audit query, a POST that only reads)
 * are idempotent. A row PUT replaces the row with the same content each time, but it is guarded as non-idempotent
 * anyway: a retry after a lost answer could overwrite a newer write made in between by someone outside the gateway.
 */
@ApplicationScoped
@TranslateUpstreamFailures
public class RecordsClient {
    static final String READS = "genesys-datatables";
    static final String WRITES = "genesys-datatables-writes";

    private final RecordsRestClient rest;
    private final AccessTokenProvider tokens;

    RecordsClient(GenesysRestClients clients, AccessTokenProvider tokens) {
        this.rest = clients.api(RecordsRestClient.class);
        this.tokens = tokens;
    }

    @ApplyGuard(READS)
    Uni<EntityListing<JsonNode>> tables(int pageNumber, int pageSize) {
        return tokens.retryOnceIfTokenRejected(() -> rest.tables("schema", pageNumber, pageSize, "name", "ascending"));
    }

    @ApplyGuard(READS)
    Uni<JsonNode> table(String tableId) {
        return tokens.retryOnceIfTokenRejected(() -> rest.table(tableId, "schema"));
    }

    @ApplyGuard(READS)
    Uni<EntityListing<ObjectNode>> rows(String tableId, int pageNumber, int pageSize) {
        return tokens.retryOnceIfTokenRejected(() -> rest.rows(tableId, pageNumber, pageSize, false, "ascending"));
    }

    @ApplyGuard(READS)
    Uni<ObjectNode> row(String tableId, String key) {
        return tokens.retryOnceIfTokenRejected(() -> rest.row(tableId, key, false));
    }

    @ApplyGuard(READS)
    Uni<EntityListing<JsonNode>> audits(JsonNode query) {
        return tokens.retryOnceIfTokenRejected(() -> rest.auditsRealtime(query));
    }

    @ApplyGuard(WRITES)
    Uni<ObjectNode> createRow(String tableId, ObjectNode row) {
        return tokens.retryOnceIfTokenRejected(() -> rest.createRow(tableId, row));
    }

    @ApplyGuard(WRITES)
    Uni<ObjectNode> replaceRow(String tableId, String key, ObjectNode row) {
        return tokens.retryOnceIfTokenRejected(() -> rest.replaceRow(tableId, key, row));
    }

    @ApplyGuard(WRITES)
    Uni<Void> deleteRow(String tableId, String key) {
        return tokens.retryOnceIfTokenRejected(() -> rest.deleteRow(tableId, key));
    }

    @Produces
    @Singleton
    @Identifier(READS)
    static Guard readsGuard(UpstreamGuards guards) {
        return guards.idempotent(READS);
    }

    @Produces
    @Singleton
    @Identifier(WRITES)
    static Guard writesGuard(UpstreamGuards guards) {
        return guards.nonIdempotent(WRITES);
    }
}
