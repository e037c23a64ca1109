package io.gcgateway.actions;

import static io.gcgateway.actions.DataActionFixtures.createAction;
import static io.gcgateway.actions.DataActionFixtures.executePath;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.gcgateway.GraphQL;
import io.gcgateway.Simulator;
import io.quarkus.test.junit.QuarkusTest;

/** executeDataActionPaged: the cursor loop over an action whose output carries the next cursor and the items. */
@QuarkusTest
class DataActionPagingTest {
    static final String PAGED = """
            mutation($id: ID!, $input: JSON!, $pagination: PaginationInput!) {
              executeDataActionPaged(actionId: $id, input: $input, pagination: $pagination) {
                items pagesFetched stopReason nextCursor
              }
            }""";
    static final Map<String, Object> PAGINATION = Map.of("cursorInputPath", "/cursor", "cursorOutputPath", "/nextCursor",
            "itemsOutputPath", "/items");

    @RegisterExtension
    static final RemoteService remote = new RemoteService();
    private String actionId;

    @BeforeEach
    void createSearchAction() {
        Simulator.resetWithCircuitBreakers();
        actionId = createAction(remote, "Search Customers Paged", """
                { "type": "object", "required": ["query"], "properties": {
                    "query": { "type": "string" }, "cursor": { "type": "string" },
                    "pageSize": { "type": "integer", "minimum": 1, "maximum": 50 }, "loop": { "type": "string" } } }""",
                "GET", "/customers?q=$esc.url(${input.query})&cursor=$!{input.cursor}&loop=$!{input.loop}", "${input.rawRequest}",
                Map.of("items", "$.items", "nextCursor", "$.next"),
                "{\"items\": ${items}, \"nextCursor\": ${nextCursor}}");
    }

    @Test
    void fetchesEveryPageAndAggregatesTheItemsInOrder() {
        List<String> ids = GraphQL.query(PAGED, Map.of("id", actionId, "input", Map.of("query", "smith"), "pagination", PAGINATION))
                .body("errors", nullValue())
                .body("data.executeDataActionPaged.pagesFetched", equalTo(RemoteService.PAGES))
                .body("data.executeDataActionPaged.stopReason", equalTo("NO_MORE_PAGES"))
                .body("data.executeDataActionPaged.nextCursor", nullValue())
                .extract().path("data.executeDataActionPaged.items.id");

        assertThat(ids).containsExactlyElementsOf(
                IntStream.range(0, RemoteService.PAGES * RemoteService.PAGE_SIZE).mapToObj(n -> "cust-" + n).toList());
        assertThat(Simulator.calls("POST", executePath(actionId))).isEqualTo(RemoteService.PAGES);
    }

    @Test
    void stopsWhenTheRemoteServiceRepeatsACursor() {
        GraphQL.query(PAGED, Map.of("id", actionId, "input", Map.of("query", "smith", "loop", "true"), "pagination", PAGINATION))
                .body("errors", nullValue())
                .body("data.executeDataActionPaged.stopReason", equalTo("REPEATED_CURSOR"))
                .body("data.executeDataActionPaged.pagesFetched", equalTo(2));
        // Page 1 (no cursor) and page 2 (cursor "same"), which answered "same" again: no third call.
        assertThat(Simulator.calls("POST", executePath(actionId))).isEqualTo(2);
    }

    @Test
    void honoursMaxPagesAndResumesFromTheReturnedCursor() {
        Map<String, Object> twoPages = new HashMap<>(PAGINATION);
        twoPages.put("maxPages", 2);
        twoPages.put("pageSize", 3);
        String next = GraphQL.query(PAGED, Map.of("id", actionId, "input", Map.of("query", "smith"), "pagination", twoPages))
                .body("errors", nullValue())
                .body("data.executeDataActionPaged.stopReason", equalTo("MAX_PAGES"))
                .body("data.executeDataActionPaged.pagesFetched", equalTo(2))
                .body("data.executeDataActionPaged.items.size()", equalTo(6))
                .extract().path("data.executeDataActionPaged.nextCursor");
        assertThat(next).isEqualTo("c2");
        // pageSize went into every page's input (at the default /pageSize).
        assertThat(Simulator.calls("POST", executePath(actionId))).isEqualTo(2);

        twoPages.put("startCursor", next);
        GraphQL.query(PAGED, Map.of("id", actionId, "input", Map.of("query", "smith"), "pagination", twoPages))
                .body("data.executeDataActionPaged.items[0].id", equalTo("cust-6"))
                .body("data.executeDataActionPaged.nextCursor", equalTo("c4"));
    }

    @Test
    void badPaginationIsRejectedBeforeAnyExecution() {
        Map<String, Object> bad = Map.of("cursorInputPath", "cursor", "cursorOutputPath", "/nextCursor",
                "itemsOutputPath", "/items", "maxPages", 0, "pageSize", 0);
        List<String> paths = GraphQL.query(PAGED, Map.of("id", actionId, "input", Map.of("query", "smith"), "pagination", bad))
                .body("errors[0].extensions.code", equalTo("VALIDATION_FAILED"))
                .extract().path("errors[0].extensions.fieldErrors.path");
        assertThat(paths).containsExactlyInAnyOrder("pagination.cursorInputPath", "pagination.maxPages", "pagination.pageSize");

        // A page size the contract forbids is caught on the first page's input, before it runs.
        Map<String, Object> tooBig = new HashMap<>(PAGINATION);
        tooBig.put("pageSize", 500);
        GraphQL.query(PAGED, Map.of("id", actionId, "input", Map.of("query", "smith"), "pagination", tooBig))
                .body("errors[0].extensions.code", equalTo("VALIDATION_FAILED"))
                .body("errors[0].extensions.fieldErrors[0].path", equalTo("/pageSize"));
        assertThat(Simulator.calls("POST", executePath(actionId))).isZero();
    }
}
