package io.strata.agent;

import io.strata.agent.health.HealthCheckSpec;
import io.strata.agent.isolation.CgroupPaths;
import io.strata.agent.isolation.ContainerId;
import io.strata.agent.isolation.Isolator;
import io.strata.agent.isolation.ProcFs;
import io.strata.agent.isolation.ResourceLimits;
import io.strata.agent.launcher.LaunchSpec;
import io.strata.agent.launcher.ProcessLauncher;
import io.strata.agent.launcher.RunningProcess;
import io.strata.agent.launcher.TaskCommand;
import io.strata.agent.oci.NetworkNamespace;
import io.strata.api.json.Json;
import io.strata.api.mesos.AgentId;
import io.strata.api.mesos.FrameworkInfo;
import io.strata.api.mesos.Offer;
import io.strata.api.mesos.TaskInfo;
import io.strata.api.mesos.TaskState;
import io.strata.api.mesos.TaskStatus;
import io.strata.core.resources.Resource;
import io.strata.core.resources.Resources;
import io.strata.server.wire.ResourceWire;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs task groups ({@link Pod}s) with Mesos' default-executor semantics, on behalf of {@link Containers}: the group's
 * cgroup and network namespace, one supervised process per task inside both (tasks labelled
 * {@value Pod#START_AFTER_LABEL} once the tasks they name have finished), group-wide kills, release once the last
 * task has ended, and recovery after an agent restart. Status updates, exit handling and health checks are the
 * plain tasks' ({@link Containers} calls back here where a group task differs). Thread-safe.
 */
final class TaskGroups {
    private static final Logger LOG = LoggerFactory.getLogger(TaskGroups.class);
    /** How long to wait after SIGKILL for a task's supervisor to record its status before killing the whole group. */
    static final Duration RECORD_WAIT = Duration.ofSeconds(2);
    /** The directory under the work dir holding the groups' namespace files. */
    static final String NETNS_DIR = "netns";
    /**
     * Checkpoint file of a task that waited ({@value Pod#START_AFTER_LABEL}): written before its start begins, so a
     * restarted agent tells a task that never started (resumed: it waits again) from one whose start was cut short
     * (failed, as any task the agent stopped while launching: it is never started twice).
     */
    static final String START_MARKER = "start.begun";
    private final AgentPaths paths;
    private final Isolator isolator;
    private final ProcessLauncher launcher;
    private final Containers containers;
    private final ImageContainers images;
    private final String hostname;

    TaskGroups(AgentPaths paths, Isolator isolator, ProcessLauncher launcher, Containers containers,
               ImageContainers images, String hostname) {
        this.images = images;
        this.hostname = hostname;
        this.paths = paths;
        this.isolator = isolator;
        this.launcher = launcher;
        this.containers = containers;
    }

    /** The namespace file of a group. */
    Path netnsFile(ContainerId pod) {
        return paths.workDir().resolve(NETNS_DIR).resolve(pod.value());
    }

    /**
     * Launches a group: every task is registered (and sent TASK_STARTING) before any starts, so a kill or a failure
     * of one finds all the others. Failures become TASK_FAILED updates of every task, never exceptions.
     */
    void launch(AgentId agentId, FrameworkInfo framework, Offer.ExecutorInfo executor, List<TaskInfo> tasks) {
        if (tasks.stream().anyMatch(t -> containers.known(framework.id(), t.taskId()))) {
            LOG.info("a task of group {} is already known; ignoring a repeated RUN_TASK_GROUP",
                    executor.executorId().value());
            return;
        }
        ContainerId podId = new ContainerId(UUID.randomUUID().toString());
        String eid = executor.executorId().value();
        Path sandbox = paths.sandbox(agentId, framework.id(), eid, podId.value());
        Path meta = paths.meta(agentId, framework.id(), eid, podId.value());
        Pod pod = new Pod(framework, executor, podId, sandbox, meta, netnsFile(podId),
                ResourceWire.toDomain(executor.resources(), "executor.resources"));
        for (TaskInfo task : tasks) {
            String tid = task.taskId().value();
            Container c = new Container(framework, task, new ContainerId(UUID.randomUUID().toString()),
                    ResourceWire.toDomain(task.resources(), "task.resources"),
                    sandbox.resolve("tasks").resolve(tid), meta.resolve("tasks").resolve(tid), pod);
            synchronized (pod) {
                pod.tasks.add(c);
            }
            containers.register(c);
        }
        CgroupPaths cgroups;
        List<int[]> mappings;
        try {
            Map<Integer, Set<String>> order = Pod.startOrder(tasks);
            synchronized (pod) {
                order.forEach((i, after) -> pod.waiting.put(pod.tasks.get(i), new java.util.HashSet<>(after)));
            }
            mappings = portMappings(executor, pod.resources());
            for (Container c : pod.tasks()) {
                Files.createDirectories(c.sandbox);
                Files.createDirectories(c.metaDir);
                Files.write(c.metaDir.resolve("task.info"), Json.toBytes(new TaskRecord(framework, c.task,
                        c.id.value(), c.sandbox.toString(), executor, podId.value(), sandbox.toString())));
            }
            paths.linkLatest(sandbox);
            pod.tasks().forEach(c -> containers.status(c, TaskState.TASK_STARTING, null, null));
            NetworkNamespace.create(pod.netns);
            // runc init runs in the group's cgroup: with image tasks the group starts with the machine's CPUs and
            // gets its own quota once they run (see Containers#launch)
            cgroups = isolator.prepare(podId, hasImages(pod) ? startupLimits(limits(pod.resources()))
                    : limits(pod.resources()));
        } catch (IOException | RuntimeException e) {
            LOG.warn("launch of task group {} failed", eid, e);
            failAll(pod, "Failed to launch the task group: " + e.getMessage());
            return;
        }
        List<Container> now;
        synchronized (pod) {
            pod.cgroups = cgroups;
            now = pod.tasks.stream().filter(c -> !pod.waiting.containsKey(c)).toList();
        }
        for (Container c : now) {
            start(pod, c, cgroups);
        }
        if (hasImages(pod)) {
            try {
                isolator.update(podId, limits(pod.resources()));
            } catch (RuntimeException e) {
                LOG.warn("cannot set the limits of group {}: {}", eid, e.getMessage());
            }
        }
        forward(pod, mappings, cgroups.procsFiles());
    }

    /**
     * The executor's port mappings ({@code executor.container.network_infos[].port_mappings}) as (host port, container
     * port) pairs; a mapping without a host port takes the group's next ports resource. Host ports must be among the
     * group's ports resources (executor's and tasks').
     */
    static List<int[]> portMappings(Offer.ExecutorInfo executor, Resources group) {
        List<int[]> out = new ArrayList<>();
        if (executor.container() == null || executor.container().networkInfos() == null) {
            return out;
        }
        List<Long> assigned = new ArrayList<>();
        group.ports().ranges().forEach(r -> {
            for (long p = r.begin(); p <= r.end() && assigned.size() < 1000; p++) {
                assigned.add(p);
            }
        });
        int next = 0;
        for (var network : executor.container().networkInfos()) {
            if (network == null || network.portMappings() == null) {
                continue;
            }
            for (var m : network.portMappings()) {
                long host = m.hostPort();
                if (host == 0) {
                    if (next >= assigned.size()) {
                        throw new IllegalArgumentException("port mapping to container port " + m.containerPort()
                                + " has no host port and the group has no ports resource left to take one from");
                    }
                    host = assigned.get(next++);
                } else if (!group.ports().contains(host)) {
                    throw new IllegalArgumentException("host port " + host + " of the executor's port mapping is not "
                            + "among the group's ports resources " + group.ports());
                }
                if (m.containerPort() <= 0 || m.containerPort() > 65535) {
                    throw new IllegalArgumentException("container port " + m.containerPort() + " is out of range");
                }
                out.add(new int[] {(int) host, (int) m.containerPort()});
            }
        }
        return out;
    }

    /**
     * Starts one forwarder, retrying for a few seconds while the port is still in use: after a restart the previous
     * agent's listener may take a moment to go.
     */
    private io.strata.agent.oci.PortForwarder startForwarder(int hostPort, Path socket) throws IOException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (true) {
            var f = new io.strata.agent.oci.PortForwarder(List.of(java.net.InetAddress.getByName(hostname)), hostPort,
                    socket);
            try {
                f.start();
                return f;
            } catch (io.strata.agent.oci.OciException e) {
                if (System.nanoTime() > deadline || e.getMessage() == null || !e.getMessage().contains("in use")) {
                    throw e;
                }
            }
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new io.strata.agent.oci.OciException("interrupted while listening on host port " + hostPort, e);
            }
        }
    }

    /** Serves each mapped host port on the agent's address, relayed into the group's namespace. */
    private void forward(Pod pod, List<int[]> mappings, List<Path> procsFiles) {
        if (mappings.isEmpty()) {
            return;
        }
        try {
            io.strata.agent.oci.NamespaceRelay relay = io.strata.agent.oci.NamespaceRelay.startIn(pod.netns,
                    pod.sandbox, mappings.stream().map(m -> m[1]).distinct().toList(), procsFiles);
            List<io.strata.agent.oci.PortForwarder> forwarders = new ArrayList<>();
            for (int[] m : mappings) {
                forwarders.add(startForwarder(m[0], io.strata.agent.oci.NamespaceRelay.socketPath(pod.sandbox, m[1])));
            }
            synchronized (pod) {
                // the group may have ended, or the agent stopped, while the relay and listeners came up: a late
                // listener would hold the host port for good (and keep the next agent from serving it)
                if (pod.released || pod.detached) {
                    forwarders.forEach(io.strata.agent.oci.PortForwarder::close);
                    if (pod.released) {
                        relay.close();
                    }
                    return;
                }
                pod.relay = relay;
                pod.forwarders.addAll(forwarders);
            }
        } catch (IOException | RuntimeException e) {
            LOG.warn("cannot forward the ports of group {}: {}", pod.executorId(), e.getMessage());
            killTasks(pod, pod.tasks(), Containers.DEFAULT_GRACE);
        }
    }

    private static boolean hasImages(Pod pod) {
        return pod.tasks().stream().anyMatch(c -> ImageContainers.isImageTask(c.task));
    }

    private static ResourceLimits startupLimits(ResourceLimits limits) {
        return new ResourceLimits(Math.max(limits.cpus(), Runtime.getRuntime().availableProcessors()),
                limits.memBytes());
    }

    private void failAll(Pod pod, String message) {
        for (Container c : pod.tasks()) {
            containers.finish(c, TaskState.TASK_FAILED, TaskStatus.Reason.REASON_CONTAINER_LAUNCH_FAILED, message,
                    null);
        }
    }

    /**
     * The group's limits: the executor's resources plus every task's, at least 0.01 cpus and 32 MB. Example: an
     * executor of {@code cpus:0.1;mem:32} with tasks of {@code cpus:0.5;mem:64} and {@code cpus:0.2;mem:32} gets
     * 0.8 cpus and 128 MB.
     */
    static ResourceLimits limits(Resources total) {
        double cpus = Math.max(0.01, total.scalar(Resource.CPUS).asDouble());
        double memMb = Math.max(32, total.scalar(Resource.MEM).asDouble());
        return new ResourceLimits(cpus, (long) (memMb * 1024 * 1024));
    }

    /** Starts one task's supervisor in the group's cgroup, its command in the group's namespace. */
    private void start(Pod pod, Container c, CgroupPaths cgroups) {
        synchronized (pod) {
            if (pod.detached) {
                return; // this agent stopped; the next one resumes the task
            }
        }
        synchronized (c) {
            if (c.terminated) {
                return;
            }
            if (c.killRequested) {
                containers.finish(c, TaskState.TASK_KILLED, TaskStatus.Reason.REASON_TASK_KILLED_DURING_LAUNCH,
                        "Task killed before it started", null);
                return;
            }
        }
        try {
            boolean image = ImageContainers.isImageTask(c.task);
            if (!Pod.startAfter(c.task).isEmpty()) {
                markStarting(c);
            }
            if (cgroups == null && !image) {
                throw new IllegalStateException("the group's cgroup is gone");
            }
            // an image task's supervisor and runc stay outside the group's cgroup: runc nests the container in it;
            // a plain task's volumes are links in its sandbox, read-only ones enforced in its own mount namespace
            TaskCommand command = image ? images.prepare(c, containers.environment(c), limits(pod.resources()))
                    : new TaskCommand.Argv(NetworkNamespace.enter(pod.netns, ContainerVolumes.enforceReadOnly(
                            ContainerVolumes.prepare(c, false), Containers.command(c.task.command())).argv()));
            RunningProcess p = launcher.launch(new LaunchSpec(c.id, command, image ? Map.of()
                    : containers.environment(c), c.sandbox, c.metaDir, image ? List.of() : cgroups.procsFiles(),
                    Optional.empty()));
            if (image) {
                images.started(c, p); // TASK_RUNNING once the container exists
            }
            boolean killNow;
            synchronized (c) {
                c.process = p;
                killNow = c.killRequested;
            }
            p.checkpoint().writeTo(c.metaDir.resolve("forked.pid"));
            containers.status(c, TaskState.TASK_RUNNING, null, null);
            launcher.startSpare(); // the next launch's supervisor, now that this one's update is out
            containers.watch(c, p);
            containers.startChecks(c); // health check and check, where the task runs (TaskChecks)
            if (killNow) {
                stop(pod, Map.of(c, p), Containers.gracePeriod(c));
            }
        } catch (RuntimeException e) {
            LOG.warn("launch of task {} of group {} failed", c.task.taskId().value(), pod.executorId(), e);
            containers.finish(c, TaskState.TASK_FAILED, TaskStatus.Reason.REASON_CONTAINER_LAUNCH_FAILED,
                    "Failed to launch the task: " + e.getMessage(), null);
        }
    }

    private static void markStarting(Container c) {
        try {
            Files.write(c.metaDir.resolve(START_MARKER), new byte[0]);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException("cannot checkpoint the task's start: " + e.getMessage(), e);
        }
    }

    /** A health check run inside the group's network namespace: every kind becomes a command entering it. */
    static HealthCheckSpec inNamespace(HealthCheckSpec spec, Path netns) {
        return new HealthCheckSpec.Command(PodProbes.command(spec, netns), spec.timing());
    }

    /**
     * A group task's health check: run inside the group's network namespace, healthy only after the task's
     * {@value PodProbes#SUCCESS_THRESHOLD_LABEL} consecutive successes (counted in its checkpoint directory).
     */
    static HealthCheckSpec inNamespace(HealthCheckSpec spec, Container c) {
        int threshold = PodProbes.successThreshold(c.task);
        return new HealthCheckSpec.Command(threshold <= 1 ? PodProbes.command(spec, c.pod.netns)
                : PodProbes.command(spec, c.pod.netns, threshold, c.metaDir.resolve(PodProbes.SUCCESSES_FILE)),
                spec.timing());
    }

    /**
     * Kills a task of a group, and with it the whole group (the default executor kills the remaining tasks when one
     * is killed): the stop signal to every task, the grace period, then SIGKILL.
     */
    void kill(Container c, Duration grace) {
        Pod pod = c.pod;
        synchronized (pod) {
            pod.killing = true;
        }
        killTasks(pod, pod.tasks(), grace);
    }

    /**
     * A task of the group ended (its status follows): unless it finished successfully, the remaining tasks are
     * killed; once every task has ended the group's cgroup and namespace are removed.
     */
    void taskEnded(Container c, TaskState state) {
        Pod pod = c.pod;
        if (ImageContainers.isImageTask(c.task)) {
            images.release(c);
        }
        ContainerVolumes.release(c);
        boolean killOthers;
        synchronized (pod) {
            killOthers = state != TaskState.TASK_FINISHED && !pod.killing;
            if (killOthers) {
                pod.killing = true;
            }
        }
        if (killOthers) {
            LOG.info("task {} of group {} ended {}; killing the other tasks of the group", c.task.taskId().value(),
                    pod.executorId(), state);
            List<Container> others = pod.tasks().stream().filter(t -> t != c).toList();
            killTasks(pod, others, others.stream().map(Containers::gracePeriod).max(Duration::compareTo)
                    .orElse(Containers.DEFAULT_GRACE));
        } else if (state == TaskState.TASK_FINISHED) {
            startWaiting(pod, c);
        }
        if (pod.allTerminated()) {
            release(pod);
        }
    }

    /**
     * Starts the tasks that waited only for {@code finished} (off the caller's thread: it is about to send the
     * finished task's update). Nothing starts once the group is being killed; while the group is being recovered
     * the task is only crossed off, and {@link #recovered} starts what is ready.
     */
    private void startWaiting(Pod pod, Container finished) {
        List<Container> ready;
        synchronized (pod) {
            if (pod.killing || pod.released || pod.waiting.isEmpty()) {
                return;
            }
            pod.waiting.values().forEach(after -> after.remove(finished.task.taskId().value()));
            ready = takeReady(pod);
        }
        startAll(pod, ready);
    }

    /**
     * Removes and returns the waiting tasks that wait for nothing any more; none while the group is being recovered
     * or killed. Whoever takes a task starts it, so it starts once. Called under the pod's monitor.
     */
    private static List<Container> takeReady(Pod pod) {
        List<Container> ready = new ArrayList<>();
        if (pod.recovering || pod.killing || pod.released) {
            return ready;
        }
        var it = pod.waiting.entrySet().iterator();
        while (it.hasNext()) {
            var e = it.next();
            if (e.getValue().isEmpty()) {
                ready.add(e.getKey());
                it.remove();
            }
        }
        return ready;
    }

    private void startAll(Pod pod, List<Container> ready) {
        if (ready.isEmpty()) {
            return;
        }
        CgroupPaths cgroups;
        synchronized (pod) {
            cgroups = pod.cgroups;
        }
        Thread.ofVirtual().name("strata-start-" + pod.executorId()).start(() ->
                ready.forEach(t -> start(pod, t, cgroups)));
    }

    /** Whether the group's cgroup counted an OOM kill. */
    boolean oomKilled(Pod pod) {
        return isolator.oomKilled(pod.id);
    }

    /**
     * Marks the targets killed and stops those running; a target not started yet is failed by its launch, which sees
     * the mark. A target already being killed is left to that kill.
     */
    private void killTasks(Pod pod, List<Container> targets, Duration grace) {
        Map<Container, RunningProcess> running = new LinkedHashMap<>();
        List<Container> neverStarted = new ArrayList<>();
        synchronized (pod) {
            for (Container c : targets) {
                if (pod.waiting.remove(c) != null) {
                    neverStarted.add(c);
                }
            }
        }
        for (Container c : neverStarted) {
            containers.finish(c, TaskState.TASK_KILLED, TaskStatus.Reason.REASON_TASK_KILLED_DURING_LAUNCH,
                    "Task killed before it started", null);
        }
        for (Container c : targets) {
            synchronized (c) {
                if (c.terminated || c.killRequested) {
                    continue;
                }
                c.killRequested = true;
                if (c.process != null) {
                    running.put(c, c.process);
                }
            }
        }
        stop(pod, running, grace);
    }

    /** The stop signal to every process, the grace period, SIGKILL, and the whole group's kill as a last resort. */
    private void stop(Pod pod, Map<Container, RunningProcess> running, Duration grace) {
        if (running.isEmpty()) {
            return;
        }
        for (Container c : running.keySet()) {
            if (c.framework.hasCapability(FrameworkInfo.Capability.Type.TASK_KILLING_STATE)) {
                containers.status(c, TaskState.TASK_KILLING, null, "Killing the task group");
            }
        }
        Thread.ofVirtual().name("strata-kill-group-" + pod.id).start(() -> {
            // an image task gets its image's stop signal through the runtime (its PID 1 ignores an unhandled SIGTERM)
            running.forEach((c, p) -> {
                if (!ImageContainers.isImageTask(c.task) || !images.signalStop(c)) {
                    p.signal(ProcFs.SIGTERM);
                }
            });
            if (!await(running.values(), grace)) {
                running.values().forEach(p -> p.signal(ProcFs.SIGKILL));
                if (!await(running.values(), RECORD_WAIT)) {
                    isolator.killAll(pod.id);
                }
            }
        });
    }

    private static boolean await(java.util.Collection<RunningProcess> processes, Duration timeout) {
        CompletableFuture<?>[] exits = processes.stream().map(RunningProcess::exit).toArray(CompletableFuture[]::new);
        try {
            CompletableFuture.allOf(exits).get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            return true;
        } catch (java.util.concurrent.TimeoutException e) {
            return false;
        } catch (java.util.concurrent.ExecutionException e) {
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Kills whatever is left in the group's cgroup, removes it and the group's namespace; once. */
    private void release(Pod pod) {
        synchronized (pod) {
            if (pod.released) {
                return;
            }
            pod.released = true;
            pod.forwarders.forEach(io.strata.agent.oci.PortForwarder::close);
            if (pod.relay != null) {
                pod.relay.close();
            }
        }
        try {
            isolator.killAll(pod.id);
        } catch (RuntimeException e) {
            LOG.warn("killing the remaining processes of group {} failed: {}", pod.id, e.getMessage());
        }
        try {
            isolator.cleanup(pod.id);
        } catch (RuntimeException e) {
            LOG.warn("cleanup of group {} failed: {}", pod.id, e.getMessage());
        }
        try {
            NetworkNamespace.remove(pod.netns);
        } catch (RuntimeException e) {
            LOG.warn("cannot remove the network namespace of group {}: {}", pod.id, e.getMessage());
        }
    }

    /**
     * Rebuilds the groups of checkpointed group tasks (meta directory -> record) after an agent restart: every task of
     * a group is registered before any is re-attached, so the group's kill and release rules see all of them. A task
     * labelled {@value Pod#START_AFTER_LABEL} that never began to start waits again for every task it names (those
     * that finished meanwhile are crossed off as they are re-attached, and by {@link #recovered}).
     */
    List<Container> recover(Map<Path, TaskRecord> records) {
        Map<String, Pod> pods = new LinkedHashMap<>();
        List<Container> out = new ArrayList<>();
        records.forEach((meta, r) -> {
            ContainerId podId = new ContainerId(r.groupContainerId());
            Pod pod = pods.computeIfAbsent(r.groupContainerId(), k -> new Pod(r.frameworkInfo(), r.executor(), podId,
                    Path.of(r.groupSandbox()), meta.getParent().getParent(), netnsFile(podId),
                    ResourceWire.toDomain(r.executor().resources(), "executor.resources")));
            Container c = new Container(r.frameworkInfo(), r.task(), new ContainerId(r.containerId()),
                    ResourceWire.toDomain(r.task().resources(), "task.resources"), Path.of(r.sandbox()), meta, pod);
            synchronized (pod) {
                pod.tasks.add(c);
                pod.recovering = true;
                Set<String> after = Pod.startAfter(r.task());
                if (!after.isEmpty() && neverStarted(meta)) {
                    pod.waiting.put(c, new java.util.HashSet<>(after));
                }
            }
            out.add(c);
        });
        for (Pod pod : pods.values()) {
            try {
                CgroupPaths cgroups = isolator.recover(pod.id);
                synchronized (pod) {
                    pod.cgroups = cgroups;
                }
            } catch (RuntimeException e) {
                LOG.warn("cannot recover the cgroup of group {}: {}", pod.executorId(), e.getMessage());
            }
        }
        return out;
    }

    /** Whether a checkpointed task never began to start: no supervisor was recorded, nor the start's beginning. */
    private static boolean neverStarted(Path meta) {
        return !Files.exists(meta.resolve("forked.pid")) && !Files.exists(meta.resolve(START_MARKER));
    }

    /** Whether a recovered group task is waiting to start (it has no process to re-attach). */
    boolean waitsToStart(Container c) {
        synchronized (c.pod) {
            return c.pod.waiting.containsKey(c);
        }
    }

    /**
     * After the groups' tasks were re-attached: applies the group rules to what happened while the agent was away. A
     * group with a task that failed or was killed meanwhile is killed (tasks still waiting end TASK_KILLED unstarted);
     * a group whose tasks have all ended is released; otherwise waiting tasks whose predecessors have all finished
     * start now.
     */
    void recovered(List<Container> tasks) {
        tasks.stream().map(c -> c.pod).distinct().forEach(pod -> {
            boolean failedWhileAway = pod.tasks().stream().anyMatch(t -> t.isTerminated() && t.lastStatus()
                    .map(s -> s.state() != TaskState.TASK_FINISHED).orElse(false));
            List<Container> ready;
            synchronized (pod) {
                pod.recovering = false;
                pod.waiting.keySet().removeIf(Container::isTerminated);
                for (Container t : pod.tasks) {
                    if (t.isTerminated() && t.lastStatus().map(s -> s.state() == TaskState.TASK_FINISHED)
                            .orElse(false)) {
                        pod.waiting.values().forEach(after -> after.remove(t.task.taskId().value()));
                    }
                }
                ready = failedWhileAway ? List.of() : takeReady(pod);
            }
            if (failedWhileAway) {
                List<Container> unstarted;
                synchronized (pod) {
                    pod.killing = true;
                    unstarted = List.copyOf(pod.waiting.keySet());
                    pod.waiting.clear();
                }
                for (Container c : unstarted) {
                    containers.finish(c, TaskState.TASK_KILLED, TaskStatus.Reason.REASON_TASK_KILLED_DURING_LAUNCH,
                            "Task killed before it started", null);
                }
                Map<Container, RunningProcess> running = new LinkedHashMap<>();
                for (Container c : pod.tasks()) {
                    synchronized (c) {
                        if (!c.terminated && c.process != null) {
                            c.killRequested = true;
                            running.put(c, c.process);
                        }
                    }
                }
                stop(pod, running, Containers.DEFAULT_GRACE);
            } else if (pod.allTerminated()) {
                release(pod);
            } else {
                startAll(pod, ready);
                try {
                    List<int[]> mappings = portMappings(pod.executor, pod.resources());
                    if (!mappings.isEmpty()) {
                        forward(pod, mappings, isolator.recover(pod.id).procsFiles());
                    }
                } catch (RuntimeException e) {
                    LOG.warn("cannot restore the port mappings of group {}: {}", pod.executorId(), e.getMessage());
                }
            }
        });
    }

    /**
     * The agent stopped without killing its groups: their host ports are no longer served (they were served by this
     * process, which a crash would have ended); the relays in their namespaces stay for the next agent to replace.
     */
    void detach(List<Pod> pods) {
        for (Pod pod : pods) {
            List<io.strata.agent.oci.PortForwarder> forwarders;
            synchronized (pod) {
                pod.detached = true;
                forwarders = List.copyOf(pod.forwarders);
                pod.forwarders.clear();
            }
            forwarders.forEach(io.strata.agent.oci.PortForwarder::close);
        }
    }

    /** Removes namespace files that no known group owns (their group ended while the agent was down). */
    void removeLeftoverNamespaces(Set<String> knownGroups) {
        Path dir = paths.workDir().resolve(NETNS_DIR);
        if (!Files.isDirectory(dir)) {
            return;
        }
        try (Stream<Path> files = Files.list(dir)) {
            files.filter(f -> !knownGroups.contains(f.getFileName().toString())).forEach(f -> {
                try {
                    NetworkNamespace.remove(f);
                } catch (RuntimeException e) {
                    LOG.warn("cannot remove the leftover namespace {}: {}", f, e.getMessage());
                }
            });
        } catch (IOException e) {
            LOG.warn("cannot list {}: {}", dir, e.getMessage());
        }
    }
}
