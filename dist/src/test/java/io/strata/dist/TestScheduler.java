package io.strata.dist;

import static org.awaitility.Awaitility.await;

import io.strata.api.mesos.AgentId;
import io.strata.api.mesos.CommandInfo;
import io.strata.api.mesos.DurationInfo;
import io.strata.api.mesos.Filters;
import io.strata.api.mesos.FrameworkId;
import io.strata.api.mesos.FrameworkInfo;
import io.strata.api.mesos.HealthCheck;
import io.strata.api.mesos.KillPolicy;
import io.strata.api.mesos.Offer;
import io.strata.api.mesos.TaskId;
import io.strata.api.mesos.TaskInfo;
import io.strata.api.mesos.TaskState;
import io.strata.api.mesos.TaskStatus;
import io.strata.api.scheduler.Call;
import io.strata.api.scheduler.Event;
import io.strata.client.EventListener;
import io.strata.client.SchedulerClient;
import io.strata.client.StrataClientException;
import io.strata.core.resources.Resource;
import io.strata.core.resources.ResourceParser;
import io.strata.server.wire.ResourceWire;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import org.awaitility.core.ConditionTimeoutException;

/**
 * A minimal real framework for end-to-end tests: subscribes over the scheduler API, launches queued tasks on the
 * first offers that arrive (declining the rest briefly), records every status update and acknowledges those that
 * carry a uuid. Threading: events arrive on the client's reader thread; the recorded lists are thread-safe.
 */
final class TestScheduler implements EventListener, AutoCloseable {
    /**
     * What tests launch: a shell command with resources such as {@code cpus:0.1;mem:32}, on the agent with
     * {@code agentId} (null: any agent), with a kill grace period (null: the agent's default).
     */
    record TaskRequest(String taskId, String command, String resources, String agentId, Duration killGrace) {
        boolean fits(Offer offer) {
            return agentId == null || agentId.equals(offer.agentId().value());
        }
    }

    private final URI master;
    private final SchedulerClient client;
    private final ConcurrentLinkedQueue<TaskRequest> toLaunch = new ConcurrentLinkedQueue<>();
    private final List<TaskStatus> updates = new CopyOnWriteArrayList<>();
    private final List<Event> errors = new CopyOnWriteArrayList<>();
    private final Map<String, HealthCheck> healthChecks = new ConcurrentHashMap<>();
    private volatile FrameworkId frameworkId;
    private volatile boolean streamEnded;

    private TestScheduler(String master, FrameworkInfo info) {
        this.master = URI.create(master);
        this.client = SchedulerClient.of(this.master);
        client.subscribe(info, this);
        await().atMost(Duration.ofSeconds(20)).until(() -> frameworkId != null);
    }

    /** Subscribes a framework (re-subscribes when {@code info} carries an id) and waits for SUBSCRIBED. */
    static TestScheduler subscribe(String master, FrameworkInfo info) {
        return new TestScheduler(master, info);
    }

    /** A checkpointing framework with the given failover timeout (seconds) and capabilities. */
    static FrameworkInfo info(String name, double failoverTimeout, FrameworkInfo.Capability.Type... capabilities) {
        List<FrameworkInfo.Capability> caps = new ArrayList<>();
        Arrays.stream(capabilities).forEach(c -> caps.add(new FrameworkInfo.Capability(c)));
        return new FrameworkInfo("root", name, null, failoverTimeout, true, "*", null, null, null, caps, null);
    }

    FrameworkId frameworkId() {
        return frameworkId;
    }

    /** Queues a shell task for the next offer and waits until it runs. */
    TaskStatus launchAndAwaitRunning(String taskId, String command, String resources) {
        launch(new TaskRequest(taskId, command, resources, null, null));
        return awaitState(taskId, TaskState.TASK_RUNNING);
    }

    /** Queues a shell task for the next offer of one agent and waits until it runs. */
    TaskStatus launchOnAndAwaitRunning(String agentId, String taskId, String command, String resources) {
        launch(new TaskRequest(taskId, command, resources, agentId, null));
        return awaitState(taskId, TaskState.TASK_RUNNING);
    }

    /** Queues a task; it is launched on the next offer that arrives. */
    void launch(TaskRequest request) {
        launch(request, null);
    }

    /** Queues a task with a health check (null for none). */
    void launch(TaskRequest request, HealthCheck healthCheck) {
        if (healthCheck != null) {
            healthChecks.put(request.taskId(), healthCheck);
        }
        toLaunch.add(request);
        client.call(Call.of(frameworkId, Call.Type.REVIVE));
    }

