package io.strata.agent;

import io.strata.agent.health.HealthCheckSpec;
import io.strata.agent.health.HealthChecker;
import io.strata.agent.health.HealthListener;
import io.strata.agent.isolation.CgroupPaths;
import io.strata.agent.isolation.ContainerId;
import io.strata.agent.isolation.Isolator;
import io.strata.agent.isolation.ResourceLimits;
import io.strata.agent.launcher.ExitStatus;
import io.strata.agent.launcher.Killer;
import io.strata.agent.launcher.LaunchSpec;
import io.strata.agent.launcher.ProcessLauncher;
import io.strata.agent.launcher.RunningProcess;
import io.strata.agent.launcher.TaskCommand;
import io.strata.agent.status.StatusUpdateManager;
import io.strata.api.json.Json;
import io.strata.api.mesos.AgentId;
import io.strata.api.mesos.CommandInfo;
import io.strata.api.mesos.ExecutorId;
import io.strata.api.mesos.FrameworkId;
import io.strata.api.mesos.FrameworkInfo;
import io.strata.api.mesos.KillPolicy;
import io.strata.api.mesos.TaskId;
import io.strata.api.mesos.TaskInfo;
import io.strata.api.mesos.TaskState;
import io.strata.api.mesos.TaskStatus;
import io.strata.core.resources.Resource;
import io.strata.core.resources.Resources;
import io.strata.server.wire.ResourceWire;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.InstantSource;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Launches, kills and recovers this agent's task containers, and turns their lifecycle into status updates
 * handed to the {@link StatusUpdateManager}. Thread-safe.
 */
public final class Containers {
    private static final Logger LOG = LoggerFactory.getLogger(Containers.class);
    /** Mesos' kill grace period when the task has no KillPolicy. */
    static final Duration DEFAULT_GRACE = Duration.ofSeconds(3);
    private final AgentPaths paths;
    private final Isolator isolator;
    private final ProcessLauncher launcher;
    private final Killer killer;
    private final StatusUpdateManager updates;
    private final InstantSource clock;
    private final String hostname;
    /** Completed containers kept for /state (their sandboxes stay for the logs), oldest first. */
    static final int MAX_COMPLETED = 500;
    private final Map<String, Container> byTask = new ConcurrentHashMap<>();
    private final Deque<Container> completed = new ArrayDeque<>();
    private final ImageContainers images;
    private final TaskGroups groups;
    private volatile AgentId agentId;
    /** Set when the agent stopped without killing its tasks: their ends are the next agent's to report. */
    private volatile boolean detached;

    public Containers(AgentPaths paths, Isolator isolator, ProcessLauncher launcher, StatusUpdateManager updates,
                      InstantSource clock, String hostname, ImageContainers images) {
        this.images = images;
        this.paths = paths;
        this.isolator = isolator;
        this.launcher = launcher;
        this.killer = new Killer(isolator);
        this.updates = updates;
        this.clock = clock;
        this.hostname = hostname;
        this.groups = new TaskGroups(paths, isolator, launcher, this, images, hostname);
    }

    private static String key(FrameworkId f, TaskId t) {
        return f.value() + "/" + t.value();
    }

    void agentId(AgentId id) {
        this.agentId = id;
    }

    /** Every container this agent knows, running or waiting for its terminal update's acknowledgement. */
    public Collection<Container> all() {
        return byTask.values();
    }

    /**
     * Containers whose terminal update was acknowledged, newest last (at most {@link #MAX_COMPLETED}): what
     * Mesos lists as completed executors, so that their sandboxes can still be found.
     */
    public List<Container> completed() {
        synchronized (completed) {
            return List.copyOf(completed);
        }
    }

    /** Whether a task of this framework is known (running or awaiting its terminal update's acknowledgement). */
    boolean known(FrameworkId frameworkId, TaskId taskId) {
        return byTask.containsKey(key(frameworkId, taskId));
    }

    /** Registers a container before it launches. */
    void register(Container c) {
        byTask.put(key(c.framework.id(), c.task.taskId()), c);
    }

