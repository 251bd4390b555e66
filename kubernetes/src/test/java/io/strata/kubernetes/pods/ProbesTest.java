package io.strata.kubernetes.pods;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.strata.api.mesos.CheckInfo;
import io.strata.api.mesos.CheckStatusInfo;
import io.strata.api.mesos.HealthCheck;
import io.strata.api.mesos.Label;
import io.strata.api.mesos.TaskId;
import io.strata.api.mesos.TaskState;
import io.strata.api.mesos.TaskStatus;
import java.time.Instant;
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
        // probes | health check type (NONE: none) | consecutive failures | grace | check type (NONE: none)
        "'\"livenessProbe\":{\"tcpSocket\":{\"port\":80}}' | TCP | 3 | 0 | NONE",
        "'\"readinessProbe\":{\"httpGet\":{\"port\":\"http\",\"path\":\"/r\"}}' | NONE | 0 | 0 | HTTP",
        // liveness and readiness: two checks, readiness independent of liveness
        "'\"livenessProbe\":{\"exec\":{\"command\":[\"true\"]},\"failureThreshold\":5},"
                + "\"readinessProbe\":{\"tcpSocket\":{\"port\":1}}' | COMMAND | 5 | 0 | TCP",
        // startup: 4 + 6 x 2 s before failures count
        "'\"livenessProbe\":{\"tcpSocket\":{\"port\":80}},\"startupProbe\":{\"tcpSocket\":{\"port\":80},"
                + "\"initialDelaySeconds\":4,\"periodSeconds\":2,\"failureThreshold\":6}' | TCP | 3 | 16 | NONE",
        "'\"startupProbe\":{\"exec\":{\"command\":[\"true\"]},\"failureThreshold\":2}' | COMMAND | 2 | 20 | NONE",
    })
    void probes_mapToHealthCheckAndReadinessCheck(String probes, String type, int failures, double grace,
            String checkType) throws Exception {
        JsonNode c = container(probes);
        if (type.equals("NONE")) {
            assertThat(Probes.healthCheck(c)).isEmpty();
        } else {
            HealthCheck check = Probes.healthCheck(c).orElseThrow();
            assertThat(check.type()).isEqualTo(HealthCheck.Type.valueOf(type));
            assertThat(check.consecutiveFailures()).isEqualTo(failures);
            assertThat(check.gracePeriodSeconds()).isEqualTo(grace);
        }
        assertThat(Probes.readinessCheck(c).map(r -> r.type().name()).orElse("NONE")).isEqualTo(checkType);
        assertThat(Probes.readinessChecked(c)).isEqualTo(!checkType.equals("NONE"));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "'\"readinessProbe\":{\"tcpSocket\":{\"port\":80},\"successThreshold\":3}' | 3 | 3",
        "'\"readinessProbe\":{\"tcpSocket\":{\"port\":80},\"failureThreshold\":1}' | 1 | 1",
        "'\"livenessProbe\":{\"tcpSocket\":{\"port\":80}},\"readinessProbe\":{\"tcpSocket\":{\"port\":80},"
                + "\"successThreshold\":2,\"failureThreshold\":4}' | 2 | 4",
    })
    void checkLabels_readinessThresholds_goToTheAgent(String probes, String successes, String failures)
            throws Exception {
        assertThat(Probes.checkLabels(container(probes))).containsExactly(
                new Label(Probes.CHECK_SUCCESS_LABEL, successes), new Label(Probes.CHECK_FAILURE_LABEL, failures));
    }

    @Test
    void checkLabels_noReadinessProbe_none() throws Exception {
        assertThat(Probes.checkLabels(container("\"livenessProbe\":{\"tcpSocket\":{\"port\":80}}"))).isEmpty();
    }

    @Test
    void readinessCheck_execAndHttp_mesosCheckFieldsAndUpstreamDefaults() throws Exception {
        CheckInfo exec = Probes.readinessCheck(container(
                "\"readinessProbe\":{\"exec\":{\"command\":[\"cat\",\"/tmp/ready\"]},\"periodSeconds\":2}"))
                .orElseThrow();
        assertThat(exec.command().command().value()).isEqualTo("exec 'cat' '/tmp/ready'");
        assertThat(exec.command().command().isShell()).isTrue();
        assertThat(exec.intervalSeconds()).isEqualTo(2);
        assertThat(exec.timeoutSeconds()).isEqualTo(1);
        assertThat(exec.delaySeconds()).isEqualTo(0);
        CheckInfo http = Probes.readinessCheck(container(
                "\"readinessProbe\":{\"httpGet\":{\"port\":\"http\",\"path\":\"/r\"}}")).orElseThrow();
        assertThat(http.http()).isEqualTo(new CheckInfo.Http(8080, "/r"));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "COMMAND | 0 | true", "COMMAND | 1 | false", "COMMAND | | ",
        "HTTP | 200 | true", "HTTP | 399 | true", "HTTP | 503 | false", "HTTP | | ",
        "TCP | 1 | true", "TCP | 0 | false", "TCP | | ",
    })
    void passing_checkResults_asUpstreamProbeResults(String type, Integer value, Boolean expected) {
        CheckStatusInfo status = switch (type) {
            case "COMMAND" -> new CheckStatusInfo(CheckInfo.Type.COMMAND, new CheckStatusInfo.Command(value), null, null);
            case "HTTP" -> new CheckStatusInfo(CheckInfo.Type.HTTP, null, new CheckStatusInfo.Http(value), null);
            default -> new CheckStatusInfo(CheckInfo.Type.TCP, null, null,
                    new CheckStatusInfo.Tcp(value == null ? null : value == 1));
        };
        assertThat(Probes.passing(status)).isEqualTo(expected);
    }

    @Test
    void healthCheck_httpGetByName_resolvesContainerPortAndDefaults() throws Exception {
        HealthCheck check = Probes.healthCheck(container(
                "\"livenessProbe\":{\"httpGet\":{\"port\":\"http\",\"scheme\":\"HTTPS\"},\"initialDelaySeconds\":3}"))
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
    void probeFailure_unhealthyUpdateOfLivenessProbedContainer_onceWithTheProbeKind() throws Exception {
        JsonNode pod = JSON.readTree("""
                {"metadata":{"name":"p","namespace":"default"},"spec":{"nodeName":"n","containers":[
                  {"name":"c","livenessProbe":{"tcpSocket":{"port":80}}},{"name":"plain"}]}}""");
        PodRun run = new PodRun(pod, "10.0.0.1");
        int attempt = run.launching("agent", Instant.EPOCH);
        TaskStatus failed = running(attempt, "c").healthy(false).message("connection refused").build();
        assertThat(run.probeFailure(failed)).contains("Liveness probe failed: connection refused");
        run.apply(failed, Instant.EPOCH);
        assertThat(run.probeFailure(failed)).isEmpty(); // reported once per change
        assertThat(run.probeFailure(running(attempt, "plain").healthy(false).build())).isEmpty();
    }

    @Test
    void readiness_checkResults_driveReadyIndependentlyOfLiveness() throws Exception {
        JsonNode pod = JSON.readTree("""
                {"metadata":{"name":"p","namespace":"default"},"spec":{"nodeName":"n","containers":[
                  {"name":"c","livenessProbe":{"tcpSocket":{"port":80}},
                   "readinessProbe":{"exec":{"command":["cat","/tmp/ready"]}}}]}}""");
        PodRun run = new PodRun(pod, "10.0.0.1");
        int attempt = run.launching("agent", Instant.EPOCH);
        run.apply(running(attempt, "c").build(), Instant.EPOCH);
        run.apply(running(attempt, "c").healthy(true).reason(TaskStatus.Reason.REASON_TASK_HEALTH_CHECK_STATUS_UPDATED)
                .build(), Instant.EPOCH);
        assertThat(ready(run, pod)).isFalse(); // live, no readiness result yet

        TaskStatus notReady = check(attempt, 1).healthy(true).build();
        assertThat(run.probeFailure(notReady)).contains("Readiness probe failed: command exited 1");
        run.apply(notReady, Instant.EPOCH);
        assertThat(ready(run, pod)).isFalse();
        assertThat(run.probeFailure(notReady)).isEmpty();

        run.apply(check(attempt, 0).healthy(true).build(), Instant.EPOCH);
        assertThat(ready(run, pod)).isTrue();
        // a later health update without a check result keeps readiness
        run.apply(running(attempt, "c").healthy(true).build(), Instant.EPOCH);
        assertThat(ready(run, pod)).isTrue();

        run.apply(check(attempt, 1).healthy(true).build(), Instant.EPOCH);
        assertThat(ready(run, pod)).isFalse();
        assertThat(run.status(pod, Instant.EPOCH).path("containerStatuses").get(0).path("restartCount").asInt())
                .isZero();
    }

    private static boolean ready(PodRun run, JsonNode pod) {
        return run.status(pod, Instant.EPOCH).path("containerStatuses").get(0).path("ready").asBoolean();
    }

    @Test
    void probeFailure_failingReadinessResults_oneEventPerReportedResultIncludingOneRidingOnTaskRunning()
            throws Exception {
        JsonNode pod = JSON.readTree("""
                {"metadata":{"name":"p","namespace":"default"},"spec":{"nodeName":"n","containers":[
                  {"name":"c","readinessProbe":{"exec":{"command":["cat","/tmp/ready"]}}}]}}""");
        PodRun run = new PodRun(pod, "10.0.0.1");
        int attempt = run.launching("agent", Instant.EPOCH);
        // the check ran before the task's TASK_RUNNING left the agent: the result rides on it, without the reason
        TaskStatus first = check(attempt, 1).reason(null).build();
        assertThat(run.probeFailure(first)).contains("Readiness probe failed: command exited 1");
        run.apply(first, Instant.EPOCH);
        assertThat(run.probeFailure(first)).isEmpty(); // a redelivery
        assertThat(run.probeFailure(running(attempt, "c").healthy(true).checkStatus(first.checkStatus()).build()))
                .isEmpty(); // a later update repeating the last result

        // a check that got no result (a command that timed out) is a failure too
        TaskStatus timedOut = running(attempt, "c").reason(TaskStatus.Reason.REASON_TASK_CHECK_STATUS_UPDATED)
                .checkStatus(new CheckStatusInfo(CheckInfo.Type.COMMAND, new CheckStatusInfo.Command(null), null, null))
                .build();
        assertThat(run.probeFailure(timedOut)).contains("Readiness probe failed: command timed out");
        run.apply(timedOut, Instant.EPOCH);

        TaskStatus other = check(attempt, 2).build();
        assertThat(run.probeFailure(other)).contains("Readiness probe failed: command exited 2");
        run.apply(other, Instant.EPOCH);
        assertThat(ready(run, pod)).isFalse();
    }

    private static TaskStatus.Builder running(int attempt, String container) {
        return TaskStatus.builder(new TaskId(TaskNames.of("default", "p", attempt, container).taskId()),
                TaskState.TASK_RUNNING);
    }

    private static TaskStatus.Builder check(int attempt, int exitCode) {
        return running(attempt, "c").reason(TaskStatus.Reason.REASON_TASK_CHECK_STATUS_UPDATED).checkStatus(
                new CheckStatusInfo(CheckInfo.Type.COMMAND, new CheckStatusInfo.Command(exitCode), null, null));
    }
}
