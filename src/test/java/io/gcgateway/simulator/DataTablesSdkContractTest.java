package io.gcgateway.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.mypurecloud.sdk.v2.ApiClient;
import com.mypurecloud.sdk.v2.ApiException;
import com.mypurecloud.sdk.v2.api.ArchitectApi;
import com.mypurecloud.sdk.v2.api.AuditApi;
import com.mypurecloud.sdk.v2.model.AuditLogMessage;
import com.mypurecloud.sdk.v2.model.AuditQueryFilter;
import com.mypurecloud.sdk.v2.model.AuditQuerySort;
import com.mypurecloud.sdk.v2.model.AuditRealtimeQueryRequest;
import com.mypurecloud.sdk.v2.model.AuditRealtimeQueryResultsResponse;
import com.mypurecloud.sdk.v2.model.DataTable;
import com.mypurecloud.sdk.v2.model.DataTableRowEntityListing;
import com.mypurecloud.sdk.v2.model.DataTablesDomainEntityListing;
import com.mypurecloud.sdk.v2.model.ErrorBody;
import com.mypurecloud.sdk.v2.model.PropertyChange;

import io.gcgateway.Simulator;
import io.quarkus.test.junit.QuarkusTest;

/** Architect data tables and the realtime audit query of the simulator, driven with the official SDK. */
@QuarkusTest
class DataTablesSdkContractTest {
    private ArchitectApi architect;
    private AuditApi audit;
    private ApiClient client;

    @BeforeEach
    void connect() {
        Simulator.reset();
        client = Simulator.sdkClient();
        architect = new ArchitectApi(client);
        audit = new AuditApi(client);
    }

    private DataTable inventory() throws Exception {
        DataTablesDomainEntityListing tables = architect.getFlowsDatatables("schema", 1, 25, "name", "ascending", null, "inv*");
        assertThat(tables.getEntities()).extracting(DataTable::getName).containsExactly("InventoryItem");
        return tables.getEntities().get(0);
    }

    @Test
    void tablesCarryTheirJsonSchemaWhenExpanded() throws Exception {
        DataTablesDomainEntityListing all = architect.getFlowsDatatables(null, 1, 25, "name", "ascending", null, null);
        assertThat(all.getEntities()).extracting(DataTable::getName).containsExactly("CustomerFlags", "InventoryItem");
        assertThat(all.getEntities()).allSatisfy(table -> assertThat(table.getSchema()).isNull());
        assertThat(all.getTotal()).isEqualTo(2);

        DataTable table = architect.getFlowsDatatable(inventory().getId(), "schema");
        assertThat(table.getSchema().getRequired()).containsExactly("key");
        assertThat(table.getSchema().getAdditionalProperties()).isEqualTo(false);
        assertThat(table.getSchema().getProperties()).containsKeys("key", "quantity", "price", "status", "warehouseLocation", "version");
        assertThat(table.getDivision().getName()).isEqualTo("Home");

        ApiException missing = catchThrowableOfType(ApiException.class, () -> architect.getFlowsDatatable("nope", null));
        assertThat(missing.getStatusCode()).isEqualTo(404);
        assertThat(client.getObjectMapper().readValue(missing.getRawBody(), ErrorBody.class).getCode())
                .isEqualTo("flows.datatables.table.not.found");
    }

    @Test
    void rowsAreBriefByDefaultAndFullOnRequest() throws Exception {
        String tableId = inventory().getId();
        DataTableRowEntityListing brief = architect.getFlowsDatatableRows(tableId, 1, 5, null, null);
        assertThat(brief.getTotal()).isEqualTo(40);
        assertThat(brief.getPageCount()).isEqualTo(8);
        assertThat(brief.getEntities()).allSatisfy(row -> assertThat(row).containsOnlyKeys("key"));

        DataTableRowEntityListing full = architect.getFlowsDatatableRows(tableId, 2, 5, false, "ascending");
        assertThat(full.getPageNumber()).isEqualTo(2);
        assertThat(full.getEntities()).allSatisfy(row -> assertThat(row).containsKeys("key", "quantity", "price", "version"));
        String key = (String) full.getEntities().get(0).get("key");
        assertThat(architect.getFlowsDatatableRow(tableId, key, null)).containsOnlyKeys("key");
        assertThat(architect.getFlowsDatatableRow(tableId, key, false)).containsKeys("status", "warehouseLocation");
    }

