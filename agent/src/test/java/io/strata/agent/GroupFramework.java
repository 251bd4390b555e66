package io.strata.agent;

import static org.awaitility.Awaitility.await;

import io.strata.api.mesos.CommandInfo;
import io.strata.api.mesos.ContainerInfo;
import io.strata.api.mesos.ExecutorId;
import io.strata.api.mesos.FrameworkId;
import io.strata.api.mesos.FrameworkInfo;
import io.strata.api.mesos.HealthCheck;
import io.strata.api.mesos.Offer;
import io.strata.api.mesos.TaskId;
import io.strata.api.mesos.TaskInfo;
import io.strata.api.mesos.TaskState;
import io.strata.api.mesos.TaskStatus;
import io.strata.core.resources.Resource;
import io.strata.core.resources.ResourceParser;
import io.strata.server.wire.ResourceWire;
import io.strata.testing.framework.TestFramework;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.awaitility.core.ConditionTimeoutException;

/**
 * A real framework that launches task groups: a {@link TestFramework} (which subscribes, records and acknowledges
 * every update) whose offer planner sends each queued group as one LAUNCH_GROUP on the next offer (or a LAUNCH for
 * tasks of their own). Threading: offers arrive on the client's reader thread; the queue and records are
 * thread-safe.
 */
final class GroupFramework implements AutoCloseable {
    /** The executor's resources in every group. */
    static final String EXECUTOR_RESOURCES = "cpus:0.1;mem:32";

    /** A group to launch: the executor id, its container (null for none), its resources and its tasks. */
    record Group(String executorId, ContainerInfo container, String executorResources, List<TaskInfo> tasks) {
    }

    private final ConcurrentLinkedQueue<Group> toLaunch = new ConcurrentLinkedQueue<>();
    private final TestFramework framework;

    private GroupFramework(String master) {
        framework = TestFramework.subscribe(master, new FrameworkInfo("root", "groups", null, 3600.0, true, "*",
                null, null, null, List.of(), null), this::operations);
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
        framework.revive();
    }

    /** Queues tasks of their own (a LAUNCH operation, no executor) for the next offer. */
    void launchTasks(TaskInfo... tasks) {
        toLaunch.add(new Group(null, null, null, List.of(tasks)));
        framework.revive();
    }

    /** Sends KILL for one task. */
    void kill(String taskId) {
        framework.kill(taskId);
    }

    FrameworkId frameworkId() {
        return new FrameworkId(framework.frameworkId());
    }

    /** The updates of one task, in order. */
    List<TaskStatus> updates(String taskId) {
        return framework.updates(taskId);
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

    /** The next queued group as the operation that launches it on {@code offer}; none when nothing is queued. */
    private List<Offer.Operation> operations(Offer offer) {
        Group group = toLaunch.poll();
        if (group == null) {
            return List.of();
        }
        if (group.executorId() == null) {
            return List.of(new Offer.Operation(Offer.Operation.Type.LAUNCH,
                    new Offer.Operation.Launch(group.tasks()), null));
        }
        Offer.ExecutorInfo executor = new Offer.ExecutorInfo("DEFAULT", new ExecutorId(group.executorId()), null,
                null, ResourceWire.toWire(ResourceParser.parse(group.executorResources(), Resource.UNRESERVED)),
                group.container(), null);
        return List.of(new Offer.Operation(Offer.Operation.Type.LAUNCH_GROUP, null,
                new Offer.Operation.LaunchGroup(executor, new Offer.TaskGroupInfo(group.tasks()))));
    }

    /** Tears the framework down (its tasks are killed) and closes its subscription. */
    @Override
    public void close() {
        framework.close();
    }
}