    /**
     * Launches the tasks of a LAUNCH_GROUP together under one default executor (see {@link TaskGroups}); failures
     * become TASK_FAILED updates of the group's tasks, never exceptions.
     */
    public void launchGroup(FrameworkInfo framework, io.strata.api.mesos.Offer.ExecutorInfo executor,
                            List<TaskInfo> tasks) {
        groups.launch(agentId, framework, executor, tasks);
    }

    /** Launches a task; failures become TASK_FAILED updates, never exceptions. */
    public void launch(FrameworkInfo framework, TaskInfo task) {
        String key = key(framework.id(), task.taskId());
        if (byTask.containsKey(key)) {
            LOG.info("task {} is already known; ignoring a repeated RUN_TASK", key);
            return;
        }
        ContainerId cid = new ContainerId(UUID.randomUUID().toString());
        Path sandbox = paths.sandbox(agentId, framework.id(), task.taskId().value(), cid.value());
        Path meta = paths.meta(agentId, framework.id(), task.taskId().value(), cid.value());
        Resources resources = ResourceWire.toDomain(task.resources(), "task.resources");
        Container c = new Container(framework, task, cid, resources, sandbox, meta);
        byTask.put(key, c);
        try {
            Files.createDirectories(sandbox);
            Files.createDirectories(meta);
            Files.write(meta.resolve("task.info"), Json.toBytes(new TaskRecord(framework, task, cid.value(),
                    sandbox.toString())));
            paths.linkLatest(sandbox);
            TaskHealth.spec(task.healthCheck()); // a malformed check fails the launch before anything starts
            TaskChecks.spec(task);
            boolean image = ImageContainers.isImageTask(task);
            // An image container starts with the machine's CPUs (runc init is CPU-hungry and runs inside the
            // group); its own quota applies once the runtime has created it (see below).
            ResourceLimits limits = ContainerLimits.of(resources);
            CgroupPaths cgroups = isolator.prepare(cid, image ? ContainerLimits.startup(limits,
                    Runtime.getRuntime().availableProcessors()) : limits);
            // a plain task's volumes are links in its sandbox (read-only ones enforced in its own mount namespace);
            // an image task's are bound by runc
            TaskCommand taskCommand = image ? images.prepare(c, environment(c), limits)
                    : ContainerVolumes.enforceReadOnly(ContainerVolumes.prepare(c, false), command(task.command()));
            // An image task's supervisor and runc stay outside the task's groups: runc places the container in a
            // group nested in them, and runc itself must not start under the task's CPU quota and memory limit.
            LaunchSpec spec = new LaunchSpec(cid, taskCommand, image ? Map.of() : environment(c), sandbox,
                    meta, image ? List.of() : cgroups.procsFiles(), Optional.empty());
            RunningProcess p = launcher.launch(spec);
            synchronized (c) {
                c.process = p;
            }
            p.checkpoint().writeTo(meta.resolve("forked.pid"));
            if (image) {
                images.started(c, p); // TASK_RUNNING once the container exists, as Mesos reports it
                isolator.update(cid, limits);
            }
            status(c, TaskState.TASK_RUNNING, null, null);
            launcher.startSpare(); // the next launch's supervisor, now that this one's update is out
            watch(c, p);
            startChecks(c);
        } catch (io.strata.agent.image.ImagePullException e) {
            LOG.info("launch of task {} failed: {}", key, e.getMessage());
            finish(c, TaskState.TASK_FAILED, TaskStatus.Reason.REASON_CONTAINER_LAUNCH_FAILED,
                    "Failed to launch container: " + e.getMessage());
        } catch (RuntimeException | IOException e) {
            LOG.warn("launch of task {} failed", key, e);
            finish(c, TaskState.TASK_FAILED, TaskStatus.Reason.REASON_CONTAINER_LAUNCH_FAILED,
                    "Failed to launch container: " + e.getMessage());
        }
    }

    static TaskCommand command(CommandInfo command) {
        if (command.isShell()) {
            return new TaskCommand.Shell(command.value());
        }
        List<String> argv = command.arguments() != null && !command.arguments().isEmpty()
                ? command.arguments() : List.of(command.value());
        return new TaskCommand.Argv(argv);
    }

    /** The environment {@code c}'s task starts with (see {@link TaskEnvironment}). */
    Map<String, String> environment(Container c) {
        return TaskEnvironment.of(c, agentId, hostname);
    }

