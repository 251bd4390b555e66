package io.strata.agent.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SandboxLayoutTest {

    private final SandboxLayout layout = new SandboxLayout(Path.of("/var/lib/strata"));
    private final RunKey key = new RunKey("A-S0", "F-0001", "web.1", "c-1");

    @Test
    void sandbox_runKey_followsMesosLayout() {
        assertThat(layout.sandbox(key)).isEqualTo(
                Path.of("/var/lib/strata/slaves/A-S0/frameworks/F-0001/executors/web.1/runs/c-1"));
        assertThat(layout.latestSandboxLink(key)).isEqualTo(
                Path.of("/var/lib/strata/slaves/A-S0/frameworks/F-0001/executors/web.1/runs/latest"));
    }

    @Test
    void metaPaths_runKey_followMesosCheckpointLayout() {
        String run = "/var/lib/strata/meta/slaves/A-S0/frameworks/F-0001/executors/web.1/runs/c-1";

        assertThat(layout.metaRunDir(key)).isEqualTo(Path.of(run));
        assertThat(layout.forkedPidFile(key)).isEqualTo(Path.of(run + "/pids/forked.pid"));
        assertThat(layout.libprocessPidFile(key)).isEqualTo(Path.of(run + "/pids/libprocess.pid"));
        assertThat(layout.executorSentinelFile(key)).isEqualTo(Path.of(run + "/executor.sentinel"));
        assertThat(layout.taskInfoFile(key, "t1")).isEqualTo(Path.of(run + "/tasks/t1/task.info"));
        assertThat(layout.taskUpdatesFile(key, "t1")).isEqualTo(Path.of(run + "/tasks/t1/task.updates"));
        assertThat(layout.executorInfoFile(key)).isEqualTo(Path.of(
                "/var/lib/strata/meta/slaves/A-S0/frameworks/F-0001/executors/web.1/executor.info"));
        assertThat(layout.frameworkInfoFile("A-S0", "F-0001")).isEqualTo(Path.of(
                "/var/lib/strata/meta/slaves/A-S0/frameworks/F-0001/framework.info"));
        assertThat(layout.frameworkPidFile("A-S0", "F-0001")).isEqualTo(Path.of(
                "/var/lib/strata/meta/slaves/A-S0/frameworks/F-0001/framework.pid"));
        assertThat(layout.agentInfoFile("A-S0")).isEqualTo(Path.of("/var/lib/strata/meta/slaves/A-S0/slave.info"));
        assertThat(layout.latestAgentLink()).isEqualTo(Path.of("/var/lib/strata/meta/slaves/latest"));
        assertThat(layout.bootIdFile()).isEqualTo(Path.of("/var/lib/strata/meta/boot_id"));
        assertThat(layout.resourcesInfoFile()).isEqualTo(Path.of("/var/lib/strata/meta/resources/resources.info"));
    }

    @Test
    void constructor_relativeWorkDir_isMadeAbsolute() {
        assertThat(new SandboxLayout(Path.of("work/../w")).workDir()).isAbsolute().endsWithRaw(Path.of("w"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", ".", "..", "latest", "a/b", "../../etc"})
    void runKey_unsafeId_throws(String id) {
        assertThatThrownBy(() -> new RunKey("A", "F", id, "c")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> layout.metaTaskDir(key, id)).isInstanceOf(IllegalArgumentException.class);
    }
}
