package io.strata.agent;

import static org.assertj.core.api.Assertions.assertThat;

import io.strata.agent.fingerprint.Fingerprint;
import io.strata.agent.fingerprint.PortRange;
import io.strata.core.resources.ResourceParser;
import io.strata.core.resources.Resources;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AgentResourcesTest {
    private static final Fingerprint HOST = new Fingerprint(8, 23552, 97280, List.of(PortRange.DEFAULT), 0);

    @Test
    void withFingerprint_noOverrides_takesEveryMeasuredResource() {
        Resources total = AgentResources.withFingerprint(Resources.EMPTY, HOST);

        assertThat(total).isEqualTo(ResourceParser.parse("cpus:8;mem:23552;disk:97280;ports:[31000-32000]", "*"));
    }

    @Test
    void withFingerprint_overrides_replaceOnlyTheNamedResources() {
        Resources total = AgentResources.withFingerprint(ResourceParser.parse("cpus:2;mem(public):512", "*"), HOST);

        // mem is named (with a role), so the fingerprinted 23552 MB is not added
        assertThat(total).isEqualTo(ResourceParser.parse(
                "cpus:2;mem(public):512;disk:97280;ports:[31000-32000]", "*"));
    }

    @Test
    void withFingerprint_gpusFound_addsThem() {
        Fingerprint gpuHost = new Fingerprint(8, 1024, 1024, List.of(PortRange.DEFAULT), 2);

        assertThat(AgentResources.withFingerprint(Resources.EMPTY, gpuHost).scalar("gpus").asDouble()).isEqualTo(2);
    }

    @Test
    void total_everythingOverridden_isExactlyTheOverride(@TempDir Path dir) {
        String text = "cpus:1;mem:256;disk:100;ports:[31000-31010]";

        assertThat(AgentResources.total(text, dir)).isEqualTo(ResourceParser.parse(text, "*"));
    }
}
