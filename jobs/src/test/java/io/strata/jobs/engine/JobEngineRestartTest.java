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
import java.util.concurrent.atomic.AtomicReference;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.test.TestingServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The engine over a real ZooKeeper with a settable clock and a recording launcher: a restart (a new engine on
 * the same state) never repeats a slot, runs a missed slot within epsilon, and skips and counts the others.
 */
class JobEngineRestartTest {
    private static final Instant T0 = Instant.parse("2030-01-01T12:00:00Z");

    private TestingServer zk;
    private CuratorFramework curator;
    private JobRepository repository;
    private final AtomicReference<Instant> now = new AtomicReference<>(T0);
    private final InstantSource clock = () -> now.get();
    private JobEngine engine;

    private RecordingLauncher launcher;

    @BeforeEach
    void start() throws Exception {
        zk = new TestingServer(true);
        curator = Curators.connect(ZkAddress.parse("zk://" + zk.getConnectString() + "/chronos"),
                Duration.ofSeconds(10));
        repository = new JobRepository(new ZkStateStore(curator, "/chronos"));
    }

    @AfterEach
    void stop() throws Exception {
        if (engine != null) {
            engine.close();
        }
        curator.close();
        zk.close();
    }

    private void startEngine() {
        if (engine != null) {
            engine.close();
        }
        launcher = new RecordingLauncher();
        engine = new JobEngine(repository, launcher, clock, new JobMetrics(new SimpleMeterRegistry()));
        engine.start();
    }

    private static JobSpec everyMinute(String epsilon) {
        String json = """
                {"name":"minutely","command":"true","schedule":"R/2030-01-01T12:00:00Z/PT1M","epsilon":"%s"}"""
                .formatted(epsilon);
        return JobReader.read(json.getBytes(StandardCharsets.UTF_8), JobReader.Kind.SCHEDULED, T0);
    }

    /** Lets the engine's first evaluation happen, then one more, and returns what was launched. */
    private List<RunRecord> settle() {
        engine.evaluate("minutely");
        return List.copyOf(launcher.launched);
    }

    private void finish(RunRecord run, TaskState state) {
        assertThat(engine.markLaunched(run.taskId(), "agent-1")).isTrue();
        engine.onStatus(TaskStatus.builder(new TaskId(run.taskId()), state).agentId(new AgentId("agent-1"))
                .message(state == TaskState.TASK_FINISHED ? "Command exited with status 0"
                        : "Command exited with status 1").build());
    }

    @Test
    void restart_atTheSameTime_doesNotRepeatTheSlot() {
        now.set(T0.plusSeconds(10));
        startEngine();
        engine.put(everyMinute("PT60S"));
        await().until(() -> launcher.launched.size() == 1);
        RunRecord first = launcher.launched.get(0);
        assertThat(first.due()).isEqualTo(T0.toEpochMilli());

        startEngine();
        List<RunRecord> afterRestart = settle();

        // the queued attempt is handed on again with the same task id; no second run for the slot
        assertThat(afterRestart).extracting(RunRecord::taskId).containsExactly(first.taskId());
    }

    @Test
    void restart_afterThreeMinutesDown_runsTheSlotWithinEpsilonAndCountsTheSkipped() {
        now.set(T0.plusSeconds(10));
        startEngine();
        engine.put(everyMinute("PT60S"));
        await().until(() -> launcher.launched.size() == 1);
        finish(launcher.launched.get(0), TaskState.TASK_FINISHED);

        now.set(T0.plusSeconds(3 * 60 + 30)); // 12:03:30: 12:01 and 12:02 missed, 12:03 is 30 s late
        startEngine();
        List<RunRecord> afterRestart = settle();

        assertThat(afterRestart).extracting(RunRecord::due).containsExactly(T0.plusSeconds(180).toEpochMilli());
        var state = engine.job("minutely").orElseThrow().state();
        assertThat(state.skippedCount()).isEqualTo(2);
        assertThat(state.successCount()).isEqualTo(1);
        assertThat(state.recent()).extracting(RunRecord::exitStatus).containsExactly(0);
    }

    @Test
    void restart_beyondEpsilon_skipsTheLatestSlotToo() {
        now.set(T0.plusSeconds(1));
        startEngine();
        engine.put(everyMinute("PT5S"));
        await().until(() -> launcher.launched.size() == 1);
        finish(launcher.launched.get(0), TaskState.TASK_FINISHED);

        now.set(T0.plusSeconds(5 * 60 + 10)); // 12:05:10: 12:05 is 10 s late, beyond epsilon 5 s
        startEngine();
        List<RunRecord> afterRestart = settle();

        assertThat(afterRestart).isEmpty();
        assertThat(engine.job("minutely").orElseThrow().state().skippedCount()).isEqualTo(5); // 12:01 .. 12:05
    }

    @Test
    void onStatus_failureWithRetriesLeft_queuesTheNextAttemptForTheSameSlot() {
        now.set(T0.plusSeconds(1));
        startEngine();
        engine.put(everyMinute("PT60S")); // retries default to 2
        await().until(() -> launcher.launched.size() == 1);

        finish(launcher.launched.get(0), TaskState.TASK_FAILED);
        finish(launcher.launched.get(1), TaskState.TASK_FAILED);
        finish(launcher.launched.get(2), TaskState.TASK_FAILED);

        assertThat(launcher.launched).extracting(RunRecord::attempt).containsExactly(0, 1, 2);
        assertThat(launcher.launched).extracting(RunRecord::due).containsOnly(T0.toEpochMilli());
        var state = engine.job("minutely").orElseThrow().state();
        assertThat(state.errorCount()).isEqualTo(1);
        assertThat(state.errorsSinceLastSuccess()).isEqualTo(1);
        assertThat(state.recent()).extracting(RunRecord::exitStatus).containsExactly(1, 1, 1);
    }
}
