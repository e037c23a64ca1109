package io.gcgateway.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.mypurecloud.sdk.v2.ApiClient;
import com.mypurecloud.sdk.v2.ApiException;
import com.mypurecloud.sdk.v2.api.IntegrationsApi;
import com.mypurecloud.sdk.v2.api.request.GetIntegrationsActionsRequest;
import com.mypurecloud.sdk.v2.model.Action;
import com.mypurecloud.sdk.v2.model.ActionConfig;
import com.mypurecloud.sdk.v2.model.ActionContractInput;
import com.mypurecloud.sdk.v2.model.ActionEntityListing;
import com.mypurecloud.sdk.v2.model.ErrorBody;
import com.mypurecloud.sdk.v2.model.Integration;
import com.mypurecloud.sdk.v2.model.JsonSchemaDocument;
import com.mypurecloud.sdk.v2.model.PostActionInput;
import com.mypurecloud.sdk.v2.model.PostInputContract;
import com.mypurecloud.sdk.v2.model.PostOutputContract;
import com.mypurecloud.sdk.v2.model.PublishDraftInput;
import com.mypurecloud.sdk.v2.model.RequestConfig;
import com.mypurecloud.sdk.v2.model.ResponseConfig;
import com.mypurecloud.sdk.v2.model.UpdateDraftInput;

import io.gcgateway.Simulator;
import io.quarkus.test.junit.QuarkusTest;

/** The simulator's Integrations data-action endpoints, driven with the official SDK's IntegrationsApi and models. */
@QuarkusTest
class ActionsSdkContractTest {


    private IntegrationsApi integrations;

    @BeforeEach
    void connect() {
        Simulator.reset();
        integrations = new IntegrationsApi(Simulator.sdkClient());
    }

    @Test
    void listUsesTheStandardPagedEnvelopeAndFilters() throws Exception {
        ActionEntityListing page = integrations.getIntegrationsActions(GetIntegrationsActionsRequest.builder()
                .withPageSize(2).withPageNumber(1).withCategory("ERP Actions").withSortBy("name").build());
        assertThat(page.getTotal()).isEqualTo(3);
        assertThat(page.getPageCount()).isEqualTo(2);
        assertThat(page.getEntities()).hasSize(2).extracting(Action::getName)
                .containsExactly("Create ERP Ticket", "Get Order Status");
        assertThat(page.getNextUri()).contains("pageNumber=2").contains("category=ERP+Actions");
        assertThat(page.getPreviousUri()).isNull();
        assertThat(page.getEntities()).allSatisfy(a -> {
            assertThat(a.getConfig()).isNull();
            assertThat(a.getContract()).isNull();
        });

        ActionEntityListing byName = integrations.getIntegrationsActions(GetIntegrationsActionsRequest.builder()
                .withName("presence").build());
        assertThat(byName.getEntities()).extracting(Action::getName).containsExactly("Get User Presence");
    }

    @Test
    void getExpandsTheContractAndConfig() throws Exception {
        String id = idOf("Get Order Status");
        Action action = integrations.getIntegrationsAction(id, "contract", true);
        assertThat(action.getVersion()).isEqualTo(1);
        assertThat(action.getSelfUri()).isEqualTo("/api/v2/integrations/actions/" + id);
        assertThat(action.getContract().getInput().getInputSchema().getRequired()).containsExactly("order");
        assertThat(action.getContract().getInput().getInputSchema().getProperties()).containsKey("order");
        assertThat(action.getConfig().getRequest().getRequestType()).isEqualTo("POST");
        assertThat(action.getConfig().getResponse().getTranslationMap()).containsEntry("status", "$.data.status");
        assertThat(action.getConfig().getTimeoutSeconds()).isEqualTo(20);
    }

