package io.strata.cli.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.strata.api.json.Json;
import org.junit.jupiter.api.Test;

class DeploymentWaitTest {
    @Test
    void idOf_putReply_takesDeploymentId() throws Exception {
        assertThat(DeploymentWait.idOf(Json.mesos().readTree("{\"version\":\"v\",\"deploymentId\":\"d9\"}")))
                .isEqualTo("d9");
    }

    @Test
    void idOf_postReply_takesFirstDeployment() throws Exception {
        assertThat(DeploymentWait.idOf(Json.mesos().readTree("{\"id\":\"/a\",\"deployments\":[{\"id\":\"d2\"}]}")))
                .isEqualTo("d2");
    }

    @Test
    void idOf_replyWithoutDeployment_isNull() throws Exception {
        assertThat(DeploymentWait.idOf(Json.mesos().readTree("{\"id\":\"/a\",\"deployments\":[]}"))).isNull();
    }

    @Test
    void find_otherDeploymentsOnly_isNull() throws Exception {
        assertThat(DeploymentWait.find(Json.mesos().readTree("[{\"id\":\"x\"}]"), "y")).isNull();
    }

    @Test
    void id_relativeOrNested_becomesAbsoluteEncodedPath() {
        assertThat(AppPaths.id("web")).isEqualTo("/web");
        assertThat(AppPaths.id("/prod/web/")).isEqualTo("/prod/web");
    }
}
