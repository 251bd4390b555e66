package io.strata.agent.oci;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.strata.agent.volume.VolumeMode;
import io.strata.agent.volume.VolumeMount;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Volumes become bind mounts after the sandbox's, read-only where asked, relative paths under the sandbox. */
class OciSpecVolumesTest {
    @Test
    void build_volumes_bindMountsAfterTheSandbox() {
        ContainerRequest base = OciSpecTest.request(Map.of(), NetworkMode.HOST);
        ContainerRequest request = new ContainerRequest(base.id(), base.rootfs(), base.sandbox(), base.process(),
                base.env(), base.user(), base.network(), base.hostname(), base.cgroupsPath(), base.limits(),
                Optional.empty(), List.of(
                        new VolumeMount(Path.of("/var/executor/volumes/shared"), "/shared", VolumeMode.RW),
                        new VolumeMount(Path.of("/var/meta/secrets/secret-0"), "conf/token", VolumeMode.RO)));

        JsonNode mounts = OciSpecTest.build(OciSpecTest.image(List.of(), "", "", ""), request).get("mounts");

        List<String> destinations = new ArrayList<>();
        mounts.forEach(m -> destinations.add(m.get("destination").asText()));
        assertThat(destinations).containsSubsequence(OciSpec.SANDBOX_MOUNT, "/shared",
                OciSpec.SANDBOX_MOUNT + "/conf/token");
        JsonNode shared = mounts.get(destinations.indexOf("/shared"));
        assertThat(shared.get("type").asText()).isEqualTo("bind");
        assertThat(shared.get("source").asText()).isEqualTo("/var/executor/volumes/shared");
        assertThat(shared.get("options").toString()).isEqualTo("[\"rbind\",\"rw\"]");
        JsonNode token = mounts.get(destinations.indexOf(OciSpec.SANDBOX_MOUNT + "/conf/token"));
        assertThat(token.get("source").asText()).isEqualTo("/var/meta/secrets/secret-0");
        assertThat(token.get("options").toString()).isEqualTo("[\"rbind\",\"ro\"]");
    }

    @Test
    void build_noVolumes_noExtraMounts() {
        JsonNode mounts = OciSpecTest.build(OciSpecTest.image(List.of(), "", "", ""),
                OciSpecTest.request(Map.of(), NetworkMode.HOST)).get("mounts");

        assertThat(mounts.get(mounts.size() - 1).get("destination").asText()).isEqualTo("/etc/resolv.conf");
    }
}