    @Test
    void rowChangesAreValidatedAndAudited() throws Exception {
        String tableId = inventory().getId();
        Map<String, Object> row = new LinkedHashMap<>(Map.of("key", "ZZ-0001", "quantity", 5, "price", 12.5,
                "status", "available", "warehouseLocation", "DUB-A1", "version", 1));
        assertThat(architect.postFlowsDatatableRows(tableId, row)).containsEntry("quantity", 5);

        ApiException duplicate = catchThrowableOfType(ApiException.class, () -> architect.postFlowsDatatableRows(tableId, row));
        assertThat(duplicate.getStatusCode()).isEqualTo(409);

        Map<String, Object> wrongType = new LinkedHashMap<>(row);
        wrongType.put("quantity", "five");
        wrongType.put("colour", "red");
        ApiException invalid = catchThrowableOfType(ApiException.class,
                () -> architect.putFlowsDatatableRow(tableId, "ZZ-0001", wrongType));
        assertThat(invalid.getStatusCode()).isEqualTo(400);
        assertThat(client.getObjectMapper().readValue(invalid.getRawBody(), ErrorBody.class).getCode())
                .isEqualTo("flows.datatables.syntax.error");

        row.put("quantity", 7);
        row.put("version", 2);
        assertThat(architect.putFlowsDatatableRow(tableId, "ZZ-0001", row)).containsEntry("quantity", 7);
        architect.deleteFlowsDatatableRow(tableId, "ZZ-0001");
        assertThat(catchThrowableOfType(ApiException.class, () -> architect.getFlowsDatatableRow(tableId, "ZZ-0001", false))
                .getStatusCode()).isEqualTo(404);

        Instant now = Instant.now();
        AuditRealtimeQueryResultsResponse history = audit.postAuditsQueryRealtime(new AuditRealtimeQueryRequest()
                .interval(now.minus(1, ChronoUnit.HOURS) + "/" + now.plus(1, ChronoUnit.MINUTES))
                .serviceName("Datatables")
                .filters(List.of(new AuditQueryFilter().property(AuditQueryFilter.PropertyEnum.ENTITYID).value("ZZ-0001")))
                .sort(List.of(new AuditQuerySort().name(AuditQuerySort.NameEnum.TIMESTAMP)
                        .sortOrder(AuditQuerySort.SortOrderEnum.ASCENDING)))
                .pageNumber(1).pageSize(25), null);
        assertThat(history.getTotal()).isEqualTo(3);
        assertThat(history.getEntities()).extracting(AuditLogMessage::getAction).containsExactly("Create", "Update", "Delete");
        AuditLogMessage update = history.getEntities().get(1);
        assertThat(update.getEntityType()).isEqualTo("Row");
        assertThat(update.getStatus()).isEqualTo(AuditLogMessage.StatusEnum.SUCCESS);
        assertThat(update.getContext()).containsEntry("datatableId", tableId);
        assertThat(update.getPropertyChanges()).extracting(PropertyChange::getProperty).containsExactly("quantity", "version");
        assertThat(update.getPropertyChanges().get(0).getOldValues()).containsExactly("5");
        assertThat(update.getPropertyChanges().get(0).getNewValues()).containsExactly("7");

        ApiException noInterval = catchThrowableOfType(ApiException.class,
                () -> audit.postAuditsQueryRealtime(new AuditRealtimeQueryRequest().serviceName("Datatables"), null));
        assertThat(noInterval.getStatusCode()).isEqualTo(400);
    }
}
