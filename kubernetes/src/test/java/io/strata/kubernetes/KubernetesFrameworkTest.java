package io.strata.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.strata.kubernetes.apiserver.RequestOptions;
import io.strata.kubernetes.resources.ResourceType;
import org.apache.curator.test.TestingServer;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class KubernetesFrameworkTest {

    @Test
    void start_again_objectsAndRevisionsSurvive() throws Exception {
        try (TestingServer zk = new TestingServer(true)) {
            KubernetesConfig config = KubernetesConfig.of(zk.getConnectString() + "/strata", "", 0);
            long firstRevision;
            try (KubernetesFramework k8s = KubernetesFramework.start(config)) {
                ResourceType cm = k8s.resources().catalog().find("v1", "configmaps").orElseThrow();
                ObjectNode body = JsonNodeFactory.instance.objectNode();
                body.putObject("metadata").put("name", "kept");
                body.putObject("data").put("a", "1");
                ObjectNode created = k8s.resources().create(cm, "default", body, RequestOptions.of("test"));
                firstRevision = Long.parseLong(created.path("metadata").path("resourceVersion").asText());
            }
            try (KubernetesFramework k8s = KubernetesFramework.start(config)) {
                ResourceType cm = k8s.resources().catalog().find("v1", "configmaps").orElseThrow();
                assertThat(k8s.resources().get(cm, "default", "kept").path("data").path("a").asText()).isEqualTo("1");
                ObjectNode body = JsonNodeFactory.instance.objectNode();
                body.putObject("metadata").put("name", "later");
                ObjectNode later = k8s.resources().create(cm, "default", body, RequestOptions.of("test"));
                assertThat(Long.parseLong(later.path("metadata").path("resourceVersion").asText()))
                        .isGreaterThan(firstRevision);
                assertThat(k8s.store().revision()).isGreaterThan(firstRevision);
            }
        }
    }

    @Test
    void command_options_parsed() {
        KubernetesCommand command = new KubernetesCommand();
        new CommandLine(command).parseArgs("--zk", "127.0.0.1:2181/strata", "--master", "http://127.0.0.1:5050",
                "--port", "0");
        assertThat(command.zk).isEqualTo("127.0.0.1:2181/strata");
        assertThat(command.master).isEqualTo("http://127.0.0.1:5050");
        assertThat(command.port).isZero();
        assertThat(command.host).isEqualTo("127.0.0.1");
        assertThat(command.serviceCidr).isEqualTo(KubernetesConfig.DEFAULT_SERVICE_CIDR);
    }
}