    /** Sends KILL for a task (the agent id comes from its latest update). */
    void kill(String taskId, Duration grace) {
        AgentId agent = latest(taskId).map(TaskStatus::agentId).orElse(null);
        KillPolicy policy = grace == null ? null : new KillPolicy(new DurationInfo(grace.toNanos()));
        client.call(Call.kill(frameworkId, new Call.Kill(new TaskId(taskId), agent, policy)));
    }

    /** Every update received, in order. */
    List<TaskStatus> updates() {
        return List.copyOf(updates);
    }

    /** The updates of one task, in order. */
    List<TaskStatus> updates(String taskId) {
        return updates.stream().filter(s -> s.taskId().value().equals(taskId)).toList();
    }

    Optional<TaskStatus> latest(String taskId) {
        List<TaskStatus> mine = updates(taskId);
        return mine.isEmpty() ? Optional.empty() : Optional.of(mine.get(mine.size() - 1));
    }

    /** Waits (up to 30 s) until an update with {@code state} arrived for the task; returns the first such. */
    TaskStatus awaitState(String taskId, TaskState state) {
        return awaitState(taskId, state, Duration.ofSeconds(30));
    }

    TaskStatus awaitState(String taskId, TaskState state, Duration atMost) {
        awaitUpdates(taskId, "reaches " + state, atMost, () -> updates(taskId).stream().anyMatch(s -> s.state() == state));
        return updates(taskId).stream().filter(s -> s.state() == state).findFirst().orElseThrow();
    }

    /** Waits until the task's latest update is terminal; returns it. */
    TaskStatus awaitTerminal(String taskId, Duration atMost) {
        awaitUpdates(taskId, "ends", atMost, () -> latest(taskId).map(s -> s.state().isTerminal()).orElse(false));
        return latest(taskId).orElseThrow();
    }

    private void awaitUpdates(String taskId, String what, Duration atMost, Callable<Boolean> condition) {
        try {
            await().atMost(atMost).pollInterval(Duration.ofMillis(50)).until(condition);
        } catch (ConditionTimeoutException e) {
            throw new AssertionError(taskId + " never " + what + " within " + atMost + "; its updates: "
                    + updates(taskId), e);
        }
    }

    boolean streamEnded() {
        return streamEnded;
    }

    List<Event> errors() {
        return List.copyOf(errors);
    }

    @Override
    public void onEvent(Event event) {
        switch (event.type()) {
            case SUBSCRIBED -> frameworkId = event.subscribed().frameworkId();
            case OFFERS -> event.offers().offers().forEach(this::offered);
            case UPDATE -> updated(event.update().status());
            case ERROR -> errors.add(event);
            default -> {
            }
        }
    }

    private void offered(Offer offer) {
        TaskRequest request = toLaunch.stream().filter(r -> r.fits(offer)).findFirst().orElse(null);
        if (request == null || !toLaunch.remove(request)) {
            client.call(Call.decline(frameworkId, new Call.Decline(List.of(offer.id()), new Filters(1.0))));
            return;
        }
        TaskInfo task = new TaskInfo(request.taskId(), new TaskId(request.taskId()), offer.agentId(),
                ResourceWire.toWire(ResourceParser.parse(request.resources(), Resource.UNRESERVED)),
                new CommandInfo(null, null, true, request.command(), null, null), null,
                healthChecks.get(request.taskId()),
                request.killGrace() == null ? null : new KillPolicy(new DurationInfo(request.killGrace().toNanos())),
                null, null, null);
        client.call(Call.accept(frameworkId, new Call.Accept(List.of(offer.id()),
                List.of(new Offer.Operation(Offer.Operation.Type.LAUNCH, new Offer.Operation.Launch(List.of(task)),
                        null)), new Filters(1.0))));
    }

    private void updated(TaskStatus status) {
        updates.add(status);
        if (status.uuid() != null && status.agentId() != null) {
            client.call(Call.acknowledge(frameworkId,
                    new Call.Acknowledge(status.agentId(), status.taskId(), status.uuid())));
        }
    }

    @Override
    public void onStreamEnded(StrataClientException cause) {
        streamEnded = true;
    }

    /** Closes the subscription without TEARDOWN (a framework crash, as far as the master can tell). */
    @Override
    public void close() {
        client.close();
    }

    /** Tears the framework down (its tasks are killed) and closes. */
    void teardown() {
        try {
            client.call(Call.of(frameworkId, Call.Type.TEARDOWN));
        } finally {
            close();
        }
    }
}
