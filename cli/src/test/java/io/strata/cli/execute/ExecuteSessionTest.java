package io.strata.cli.execute;

import static io.strata.cli.execute.OfferMatcherTest.offer;
import static io.strata.cli.execute.OfferMatcherTest.scalar;
import static org.assertj.core.api.Assertions.assertThat;

import io.strata.api.mesos.AgentId;
import io.strata.api.mesos.FrameworkId;
import io.strata.api.mesos.Offer;
import io.strata.api.mesos.OfferId;
import io.strata.api.mesos.TaskId;
import io.strata.api.mesos.TaskInfo;
import io.strata.api.mesos.TaskState;
import io.strata.api.mesos.TaskStatus;
import io.strata.api.scheduler.Call;
import io.strata.api.scheduler.Event;
import io.strata.client.StrataClientException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ExecuteSessionTest {
    private static final FrameworkId FRAMEWORK = new FrameworkId("fw-1");
    private static final TaskSpec SPEC = new TaskSpec("hello", "hello-1", "echo hi", Map.of("A", "1"),
            ResourceText.parse("cpus:0.1;mem:32"), "*", null, null);

    /** Records what the session tells its listener. */
    static final class Recorder implements ExecuteSession.Listener {
        final List<String> events = new ArrayList<>();

        @Override
        public void subscribed(FrameworkId frameworkId) {
            events.add("subscribed " + frameworkId.value());
        }

        @Override
        public void waiting(Offer offer, String reason) {
            events.add("waiting " + offer.hostname() + " " + reason);
        }

        @Override
        public void launched(TaskInfo task, Offer offer) {
            events.add("launched " + task.taskId().value() + " on " + offer.hostname());
        }

        @Override
        public void statusChanged(TaskStatus status) {
            events.add(status.state() + (status.healthy() == null ? "" : " healthy=" + status.healthy()));
        }
    }

    private final List<Call> calls = new ArrayList<>();
    private final Recorder recorder = new Recorder();
    private ExecuteSession session;

    @BeforeEach
    void subscribe() {
        session = new ExecuteSession(SPEC, calls::add, recorder);
        session.onEvent(Event.subscribed(new Event.Subscribed(FRAMEWORK, 15.0, null)));
    }

    private static Offer small() {
        return offer("o-small", "a1", scalar("cpus", 1, "*"), scalar("mem", 16, "*"));
    }

    private static Offer big() {
        return offer("o-big", "a2", scalar("cpus", 4, "*"), scalar("mem", 4096, "*"));
    }

    private static TaskStatus status(TaskState state, String uuid) {
        return TaskStatus.builder(new TaskId("hello-1"), state).agentId(new AgentId("agent-a2")).uuid(uuid).build();
    }

    @Test
    void offers_fittingOne_launchedOthersDeclinedShortly() {
        session.onEvent(Event.offers(List.of(small(), big())));

        assertThat(calls).hasSize(2);
        Call accept = calls.get(0);
        assertThat(accept.type()).isEqualTo(Call.Type.ACCEPT);
        assertThat(accept.frameworkId()).isEqualTo(FRAMEWORK);
        assertThat(accept.accept().offerIds()).containsExactly(new OfferId("o-big"));
        TaskInfo task = accept.accept().operations().getFirst().launch().taskInfos().getFirst();
        assertThat(task.taskId().value()).isEqualTo("hello-1");
        assertThat(task.agentId()).isEqualTo(new AgentId("agent-a2"));
        assertThat(task.resources()).containsExactly(scalar("cpus", 0.1, "*"), scalar("mem", 32, "*"));
        assertThat(task.command().value()).isEqualTo("echo hi");
        assertThat(task.command().environment().variables()).extracting(v -> v.name() + "=" + v.value())
                .containsExactly("A=1");
        Call decline = calls.get(1);
        assertThat(decline.type()).isEqualTo(Call.Type.DECLINE);
        assertThat(decline.decline().offerIds()).containsExactly(new OfferId("o-small"));
        // the task is launched by the end of the batch: nothing more is needed from that agent for a while
        assertThat(decline.decline().filters().refuseSeconds()).isEqualTo(ExecuteSession.LAUNCHED_REFUSE_SECONDS);
        assertThat(recorder.events).containsExactly("subscribed fw-1",
                "waiting a1 mem: offered 16, needs 32", "launched hello-1 on a2", "TASK_STAGING");
    }

    @Test
    void offers_afterLaunch_declinedForLong() {
        session.onEvent(Event.offers(List.of(big())));
        calls.clear();

        session.onEvent(Event.offers(List.of(big(), small())));

        assertThat(calls).singleElement().satisfies(c -> {
            assertThat(c.type()).isEqualTo(Call.Type.DECLINE);
            assertThat(c.decline().offerIds()).hasSize(2);
            assertThat(c.decline().filters().refuseSeconds()).isEqualTo(ExecuteSession.LAUNCHED_REFUSE_SECONDS);
        });
    }

    @Test
    void offers_sameAgentShortTwice_declinedShortlyWaitingToldOnce() {
        session.onEvent(Event.offers(List.of(small())));
        session.onEvent(Event.offers(List.of(small())));

        assertThat(calls).hasSize(2).allSatisfy(c -> assertThat(c.decline().filters().refuseSeconds())
                .isEqualTo(ExecuteSession.WAITING_REFUSE_SECONDS));
        assertThat(recorder.events).filteredOn(e -> e.startsWith("waiting")).hasSize(1);
        assertThat(session.outcome()).isNotDone();
    }

    @Test
    void updates_acknowledgedWhenCarryingUuid_duplicatesReportedOnce() {
        session.onEvent(Event.offers(List.of(big())));
        calls.clear();

        session.onEvent(Event.update(status(TaskState.TASK_RUNNING, "dXVpZC0x")));
        session.onEvent(Event.update(status(TaskState.TASK_RUNNING, "dXVpZC0x"))); // a resend: ack again
        session.onEvent(Event.update(status(TaskState.TASK_RUNNING, null))); // reconciliation: no ack

        assertThat(calls).hasSize(2).allSatisfy(c -> {
            assertThat(c.type()).isEqualTo(Call.Type.ACKNOWLEDGE);
            assertThat(c.acknowledge()).isEqualTo(new Call.Acknowledge(new AgentId("agent-a2"),
                    new TaskId("hello-1"), "dXVpZC0x"));
        });
        assertThat(recorder.events).filteredOn(e -> e.startsWith("TASK_RUNNING")).hasSize(1);
    }

    @Test
    void update_healthChange_reportedAgain() {
        session.onEvent(Event.offers(List.of(big())));
        session.onEvent(Event.update(status(TaskState.TASK_RUNNING, null)));

        session.onEvent(Event.update(status(TaskState.TASK_RUNNING, null).toBuilder().healthy(true).build()));

        assertThat(recorder.events).endsWith("TASK_RUNNING", "TASK_RUNNING healthy=true");
    }

    @Test
    void update_finished_outcomeExitZero() {
        session.onEvent(Event.offers(List.of(big())));

        session.onEvent(Event.update(status(TaskState.TASK_FINISHED, "dQ==")));

        assertThat(session.outcome()).isCompletedWithValueMatching(o -> o.exitCode() == 0);
        assertThat(calls.getLast().type()).isEqualTo(Call.Type.ACKNOWLEDGE);
        assertThat(session.running()).isFalse();
    }

    @Test
    void update_failed_outcomeDescribesStateReasonMessage() {
        session.onEvent(Event.offers(List.of(big())));

        session.onEvent(Event.update(status(TaskState.TASK_FAILED, "dQ==").toBuilder()
                .reason(TaskStatus.Reason.REASON_CONTAINER_LIMITATION_MEMORY)
                .message("Memory limit exceeded: Requested: 32MB Used: 33MB").build()));

        ExecuteOutcome outcome = session.outcome().join();
        assertThat(outcome.exitCode()).isEqualTo(1);
        assertThat(((ExecuteOutcome.Ended) outcome).describe()).isEqualTo(
                "TASK_FAILED: REASON_CONTAINER_LIMITATION_MEMORY: Memory limit exceeded: Requested: 32MB Used: 33MB");
    }

    @Test
    void update_otherTask_acknowledgedButIgnored() {
        session.onEvent(Event.offers(List.of(big())));
        TaskStatus other = TaskStatus.builder(new TaskId("other"), TaskState.TASK_FINISHED)
                .agentId(new AgentId("agent-a2")).uuid("dQ==").build();

        session.onEvent(Event.update(other));

        assertThat(calls.getLast().type()).isEqualTo(Call.Type.ACKNOWLEDGE);
        assertThat(session.outcome()).isNotDone();
    }

    @Test
    void kill_afterLaunch_sendsKillWithAgent() {
        assertThat(session.kill()).isFalse();
        session.onEvent(Event.offers(List.of(big())));

        assertThat(session.kill()).isTrue();

        assertThat(calls.getLast().type()).isEqualTo(Call.Type.KILL);
        assertThat(calls.getLast().kill().agentId()).isEqualTo(new AgentId("agent-a2"));
        assertThat(calls.getLast().kill().taskId()).isEqualTo(new TaskId("hello-1"));
    }

    @Test
    void errorEvent_aborts() {
        session.onEvent(Event.error("Framework has been removed"));

        assertThat(session.outcome().join()).isEqualTo(
                new ExecuteOutcome.Aborted("the master reported an error: Framework has been removed", 1));
    }

    @Test
    void streamEnded_abortsWithCauseExitCode() {
        var cause = StrataClientException.unreachable(java.net.URI.create("http://m:5050"), null);

        session.onStreamEnded(cause);

        assertThat(session.outcome().join()).isEqualTo(new ExecuteOutcome.Aborted(
                "lost the connection to the master: cannot reach master at http://m:5050", 3));
    }

    @Test
    void refusedCall_aborts() {
        ExecuteSession refusing = new ExecuteSession(SPEC, call -> {
            throw StrataClientException.http(java.net.URI.create("http://m:5050/api/v1/scheduler"), 400,
                    "Invalid offers");
        }, recorder);
        refusing.onEvent(Event.subscribed(new Event.Subscribed(FRAMEWORK, 15.0, null)));

        refusing.onEvent(Event.offers(List.of(big())));

        assertThat(refusing.outcome().join()).isInstanceOfSatisfying(ExecuteOutcome.Aborted.class, a -> {
            assertThat(a.message()).contains("Invalid offers");
            assertThat(a.exitCode()).isEqualTo(2);
        });
    }
}
