package io.gcgateway.records;

import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.gcgateway.errors.NotFoundException;
import io.gcgateway.gateway.JsonValues;
import io.gcgateway.gateway.PageInfo;
import io.gcgateway.genesys.GenesysRestClients;
import io.gcgateway.genesys.PageCursors;
import io.gcgateway.records.RecordTables.Table;
import io.gcgateway.records.RecordTypes.Record;
import io.gcgateway.records.RecordTypes.RecordConnection;
import io.gcgateway.records.RecordTypes.RecordEdge;
import io.gcgateway.records.RecordTypes.RecordTable;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/** Reading data tables and their records. */
@ApplicationScoped
class RecordReads {
    static final String CONNECTION = "records";
    private static final int TABLE_PAGE = 100;

    private final RecordsRestClient client;
    private final RecordTables tables;
    private final RecordRows rows;
    private final RecordsConfig config;

    RecordReads(GenesysRestClients clients, RecordTables tables, RecordRows rows, RecordsConfig config) {
        this.client = clients.api(RecordsRestClient.class);
        this.tables = tables;
        this.rows = rows;
        this.config = config;
    }

    Uni<List<RecordTable>> tables() {
        return allTables(1, new ArrayList<>());
    }

    private Uni<List<RecordTable>> allTables(int pageNumber, List<RecordTable> found) {
        return client.tables(pageNumber, TABLE_PAGE).flatMap(page -> {
            for (JsonNode table : page.entitiesOrEmpty()) {
                Table t = tables.toTable(table);
                found.add(new RecordTable(t.id(), t.name(), t.description(), JsonValues.of(t.rawSchema()), t.fields(),
                        t.versioned()));
            }
            return page.hasNextPage() && pageNumber < 50 ? allTables(pageNumber + 1, found) : Uni.createFrom().item(found);
        });
    }

    Uni<Record> record(String tableId, String key) {
        return client.row(tableId, key).map(row -> rows.toRecord(tableId, row))
                .onFailure(NotFoundException.class).recoverWithNull();
    }

    Uni<RecordConnection> records(String tableId, Integer first, String after) {
        return Uni.createFrom().deferred(() -> {
            PageCursors.Window window = PageCursors.window(CONNECTION, first, after, 25, config.maxPageSize());
            return client.rows(tableId, window.pageNumber(), window.size()).map(page -> {
                List<RecordEdge> edges = new ArrayList<>();
                for (ObjectNode row : page.entitiesOrEmpty()) {
                    edges.add(new RecordEdge(window.cursor(edges.size()), rows.toRecord(tableId, row)));
                }
                String endCursor = edges.isEmpty() ? after : edges.get(edges.size() - 1).cursor();
                int total = page.total() == null ? edges.size() : page.total().intValue();
                return new RecordConnection(edges, new PageInfo(page.hasNextPage(), endCursor), total);
            });
        });
    }
}
