package io.gcgateway.records;

import java.util.List;
import java.util.Map;

import io.gcgateway.errors.NotFoundException;
import io.gcgateway.gateway.FederatedEntities;
import io.gcgateway.records.RecordTypes.Record;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/** Records as federation entities, keyed by table and key: one row read each (Genesys has no bulk row read). */
@ApplicationScoped
class RecordEntities implements FederatedEntities {
    private final RecordReads records;

    RecordEntities(RecordReads records) {
        this.records = records;
    }

    @Override
    public List<Entity> entities() {
        return List.of(new Entity("Record", Record.class, "tableId key", this::find));
    }

    private Uni<List<Object>> find(List<Map<String, Object>> keys) {
        List<Uni<Record>> reads = keys.stream().map(key -> records.record(String.valueOf(key.get("tableId")),
                String.valueOf(key.get("key"))).onFailure(NotFoundException.class).recoverWithNull()).toList();
        return Uni.join().all(reads).andFailFast().map(found -> found.stream().map(row -> (Object) row).toList());
    }
}
