package io.strata.agent.status;

import static org.assertj.core.api.Assertions.assertThat;

import io.strata.api.mesos.FrameworkId;
import io.strata.api.mesos.TaskId;
import io.strata.api.mesos.TaskState;
import io.strata.api.mesos.TaskStatus;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StatusUpdateManagerTest {
    private static final FrameworkId FRAMEWORK = new FrameworkId("f1");
    private static final TaskId TASK = new TaskId("t1");

    @TempDir
    Path dir;
    private final AtomicLong now = new AtomicLong(1_000_000);
    private final InstantSource clock = () -> Instant.ofEpochMilli(now.get());
    private final List<TaskStatus> sent = new ArrayList<>();

    private StatusUpdateManager manager() {
        return new StatusUpdateManager((f, s) -> sent.add(s), clock, Duration.ofSeconds(2), Duration.ofSeconds(10));
    }

    private static TaskStatus status(TaskState state, String uuid) {
        return TaskStatus.builder(TASK, state).uuid(uuid).build();
    }

    private Path file() {
        return dir.resolve("task.updates");
    }

    @Test
    void update_twoUpdates_sendsOnlyTheHeadUntilAcknowledged() {
        StatusUpdateManager m = manager();
        m.update(FRAMEWORK, status(TaskState.TASK_RUNNING, "u1"), file());
        m.update(FRAMEWORK, status(TaskState.TASK_FINISHED, "u2"), file());

        assertThat(sent).extracting(TaskStatus::uuid).containsExactly("u1");
        m.acknowledge(TASK, "u1");
        assertThat(sent).extracting(TaskStatus::uuid).containsExactly("u1", "u2");
    }

    @Test
    void update_acknowledgedWhileBeingCheckpointed_ackIsAppliedAfterTheUpdateIsDurable() throws Exception {
        // The sink is called before the checkpoint's sync; an acknowledgement racing in from another thread
        // (as the framework's can over a fast loopback) must wait for the update's line to be written.
        List<Thread> ackers = new ArrayList<>();
        StatusUpdateManager[] m = new StatusUpdateManager[1];
        m[0] = new StatusUpdateManager((f, s) -> {
            Thread acker = Thread.ofPlatform().start(() -> m[0].acknowledge(TASK, s.uuid()));
            ackers.add(acker);
            try {
                acker.join(200); // gives the acknowledgement every chance to overtake the checkpoint
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return true;
        }, clock, Duration.ofSeconds(2), Duration.ofSeconds(10));

        m[0].update(FRAMEWORK, status(TaskState.TASK_RUNNING, "u1"), file());
        ackers.get(0).join(30_000);

        List<String> lines = Files.readAllLines(file(), StandardCharsets.UTF_8);
        assertThat(lines).hasSize(2);
        assertThat(lines.get(0)).contains("\"update\"").contains("u1");
        assertThat(lines.get(1)).contains("\"ack\":\"u1\"");
        assertThat(UpdateStream.replay(FRAMEWORK, file()).head()).isNull();
        assertThat(m[0].pendingStreams()).isZero();
    }

    @Test
    void update_checkpointFails_isNotQueued() throws Exception {
        StatusUpdateManager m = manager();
        Path notADirectory = dir.resolve("plain-file");
        Files.writeString(notADirectory, "x");

        org.assertj.core.api.Assertions.assertThatThrownBy(() -> m.update(FRAMEWORK,
                status(TaskState.TASK_RUNNING, "u1"), notADirectory.resolve("task.updates")))
                .isInstanceOf(java.io.UncheckedIOException.class);
        assertThat(m.latest(TASK)).isEmpty();
        assertThat(m.pendingStreams()).isZero();
    }

    @Test
    void acknowledge_wrongUuid_isIgnored() {
        StatusUpdateManager m = manager();
        m.update(FRAMEWORK, status(TaskState.TASK_RUNNING, "u1"), file());
        m.update(FRAMEWORK, status(TaskState.TASK_FINISHED, "u2"), file());

        m.acknowledge(TASK, "u2"); // not the head: out-of-order acknowledgements do not skip updates

        assertThat(sent).extracting(TaskStatus::uuid).containsExactly("u1");
    }

    @Test
    void tick_backoffPassed_resendsHeadWithDoublingBackoffUpToMax() {
        StatusUpdateManager m = manager();
        m.update(FRAMEWORK, status(TaskState.TASK_RUNNING, "u1"), file());
        // sent at t0; next after 2 s, then 4 s, 8 s, then capped at 10 s
        long[] waits = {1_999, 1, 3_999, 1, 7_999, 1, 9_999, 1};
        int[] expectedSends = {1, 2, 2, 3, 3, 4, 4, 5};
        for (int i = 0; i < waits.length; i++) {
            now.addAndGet(waits[i]);
            m.tick();
            assertThat(sent).as("after step %d", i).hasSize(expectedSends[i]);
        }
    }

    @Test
    void recover_checkpointWithOneAcknowledged_replaysOnlyTheUnacknowledged() {
        StatusUpdateManager first = manager();
        first.update(FRAMEWORK, status(TaskState.TASK_RUNNING, "u1"), file());
        first.update(FRAMEWORK, status(TaskState.TASK_FINISHED, "u2"), file());
        first.acknowledge(TASK, "u1");
        sent.clear();

        StatusUpdateManager second = manager();
        UpdateStream stream = second.recover(FRAMEWORK, TASK, file());
        second.flush();

        assertThat(sent).extracting(TaskStatus::uuid).containsExactly("u2");
        assertThat(stream.latest().state()).isEqualTo(TaskState.TASK_FINISHED);
        assertThat(stream.done()).isFalse();
    }

    @Test
    void recover_tornLastLine_keepsTheCompleteLines() throws Exception {
        StatusUpdateManager first = manager();
        first.update(FRAMEWORK, status(TaskState.TASK_RUNNING, "u1"), file());
        Files.write(file(), "{\"update\":{\"task_id\":".getBytes(StandardCharsets.UTF_8), StandardOpenOption.APPEND);
        sent.clear();

        StatusUpdateManager second = manager();
        second.recover(FRAMEWORK, TASK, file());
        second.flush();

        assertThat(sent).extracting(TaskStatus::uuid).containsExactly("u1");
    }

    @Test
    void acknowledge_terminalUpdate_callsDoneOnceAndForgetsTheTask() {
        StatusUpdateManager m = manager();
        List<TaskId> done = new ArrayList<>();
        m.onDone((id, stream) -> done.add(id));
        m.update(FRAMEWORK, status(TaskState.TASK_FINISHED, "u1"), file());

        m.acknowledge(TASK, "u1");
        m.acknowledge(TASK, "u1");

        assertThat(done).containsExactly(TASK);
        assertThat(m.latest(TASK)).isEmpty();
        assertThat(m.pendingStreams()).isZero();
    }
}
