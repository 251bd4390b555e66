package io.strata.jobs.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.strata.api.mesos.AgentId;
import io.strata.api.mesos.TaskId;
import io.strata.api.mesos.TaskState;
import io.strata.api.mesos.TaskStatus;
import io.strata.jobs.model.JobReader;
import io.strata.jobs.model.JobSpec;
import io.strata.jobs.model.RunRecord;
import io.strata.jobs.store.JobRepository;
import io.strata.store.Curators;
import io.strata.store.ZkAddress;
import io.strata.store.ZkStateStore;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.test.TestingServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Chronos' async jobs over a real ZooKeeper: a finished task does not end the run, the completion report
 * ({@code PUT /task/{id}}) does; a failure report retries; a Mesos failure still ends it at once; a restart keeps
 * the run waiting for its report.
 */
class AsyncJobTest {
    private static final Instant T0 = Instant.parse("2030-01-01T12:00:00Z");

    private TestingServer zk;
    private CuratorFramework curator;
    private JobRepository repository;
    private final InstantSource clock = () -> T0.plusSeconds(1);
    /** What the current engine launched (a new record per engine start). */
    private List<RunRecord> launched = List.of();
    private JobEngine engine;

    @BeforeEach
    void start() throws Exception {
        zk = new TestingServer(true);
        curator = Curators.connect(ZkAddress.parse("zk://" + zk.getConnectString() + "/chronos"),
                Duration.ofSeconds(10));
        repository = new JobRepository(new ZkStateStore(curator, "/chronos"));
        startEngine();
    }

    @AfterEach
    void stop() throws Exception {
        engine.close();
        curator.close();
        zk.close();
    }

    private void startEngine() {
        if (engine != null) {
            engine.close();
        }
        RecordingLauncher launcher = new RecordingLauncher();
        launched = launcher.launched;
        engine = new JobEngine(repository, launcher, clock, new JobMetrics(new SimpleMeterRegistry()));
        engine.start();
    }

    private static JobSpec job(String name, boolean async, String parents) {
        String json = parents == null
                ? "{\"name\":\"%s\",\"command\":\"true\",\"schedule\":\"R1/2030-01-01T12:00:00Z/PT1H\",\"async\":%s,\"retries\":1}"
                        .formatted(name, async)
                : "{\"name\":\"%s\",\"command\":\"true\",\"parents\":[\"%s\"]}".formatted(name, parents);
        return JobReader.read(json.getBytes(StandardCharsets.UTF_8),
                parents == null ? JobReader.Kind.SCHEDULED : JobReader.Kind.DEPENDENT, T0);
    }

    private RunRecord firstLaunch() {
        await().until(() -> !launched.isEmpty());
        RunRecord run = launched.get(0);
        assertThat(engine.markLaunched(run.taskId(), "agent-1")).isTrue();
        return run;
    }

    private void status(RunRecord run, TaskState state) {
        engine.onStatus(TaskStatus.builder(new TaskId(run.taskId()), state).agentId(new AgentId("agent-1")).build());
    }

    private JobEngine.View view(String name) {
        return engine.job(name).orElseThrow();
    }

    @Test
    void onStatus_asyncTaskFinished_runAwaitsItsReportUncounted() {
        engine.put(job("nightly", true, null));
        RunRecord run = firstLaunch();

        status(run, TaskState.TASK_FINISHED);

        var state = view("nightly").state();
        assertThat(state.successCount()).isZero();
        assertThat(state.active()).extracting(RunRecord::phase).containsExactly(RunRecord.Phase.AWAITING_REPORT);
        assertThat(state.busy()).isFalse();
        assertThat(engine.launchedAttempts()).isEmpty();
    }

    @ParameterizedTest(name = "report {0}: success {1}, error {2}, retried {3}")
    @CsvSource({"0, 1, 0, false", "3, 0, 0, true"})
    void report_afterAsyncTaskFinished_endsTheRun(int code, long successes, long errors, boolean retried) {
        engine.put(job("nightly", true, null));
        RunRecord run = firstLaunch();
        status(run, TaskState.TASK_FINISHED);

        assertThat(engine.report(run.taskId(), code)).isTrue();

        var state = view("nightly").state();
        assertThat(state.successCount()).isEqualTo(successes);
        assertThat(state.errorCount()).isEqualTo(errors);
        assertThat(state.recent().get(0).exitStatus()).isEqualTo(code);
        assertThat(launched.size() > 1).isEqualTo(retried);
        assertThat(engine.report(run.taskId(), 0)).as("a second report of the same task").isFalse();
    }

    @Test
    void report_success_triggersDependents() {
        engine.put(job("extract", true, null));
        engine.put(job("load", false, "extract"));
        RunRecord run = firstLaunch();
        status(run, TaskState.TASK_FINISHED);
        assertThat(launched).hasSize(1);

        engine.report(run.taskId(), 0);

        assertThat(launched).extracting(RunRecord::taskId).anyMatch(id -> id.contains(":load:"));
    }

    @Test
    void onStatus_asyncTaskFailed_endsAtOnceAsAFailure() {
        engine.put(job("nightly", true, null));
        RunRecord run = firstLaunch();

        status(run, TaskState.TASK_FAILED);

        assertThat(view("nightly").state().active()).extracting(RunRecord::phase).containsExactly(RunRecord.Phase.QUEUED);
        assertThat(launched).hasSize(2); // the retry
    }

    @Test
    void onStatus_syncTaskFinished_succeedsWithoutReport() {
        engine.put(job("plain", false, null));
        RunRecord run = firstLaunch();

        status(run, TaskState.TASK_FINISHED);

        assertThat(view("plain").state().successCount()).isEqualTo(1);
    }

    @Test
    void report_unknownTask_isFalse() {
        assertThat(engine.report("ct:1:0:nothing:", 0)).isFalse();
    }

    @Test
    void restart_awaitingReport_isKeptAndCanStillBeReported() {
        engine.put(job("nightly", true, null));
        RunRecord run = firstLaunch();
        status(run, TaskState.TASK_FINISHED);

        startEngine();

        assertThat(view("nightly").state().active()).extracting(RunRecord::phase)
                .containsExactly(RunRecord.Phase.AWAITING_REPORT);
        assertThat(engine.report(run.taskId(), 0)).isTrue();
        assertThat(view("nightly").state().successCount()).isEqualTo(1);
    }

    @Test
    void kill_awaitingReport_endsTheRunUncounted() {
        engine.put(job("nightly", true, null));
        RunRecord run = firstLaunch();
        status(run, TaskState.TASK_FINISHED);

        engine.kill("nightly");

        var state = view("nightly").state();
        assertThat(state.active()).isEmpty();
        assertThat(state.errorCount()).isZero();
        assertThat(state.recent().get(0).phase()).isEqualTo(RunRecord.Phase.KILLED);
    }
}
