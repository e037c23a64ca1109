package io.gcgateway.genesys;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.reflect.Proxy;
import java.net.URI;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;


/** Start-up resolution of URLs and credentials, in production mode (plain unit test: no Quarkus launch mode). */
class GenesysEndpointsTest {

    @Test
    void productionWithoutCredentialsFailsWithOneLineNamingTheVariables() {
        assertThatThrownBy(() -> new GenesysEndpoints(config(null, null, null, null), simulator(Optional.empty())))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("GENESYS_CLIENT_ID")
                .hasMessageContaining("GENESYS_CLIENT_SECRET")
                .hasMessageNotContaining("\n");
    }

    @Test
    void regionDerivesApiAndLoginHosts() {
        GenesysEndpoints endpoints = new GenesysEndpoints(config("mypurecloud.ie", null, "id", "secret"),
                simulator(Optional.empty()));
        assertThat(endpoints.apiUrl()).isEqualTo(URI.create("https://api.mypurecloud.ie"));
        assertThat(endpoints.loginUrl()).isEqualTo(URI.create("https://login.mypurecloud.ie"));
        assertThat(endpoints.simulated()).isFalse();
        assertThat(endpoints.region()).isEqualTo("mypurecloud.ie");
    }

    @Test
    void explicitApiUrlOverridesRegion() {
        GenesysEndpoints endpoints = new GenesysEndpoints(
                config("usw2.pure.cloud", URI.create("https://proxy.internal.example"), "id", "secret"),
                simulator(Optional.empty()));
        assertThat(endpoints.apiUrl()).isEqualTo(URI.create("https://proxy.internal.example"));
        assertThat(endpoints.loginUrl()).isEqualTo(URI.create("https://login.usw2.pure.cloud"));
    }

    @Test
    void explicitUrlsWithoutRegionReportTheApiHostAsRegion() {
        GenesysEndpoints endpoints = new GenesysEndpoints(stub(GenesysConfig.class, Map.of(
                "region", Optional.empty(),
                "apiUrl", Optional.of(URI.create("http://127.0.0.1:8091/simulator")),
                "loginUrl", Optional.of(URI.create("http://127.0.0.1:8091/simulator")),
                "clientId", Optional.of("id"),
                "clientSecret", Optional.of("secret"))), simulator(Optional.of(false)));
        assertThat(endpoints.region()).isEqualTo("127.0.0.1");
        assertThat(endpoints.simulated()).isFalse();
    }

    @Test
    void credentialsWithoutRegionOrUrlsFailClearly() {
        assertThatThrownBy(() -> new GenesysEndpoints(config(null, null, "id", "secret"), simulator(Optional.empty())))
                .hasMessageContaining("GENESYS_REGION");
    }

    @Test
    void explicitlyEnabledSimulatorNeedsNoCredentials() {
        GenesysEndpoints endpoints = new GenesysEndpoints(config(null, null, null, null), simulator(Optional.of(true)));
        assertThat(endpoints.simulated()).isTrue();
        assertThat(endpoints.apiUrl()).isEqualTo(URI.create("http://127.0.0.1:9999/simulator"));
        assertThat(endpoints.clientId()).isEqualTo("sim-id");
    }

    private static GenesysConfig config(String region, URI apiUrl, String clientId, String clientSecret) {
        return stub(GenesysConfig.class, Map.of(
                "region", Optional.ofNullable(region),
                "apiUrl", Optional.ofNullable(apiUrl),
                "loginUrl", Optional.empty(),
                "clientId", Optional.ofNullable(clientId),
                "clientSecret", Optional.ofNullable(clientSecret)));
    }

    private static EmbeddedSimulatorConfig simulator(Optional<Boolean> enabled) {
        return stub(EmbeddedSimulatorConfig.class, Map.of(
                "enabled", enabled,
                "baseUrl", URI.create("http://127.0.0.1:9999/simulator"),
                "clientId", "sim-id",
                "clientSecret", "sim-secret"));
    }

    /** A config mapping with fixed values (a proxy: generated classes would be seen by CDI validation). */
    private static <T> T stub(Class<T> type, Map<String, Object> values) {
        return type.cast(Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] { type },
                (proxy, method, args) -> values.get(method.getName())));
    }
}