    /**
     * Starts the task's health check and general check, each where the task runs ({@link TaskChecks}: inside an
     * image task's container, in a group's network namespace).
     */
    void startChecks(Container c) {
        TaskHealth.spec(c.task.healthCheck()).map(h -> TaskChecks.placeHealth(h, c, paths.workDir()))
                .ifPresent(h -> checkHealth(c, h));
        TaskChecks.spec(c.task).map(s -> TaskChecks.placeCheck(s, c, paths.workDir())).ifPresent(s -> check(c, s));
    }

    /**
     * Starts the task's general check: each reported result becomes a TASK_RUNNING update with {@code check_status}
     * and REASON_TASK_CHECK_STATUS_UPDATED (acknowledged and retried as every update); it never kills the task.
     */
    private void check(Container c, io.strata.agent.health.CheckSpec spec) {
        var checker = new io.strata.agent.health.Checker(c.task.taskId().value(), spec, c.sandbox, environment(c),
                result -> {
                    if (!c.isTerminated()) {
                        status(c, TaskState.TASK_RUNNING, TaskStatus.Reason.REASON_TASK_CHECK_STATUS_UPDATED,
                                null, c.lastStatus().map(TaskStatus::healthy).orElse(null), result);
                    }
                });
        synchronized (c) {
            if (c.terminated) {
                return;
            }
            c.check = checker;
        }
        checker.start();
    }

    /**
     * Starts the task's health checker: health changes become TASK_RUNNING updates with {@code healthy} and
     * REASON_TASK_HEALTH_CHECK_STATUS_UPDATED; reaching the consecutive failures kills the task, which then
     * ends TASK_KILLED with {@code healthy: false} (Mesos' command executor).
     */
    void checkHealth(Container c, HealthCheckSpec spec) {
        HealthChecker checker = new HealthChecker(c.task.taskId().value(), spec, c.sandbox, environment(c),
                new HealthListener() {
                    @Override
                    public void onHealth(boolean healthy, String message, int consecutiveFailures) {
                        if (!c.isTerminated()) {
                            status(c, TaskState.TASK_RUNNING, TaskStatus.Reason.REASON_TASK_HEALTH_CHECK_STATUS_UPDATED,
                                    message, healthy);
                        }
                    }

                    @Override
                    public void killRequested(String message, int consecutiveFailures) {
                        LOG.info("task {} failed {} health checks in a row ({}); killing it",
                                c.task.taskId().value(), consecutiveFailures, message);
                        synchronized (c) {
                            c.killedByHealthCheck = true;
                        }
                        kill(c.framework.id(), c.task.taskId(), gracePeriod(c));
                    }
                }, clock);
        synchronized (c) {
            if (c.terminated) {
                return;
            }
            c.health = checker;
        }
        checker.start();
    }

    /** The task's KillPolicy grace period, or Mesos' default of 3 s. */
    static Duration gracePeriod(Container c) {
        KillPolicy policy = c.task.killPolicy();
        return policy != null && policy.gracePeriod() != null
                ? Duration.ofNanos(policy.gracePeriod().nanoseconds()) : DEFAULT_GRACE;
    }

    void watch(Container c, RunningProcess p) {
        p.exit().whenComplete((status, error) -> {
            if (error != null) {
                finish(c, TaskState.TASK_FAILED, TaskStatus.Reason.REASON_EXECUTOR_TERMINATED,
                        "Lost track of the task: " + error.getMessage());
                return;
            }
            exited(c, status);
        });
    }

    private void exited(Container c, ExitStatus status) {
        boolean oom = oomKilled(c);
        boolean killed;
        boolean byHealthCheck;
        synchronized (c) {
            killed = c.killRequested;
            byHealthCheck = c.killedByHealthCheck;
        }
        TaskEnd end = TaskEnd.of(status, oom, killed, byHealthCheck, c.resources.scalar(Resource.MEM).asDouble());
        finish(c, end.state(), end.reason(), end.message(), end.healthy());
    }

