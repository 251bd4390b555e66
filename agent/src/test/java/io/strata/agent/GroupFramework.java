package io.strata.agent;

import static org.awaitility.Awaitility.await;

import io.strata.api.mesos.CommandInfo;
import io.strata.api.mesos.ContainerInfo;
import io.strata.api.mesos.ExecutorId;
import io.strata.api.mesos.Filters;
import io.strata.api.mesos.FrameworkId;
import io.strata.api.mesos.FrameworkInfo;
import io.strata.api.mesos.HealthCheck;
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
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import org.awaitility.core.ConditionTimeoutException;

/**
 * A real framework speaking the v1 scheduler API that launches task groups: each queued group goes out as one
 * LAUNCH_GROUP on the next offer; every status update is recorded and acknowledged. Threading: events arrive on the
 * client's reader thread; the recorded lists are thread-safe.
 */
final class GroupFramework implements EventListener, AutoCloseable {
    /** The executor's resources in every group. */
    static final String EXECUTOR_RESOURCES = "cpus:0.1;mem:32";

    /** A group to launch: the executor id, its container (null for none), its resources and its tasks. */
    record Group(String executorId, ContainerInfo container, String executorResources, List<TaskInfo> tasks) {
    }

    private final SchedulerClient client;
    private final ConcurrentLinkedQueue<Group> toLaunch = new ConcurrentLinkedQueue<>();
    private final List<TaskStatus> updates = new CopyOnWriteArrayList<>();
    private volatile FrameworkId frameworkId;

    private GroupFramework(String master) {
        client = SchedulerClient.of(URI.create(master));
        client.subscribe(new FrameworkInfo("root", "groups", null, 3600.0, true, "*", null, null, null, List.of(),
                null), this);
        await().atMost(Duration.ofSeconds(20)).until(() -> frameworkId != null);
    }

    static GroupFramework subscribe(String master) {
        return new GroupFramework(master);
    }

    /** A shell task with resources such as {@code cpus:0.1;mem:32} and an optional health check. */
    static TaskInfo task(String id, String command, String resources, HealthCheck health) {
        return new TaskInfo(id, new TaskId(id), null, ResourceWire.toWire(ResourceParser.parse(resources,
                Resource.UNRESERVED)), new CommandInfo(null, null, true, command, null, null), null, health, null,
                null, null, null);
    }

    /** A shell task with {@code cpus:0.1;mem:32}. */
    static TaskInfo task(String id, String command) {
        return task(id, command, "cpus:0.1;mem:32", null);
    }

    /** Queues a group for the next offer. */
    void launch(String executorId, TaskInfo... tasks) {
        launch(executorId, null, EXECUTOR_RESOURCES, tasks);
    }

    /** Queues a group whose executor has a container (e.g. port mappings) and the given resources. */
    void launch(String executorId, ContainerInfo container, String executorResources, TaskInfo... tasks) {
        toLaunch.add(new Group(executorId, container, executorResources, List.of(tasks)));
        client.call(Call.of(frameworkId, Call.Type.REVIVE));
    }

    /** Queues tasks of their own (a LAUNCH operation, no executor) for the next offer. */
    void launchTasks(TaskInfo... tasks) {
        toLaunch.add(new Group(null, null, null, List.of(tasks)));
        client.call(Call.of(frameworkId, Call.Type.REVIVE));
    }

    /** Sends KILL for one task. */
    void kill(String taskId) {
        client.call(Call.kill(frameworkId, new Call.Kill(new TaskId(taskId), null, null)));
    }

    FrameworkId frameworkId() {
        return frameworkId;
    }

    /** The updates of one task, in order. */
    List<TaskStatus> updates(String taskId) {
        return updates.stream().filter(s -> s.taskId().value().equals(taskId)).toList();
    }

    /** The states of one task's updates, in order. */
    List<TaskState> states(String taskId) {
        return updates(taskId).stream().map(TaskStatus::state).toList();
    }

    Optional<TaskStatus> latest(String taskId) {
        List<TaskStatus> mine = updates(taskId);
        return mine.isEmpty() ? Optional.empty() : Optional.of(mine.get(mine.size() - 1));
    }

    /** Waits (up to 60 s) until an update with {@code state} arrived for the task; returns the first such. */
    TaskStatus awaitState(String taskId, TaskState state) {
        try {
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(50))
                    .until(() -> states(taskId).contains(state));
        } catch (ConditionTimeoutException e) {
            throw new AssertionError(taskId + " never reached " + state + "; its updates: " + updates(taskId), e);
        }
        return updates(taskId).stream().filter(s -> s.state() == state).findFirst().orElseThrow();
    }

    @Override
    public void onEvent(Event event) {
        switch (event.type()) {
            case SUBSCRIBED -> frameworkId = event.subscribed().frameworkId();
            case OFFERS -> event.offers().offers().forEach(this::offered);
            case UPDATE -> updated(event.update().status());
            default -> {
            }
        }
    }

    private void offered(Offer offer) {
        Group group = toLaunch.poll();
        if (group == null) {
            client.call(Call.decline(frameworkId, new Call.Decline(List.of(offer.id()), new Filters(1.0))));
            return;
        }
        if (group.executorId() == null) {
            client.call(Call.accept(frameworkId, new Call.Accept(List.of(offer.id()), List.of(new Offer.Operation(
                    Offer.Operation.Type.LAUNCH, new Offer.Operation.Launch(group.tasks()), null)), new Filters(0.0))));
            return;
        }
        Offer.ExecutorInfo executor = new Offer.ExecutorInfo("DEFAULT", new ExecutorId(group.executorId()), null,
                null, ResourceWire.toWire(ResourceParser.parse(group.executorResources(), Resource.UNRESERVED)),
                group.container(), null);
        client.call(Call.accept(frameworkId, new Call.Accept(List.of(offer.id()), List.of(new Offer.Operation(
                Offer.Operation.Type.LAUNCH_GROUP, null, new Offer.Operation.LaunchGroup(executor,
                        new Offer.TaskGroupInfo(group.tasks())))), new Filters(0.0))));
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
        // tests notice a dead stream by missing updates
    }

    @Override
    public void close() {
        client.close();
    }
}
