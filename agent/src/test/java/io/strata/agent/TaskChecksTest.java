package io.strata.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.strata.agent.health.CheckSpec;
import io.strata.agent.health.HealthCheckSpec;
import io.strata.api.mesos.CheckInfo;
import io.strata.api.mesos.CommandInfo;
import io.strata.api.mesos.Label;
import io.strata.api.mesos.Labels;
import io.strata.api.mesos.TaskId;
import io.strata.api.mesos.TaskInfo;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class TaskChecksTest {

    private static TaskInfo task(CheckInfo check, Label... labels) {
        return new TaskInfo("t", new TaskId("t"), null, null, null, null, null, null, null,
                labels.length == 0 ? null : new Labels(List.of(labels)), null, check);
    }

    @Test
    void spec_commandCheckWithoutTimes_mesosDefaultsAndThresholdsOfOne() {
        CheckSpec spec = TaskChecks.spec(task(new CheckInfo(CheckInfo.Type.COMMAND, new CheckInfo.Command(
                new CommandInfo(null, null, true, "cat /tmp/ready", null, null)), null, null, null, null, null)))
                .orElseThrow();

        assertThat(spec.probe()).isInstanceOf(HealthCheckSpec.Command.class);
        assertThat(((HealthCheckSpec.Command) spec.probe()).shellCommand()).isEqualTo("cat /tmp/ready");
        assertThat(spec.timing().delaySeconds()).isEqualTo(15);
        assertThat(spec.timing().intervalSeconds()).isEqualTo(10);
        assertThat(spec.timing().timeoutSeconds()).isEqualTo(20);
        assertThat(spec.successThreshold()).isEqualTo(1);
        assertThat(spec.failureThreshold()).isEqualTo(1);
    }

    @Test
    void spec_httpCheckWithThresholdLabels_readsThem() {
        CheckSpec spec = TaskChecks.spec(task(new CheckInfo(CheckInfo.Type.HTTP, null, new CheckInfo.Http(8080, "r"),
                null, 1.0, 2.0, 3.0), new Label(TaskChecks.SUCCESS_THRESHOLD_LABEL, "2"),
                new Label(TaskChecks.FAILURE_THRESHOLD_LABEL, "3"))).orElseThrow();

        assertThat(spec.probe()).isEqualTo(new HealthCheckSpec.Http("http", 8080, "/r", java.util.Set.of(),
                spec.timing()));
        assertThat(spec.successThreshold()).isEqualTo(2);
        assertThat(spec.failureThreshold()).isEqualTo(3);
    }

    @Test
    void spec_noCheck_empty_andMalformed_namesTheField() {
        assertThat(TaskChecks.spec(task(null))).isEmpty();
        assertThatThrownBy(() -> TaskChecks.spec(task(new CheckInfo(CheckInfo.Type.TCP, null, null, null, null, null,
                null)))).hasMessageContaining("check.tcp");
        assertThatThrownBy(() -> TaskChecks.spec(task(new CheckInfo(null, null, null, null, null, null, null))))
                .hasMessageContaining("check.type");
    }

    @Test
    void shell_argvCommand_isQuotedWordByWord() {
        assertThat(TaskChecks.shell(new CommandInfo(null, null, false, "cat", List.of("cat", "/tmp/it's"), null)))
                .isEqualTo("exec 'cat' '/tmp/it'\\''s'");
    }

    @Test
    void runtimeExec_entersTheContainerWithItsShell() {
        assertThat(TaskChecks.runtimeExec(Path.of("/usr/sbin/runc"), Path.of("/w/runc"), "c1", "cat /tmp/ready"))
                .isEqualTo("exec '/usr/sbin/runc' '--root' '/w/runc' 'exec' 'c1' '/bin/sh' '-c' 'cat /tmp/ready'");
    }
}