    @Test
    void integrationsListTheWebServicesDataActionsInstance() throws Exception {
        List<Integration> all = integrations.getIntegrations(25, 1, null, null, null, null).getEntities();
        assertThat(all).anySatisfy(i -> {
            assertThat(i.getName()).isEqualTo("ERP Actions");
            assertThat(i.getIntegrationType().getId()).isEqualTo("custom-rest-actions");
        });
    }

    @Test
    void createPublishesAnActionAndChecksRequiredFields() throws Exception {
        Action created = integrations.postIntegrationsActions(input("Ping ERP"));
        assertThat(created.getId()).startsWith("custom_-_");
        assertThat(created.getVersion()).isEqualTo(1);
        assertThat(integrations.getIntegrationsAction(created.getId(), "contract", true).getName()).isEqualTo("Ping ERP");

        PostActionInput incomplete = input("No integration").integrationId(null);
        ApiException e = catchThrowableOfType(ApiException.class, () -> integrations.postIntegrationsActions(incomplete));
        assertThat(e.getStatusCode()).isEqualTo(400);
        ErrorBody body = ApiClient.Builder.standard().build().getObjectMapper().readValue(e.getRawBody(), ErrorBody.class);
        assertThat(body.getCode()).isEqualTo("bad.request");
        assertThat(body.getDetails()).extracting(d -> d.getFieldName()).contains("integrationId");

        PostActionInput slow = input("Too slow");
        slow.getConfig().timeoutSeconds(61);
        assertThat(catchThrowableOfType(ApiException.class, () -> integrations.postIntegrationsActions(slow)).getStatusCode())
                .isEqualTo(400);
    }

    @Test
    void draftsArePatchedWithTheirVersionAndPublished() throws Exception {
        Action draft = integrations.postIntegrationsActionsDrafts(input("Draft action"));
        Action renamed = integrations.patchIntegrationsActionDraft(draft.getId(),
                new UpdateDraftInput().name("Renamed draft").version(draft.getVersion()));
        assertThat(renamed.getVersion()).isEqualTo(2);

        ApiException stale = catchThrowableOfType(ApiException.class, () -> integrations.patchIntegrationsActionDraft(
                draft.getId(), new UpdateDraftInput().name("Lost update").version(1)));
        assertThat(stale.getStatusCode()).isEqualTo(409);
        assertThat(stale.getRawBody()).contains("Version does not match current version.");

        Action published = integrations.postIntegrationsActionDraftPublish(draft.getId(), new PublishDraftInput().version(2));
        assertThat(published.getName()).isEqualTo("Renamed draft");
        assertThat(integrations.getIntegrationsAction(draft.getId(), null, null).getName()).isEqualTo("Renamed draft");
    }

    private String idOf(String name) throws Exception {
        return integrations.getIntegrationsActions(GetIntegrationsActionsRequest.builder().withName(name).build())
                .getEntities().get(0).getId();
    }

    private PostActionInput input(String name) throws Exception {
        String erp = integrations.getIntegrations(25, 1, null, null, null, null).getEntities().stream()
                .filter(i -> "custom-rest-actions".equals(i.getIntegrationType().getId())).findFirst().orElseThrow().getId();
        JsonSchemaDocument inputSchema = new JsonSchemaDocument().type("object")
                .properties(Map.of("ping", Map.of("type", "string")));
        JsonSchemaDocument successSchema = new JsonSchemaDocument().type("object").additionalProperties(true);
        ActionConfig config = new ActionConfig().timeoutSeconds(10);
        RequestConfig request = new RequestConfig().requestUrlTemplate("http://127.0.0.1:9/ping")
                .requestType("POST").requestTemplate("${input.rawRequest}");
        config.setRequest(request);
        config.setResponse(new ResponseConfig().successTemplate("${rawResult}"));
        return new PostActionInput().name(name).category("ERP Actions").integrationId(erp)
                .contract(new ActionContractInput().input(new PostInputContract().inputSchema(inputSchema))
                        .output(new PostOutputContract().successSchema(successSchema)))
                .config(config);
    }
}