    private boolean oomKilled(Container c) {
        try {
            if (c.inGroup()) {
                return groups.oomKilled(c.pod);
            }
            if (ImageContainers.isImageTask(c.task) && images.oomKilled(c)) {
                return true;
            }
            return isolator.oomKilled(c.id);
        } catch (RuntimeException e) {
            LOG.debug("cannot read OOM state of {}", c.id, e);
            return false;
        }
    }

    private void finish(Container c, TaskState state, TaskStatus.Reason reason, String message) {
        finish(c, state, reason, message, null);
    }

    void finish(Container c, TaskState state, TaskStatus.Reason reason, String message, Boolean healthy) {
        if (detached) {
            return;
        }
        HealthChecker checker;
        synchronized (c) {
            if (c.terminated) {
                return;
            }
            c.terminated = true;
            checker = c.health;
            c.health = null;
        }
        if (checker != null) {
            checker.close();
        }
        closeCheck(c);
        if (c.inGroup()) {
            groups.taskEnded(c, state);
        } else {
            destroy(c);
        }
        status(c, state, reason, message, healthy);
    }

    /**
     * Kills whatever is left in the container (background children and double-forked orphans outlive the task's
     * main process; as in Mesos, the container ends with its task), then removes its groups.
     */
    private void destroy(Container c) {
        try {
            isolator.killAll(c.id);
        } catch (RuntimeException e) {
            LOG.warn("killing the remaining processes of container {} failed: {}", c.id, e.getMessage());
        }
        if (ImageContainers.isImageTask(c.task)) {
            images.release(c);
        }
        ContainerVolumes.release(c);
        try {
            isolator.cleanup(c.id);
        } catch (RuntimeException e) {
            LOG.warn("cleanup of container {} failed: {}", c.id, e.getMessage());
        }
    }

    /**
     * Stops reporting: health checks end and task exits are no longer turned into updates, because the agent stopped
     * and a later agent re-attaches to the tasks and reports them (in a test JVM the old agent's process watchers
     * would otherwise still fire).
     */
    public void detach() {
        detached = true;
        groups.detach(byTask.values().stream().filter(Container::inGroup).map(c -> c.pod).distinct().toList());
        for (Container c : byTask.values()) {
            HealthChecker checker;
            synchronized (c) {
                checker = c.health;
                c.health = null;
            }
            if (checker != null) {
                checker.close();
            }
            closeCheck(c);
        }
    }

    private static void closeCheck(Container c) {
        io.strata.agent.health.Checker check;
        synchronized (c) {
            check = c.check;
            c.check = null;
        }
        if (check != null) {
            check.close();
        }
    }

    void status(Container c, TaskState state, TaskStatus.Reason reason, String message) {
        status(c, state, reason, message, null);
    }

    /** An update; it carries the task's last check result (Mesos repeats it in every update of the task). */
    private void status(Container c, TaskState state, TaskStatus.Reason reason, String message, Boolean healthy) {
        status(c, state, reason, message, healthy, c.lastStatus().map(TaskStatus::checkStatus).orElse(null));
    }

    private void status(Container c, TaskState state, TaskStatus.Reason reason, String message, Boolean healthy,
                        io.strata.api.mesos.CheckStatusInfo checkStatus) {
        if (detached) {
            return;
        }
        byte[] uuid = new byte[16];
        UUID u = UUID.randomUUID();
        java.nio.ByteBuffer.wrap(uuid).putLong(u.getMostSignificantBits()).putLong(u.getLeastSignificantBits());
        TaskStatus status = TaskStatus.builder(c.task.taskId(), state).agentId(agentId)
                .executorId(new ExecutorId(c.executorId())).source(TaskStatus.Source.SOURCE_EXECUTOR)
                .reason(reason).message(message).healthy(healthy).checkStatus(checkStatus).timestamp(clock.millis() / 1000.0)
                .uuid(Base64.getEncoder().encodeToString(uuid)).build();
        c.lastStatus(status);
        updates.update(c.framework.id(), status, c.updatesFile());
    }

