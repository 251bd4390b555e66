package io.strata.kubernetes.controllers.endpoints;

import static io.strata.kubernetes.controllers.Fixtures.TYPES;
import static io.strata.kubernetes.controllers.Fixtures.json;
import static io.strata.kubernetes.controllers.Fixtures.pod;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.strata.kubernetes.controllers.Intent;
import io.strata.kubernetes.controllers.Plan;
import java.util.List;
import org.junit.jupiter.api.Test;

class EndpointsReconcilerTest {

    private final EndpointsReconciler reconciler = new EndpointsReconciler(TYPES);
    private static final JsonNode SERVICE = json("{'metadata':{'name':'web','namespace':'default','uid':'s1'},"
            + "'spec':{'selector':{'app':'web'},'ports':[{'name':'http','port':80,'targetPort':'http'},"
            + "{'name':'metrics','port':9090,'targetPort':9100}]}}");

    @Test
    void reconcile_readyAndNotReadyPods_addressesPortsAndSlice() {
        JsonNode ready = pod("a", "x", "Running", true, "n1", "2026-01-01T00:00:00Z");
        JsonNode notReady = pod("b", "x", "Running", false, "n1", "2026-01-01T00:00:00Z");
        JsonNode finished = pod("c", "x", "Succeeded", false, "n1", "2026-01-01T00:00:00Z");
        Plan plan = reconciler.reconcile(SERVICE, List.of(ready, notReady, finished), null, List.of());
        JsonNode ep = ((Intent.Create) plan.intents().get(0)).body();
        JsonNode subset = ep.path("subsets").get(0);
        assertThat(subset.path("addresses").get(0).path("ip").asText()).isEqualTo(ready.path("status").path("podIP").asText());
        assertThat(subset.path("addresses").get(0).path("targetRef").path("name").asText()).isEqualTo("a");
        assertThat(subset.path("notReadyAddresses").get(0).path("targetRef").path("name").asText()).isEqualTo("b");
        assertThat(subset.path("ports").toString()).isEqualTo("[{\"name\":\"http\",\"port\":8080,\"protocol\":\"TCP\"},"
                + "{\"name\":\"metrics\",\"port\":9100,\"protocol\":\"TCP\"}]");
        JsonNode slice = ((Intent.Create) plan.intents().get(1)).body();
        assertThat(slice.path("metadata").path("labels").path(EndpointsReconciler.SERVICE_NAME).asText()).isEqualTo("web");
        assertThat(slice.path("metadata").path("name").asText()).startsWith("web-");
        assertThat(slice.path("endpoints")).hasSize(2);
        assertThat(reconciler.reconcile(SERVICE, List.of(ready, notReady), ep, List.of(slice)).intents()).isEmpty();
    }

    @Test
    void reconcile_serviceWithoutSelector_untouched() {
        JsonNode manual = json("{'metadata':{'name':'ext','namespace':'default'},'spec':{'ports':[{'port':80}]}}");
        assertThat(reconciler.reconcile(manual, List.of(), null, List.of()).intents()).isEmpty();
    }
}
