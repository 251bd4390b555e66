package io.strata.kubernetes.pods;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.strata.api.mesos.HealthCheck;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class ProbesTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private static JsonNode container(String probes) throws Exception {
        return JSON.readTree("{\"name\":\"c\",\"ports\":[{\"name\":\"http\",\"containerPort\":8080}]," + probes + "}");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        // probes | type | consecutive failures | grace | gates readiness
        "'\"livenessProbe\":{\"tcpSocket\":{\"port\":80}}' | TCP | 3 | 0 | false",
        "'\"readinessProbe\":{\"httpGet\":{\"port\":\"http\",\"path\":\"/r\"}}' | HTTP | 0 | 0 | true",
        "'\"livenessProbe\":{\"exec\":{\"command\":[\"true\"]},\"failureThreshold\":5},"
                + "\"readinessProbe\":{\"tcpSocket\":{\"port\":1}}' | COMMAND | 5 | 0 | true",
        // startup: 4 + 6 x 2 s before failures count
        "'\"livenessProbe\":{\"tcpSocket\":{\"port\":80}},\"startupProbe\":{\"tcpSocket\":{\"port\":80},"
                + "\"initialDelaySeconds\":4,\"periodSeconds\":2,\"failureThreshold\":6}' | TCP | 3 | 16 | true",
        "'\"startupProbe\":{\"exec\":{\"command\":[\"true\"]},\"failureThreshold\":2}' | COMMAND | 2 | 20 | true",
    })
    void healthCheck_probes_mapToOneMesosCheck(String probes, HealthCheck.Type type, int failures, double grace,
            boolean gates) throws Exception {
        JsonNode c = container(probes);
        HealthCheck check = Probes.healthCheck(c).orElseThrow();
        assertThat(check.type()).isEqualTo(type);
        assertThat(check.consecutiveFailures()).isEqualTo(failures);
        assertThat(check.gracePeriodSeconds()).isEqualTo(grace);
        assertThat(Probes.gatesReadiness(c)).isEqualTo(gates);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "'\"readinessProbe\":{\"tcpSocket\":{\"port\":80},\"successThreshold\":3}' | 3",
        "'\"readinessProbe\":{\"tcpSocket\":{\"port\":80}}' | 1",
        // with a liveness probe the task's check is the liveness probe, whose successThreshold is 1
        "'\"livenessProbe\":{\"tcpSocket\":{\"port\":80}},\"readinessProbe\":{\"tcpSocket\":{\"port\":80},"
                + "\"successThreshold\":3}' | 1",
    })
    void successThreshold_readinessCheck_isTheProbesThreshold(String probes, int expected) throws Exception {
        assertThat(Probes.successThreshold(container(probes))).isEqualTo(expected);
    }

    @Test
    void healthCheck_httpGetByName_resolvesContainerPortAndDefaults() throws Exception {
        HealthCheck check = Probes.healthCheck(container(
                "\"readinessProbe\":{\"httpGet\":{\"port\":\"http\",\"scheme\":\"HTTPS\"},\"initialDelaySeconds\":3}"))
                .orElseThrow();
        assertThat(check.http().port()).isEqualTo(8080);
        assertThat(check.http().scheme()).isEqualTo("https");
        assertThat(check.http().path()).isEqualTo("/");
        assertThat(check.delaySeconds()).isEqualTo(3);
        assertThat(check.intervalSeconds()).isEqualTo(10); // upstream's periodSeconds default
        assertThat(check.timeoutSeconds()).isEqualTo(1);
    }

    @Test
    void healthCheck_execProbe_isQuotedShellCommand() throws Exception {
        HealthCheck check = Probes.healthCheck(container(
                "\"livenessProbe\":{\"exec\":{\"command\":[\"cat\",\"/tmp/it's\"]}}")).orElseThrow();
        assertThat(check.command().value()).isEqualTo("exec 'cat' '/tmp/it'\\''s'");
    }

    @Test
    void healthCheck_noOrGrpcProbe_none() throws Exception {
        assertThat(Probes.healthCheck(container("\"image\":\"x\""))).isEmpty();
        assertThat(Probes.healthCheck(container("\"livenessProbe\":{\"grpc\":{\"port\":1}}"))).isEmpty();
    }

    @Test
    void healthCheck_unknownPortName_isConfigError() {
        assertThatThrownBy(() -> Probes.healthCheck(container(
                "\"livenessProbe\":{\"tcpSocket\":{\"port\":\"metrics\"}}")))
                .isInstanceOf(PodTasks.ConfigError.class).hasMessageContaining("\"metrics\"");
    }

    @Test
    void probeFailure_unhealthyUpdateOfProbedContainer_onceWithTheProbeKind() throws Exception {
        JsonNode pod = JSON.readTree("""
                {"metadata":{"name":"p","namespace":"default"},"spec":{"nodeName":"n","containers":[
                  {"name":"c","readinessProbe":{"tcpSocket":{"port":80}}},{"name":"plain"}]}}""");
        PodRun run = new PodRun(pod, "10.0.0.1");
        int attempt = run.launching("agent", java.time.Instant.EPOCH);
        io.strata.api.mesos.TaskStatus failed = io.strata.api.mesos.TaskStatus.builder(new io.strata.api.mesos.TaskId(
                TaskNames.of("default", "p", attempt, "c").taskId()), io.strata.api.mesos.TaskState.TASK_RUNNING)
                .healthy(false).message("connection refused").build();
        assertThat(run.probeFailure(failed)).contains("Readiness probe failed: connection refused");
        run.apply(failed, java.time.Instant.EPOCH);
        assertThat(run.probeFailure(failed)).isEmpty(); // reported once per change
        io.strata.api.mesos.TaskStatus plain = io.strata.api.mesos.TaskStatus.builder(new io.strata.api.mesos.TaskId(
                TaskNames.of("default", "p", attempt, "plain").taskId()), io.strata.api.mesos.TaskState.TASK_RUNNING)
                .healthy(false).build();
        assertThat(run.probeFailure(plain)).isEmpty();
    }
}