    /**
     * Kills a task: SIGTERM, the grace period, then SIGKILL of the whole tree. Unknown tasks are ignored.
     *
     * @param grace the KILL call's grace period; null for the task's own KillPolicy (default 3 s)
     */
    public void kill(FrameworkId frameworkId, TaskId taskId, Duration grace) {
        Container c = byTask.get(key(frameworkId, taskId));
        if (c == null) {
            return;
        }
        if (c.inGroup()) {
            groups.kill(c, grace == null ? gracePeriod(c) : grace);
            return;
        }
        RunningProcess p;
        synchronized (c) {
            if (c.terminated || c.killRequested) {
                return;
            }
            c.killRequested = true;
            p = c.process;
        }
        if (p == null) {
            finish(c, TaskState.TASK_KILLED, TaskStatus.Reason.REASON_TASK_KILLED_DURING_LAUNCH,
                    "Task killed before it started");
            return;
        }
        if (c.framework.hasCapability(FrameworkInfo.Capability.Type.TASK_KILLING_STATE)) {
            status(c, TaskState.TASK_KILLING, null, "Killing the task");
        }
        var policy = new io.strata.agent.launcher.KillPolicy(grace == null ? gracePeriod(c) : grace);
        if (ImageContainers.isImageTask(c.task)) {
            // the image's stop signal, through the runtime (PID 1 of a container ignores unhandled SIGTERM)
            killer.kill(p, policy, () -> {
                if (!images.signalStop(c)) {
                    p.signal(15);
                }
            });
        } else {
            killer.kill(p, policy);
        }
    }

    /** Kills every task of a framework (framework removed). */
    public void shutdownFramework(FrameworkId frameworkId) {
        for (Container c : List.copyOf(byTask.values())) {
            if (c.framework.id().equals(frameworkId)) {
                kill(frameworkId, c.task.taskId(), gracePeriod(c));
            }
        }
    }

    /** Forgets a task whose terminal update was acknowledged. */
    public void forget(FrameworkId frameworkId, TaskId taskId) {
        Container c = byTask.get(key(frameworkId, taskId));
        if (c == null) {
            return;
        }
        // completed first, so that /state never misses the container in between
        synchronized (completed) {
            completed.addLast(c);
            while (completed.size() > MAX_COMPLETED) {
                completed.removeFirst();
            }
        }
        byTask.remove(key(frameworkId, taskId));
        paths.deleteMeta(c.metaDir);
        if (c.inGroup() && c.pod.tasks().stream().noneMatch(t -> byTask.get(key(t.framework.id(),
                t.task.taskId())) == t)) {
            paths.deleteMeta(c.pod.metaDir); // the group's last task is gone: its run checkpoint too
        }
    }

    /**
     * Re-attaches to the containers checkpointed under the agent's meta directory: running supervisors are
     * watched again, ended ones report their recorded exit status, and unacknowledged updates are replayed.
     */
    public int recover() {
        return new ContainerRecovery(this, paths, isolator, launcher, updates, images, groups).recover(agentId);
    }

    /** Kills and deletes image containers that no recovered task owns. */
    public void removeLeftoverContainers() {
        images.removeLeftovers(byTask.values().stream().map(c -> c.id.value())
                .collect(java.util.stream.Collectors.toSet()));
        groups.removeLeftoverNamespaces(byTask.values().stream().filter(Container::inGroup)
                .map(c -> c.pod.id.value()).collect(java.util.stream.Collectors.toSet()));
    }

    /** The latest status of a container's task (for re-registration and /state). */
    public Optional<TaskStatus> latest(Container c) {
        return updates.latest(c.task.taskId());
    }

    /** Kills every running container and waits for them (agent shutdown in `strata up`). */
    public void killAll(Duration grace) {
        List<java.util.concurrent.CompletableFuture<?>> exits = new ArrayList<>();
        for (Container c : List.copyOf(byTask.values())) {
            RunningProcess p;
            synchronized (c) {
                p = c.process;
            }
            kill(c.framework.id(), c.task.taskId(), grace);
            if (p != null) {
                exits.add(p.exit());
            }
        }
        try {
            java.util.concurrent.CompletableFuture.allOf(exits.toArray(new java.util.concurrent.CompletableFuture[0]))
                    .get(grace.toMillis() + 5000, java.util.concurrent.TimeUnit.MILLISECONDS);
        } catch (Exception e) {
            LOG.warn("not every task ended within the grace period: {}", e.toString());
        }
    }

    static void checkWritable(Path dir) {
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create work directory " + dir, e);
        }
    }
}
