package io.strata.agent;

import io.strata.agent.isolation.ContainerId;
import io.strata.agent.isolation.Isolator;
import io.strata.agent.launcher.Checkpoint;
import io.strata.agent.launcher.ProcessLauncher;
import io.strata.agent.launcher.RunningProcess;
import io.strata.agent.status.StatusUpdateManager;
import io.strata.api.json.Json;
import io.strata.api.mesos.AgentId;
import io.strata.api.mesos.TaskState;
import io.strata.api.mesos.TaskStatus;
import io.strata.server.wire.ResourceWire;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Agent recovery of task containers: reads the checkpoints a previous agent left under the meta directory and hands
 * each container back to {@link Containers}, re-attached to its supervisor, or ended with its recorded status. One
 * use, on the agent's start thread.
 */
final class ContainerRecovery {
    private static final Logger LOG = LoggerFactory.getLogger(ContainerRecovery.class);
    private final Containers containers;
    private final AgentPaths paths;
    private final Isolator isolator;
    private final ProcessLauncher launcher;
    private final StatusUpdateManager updates;
    private final ImageContainers images;
    private final TaskGroups groups;

    ContainerRecovery(Containers containers, AgentPaths paths, Isolator isolator, ProcessLauncher launcher,
                      StatusUpdateManager updates, ImageContainers images, TaskGroups groups) {
        this.containers = containers;
        this.paths = paths;
        this.isolator = isolator;
        this.launcher = launcher;
        this.updates = updates;
        this.images = images;
        this.groups = groups;
    }

    /**
     * Re-attaches to the containers checkpointed for {@code agentId}: running supervisors are watched again, ended
     * ones report their recorded exit status, and unacknowledged updates are replayed.
     *
     * @return how many containers are known afterwards (running or awaiting their terminal update's acknowledgement)
     */
    int recover(AgentId agentId) {
        int n = 0;
        Map<Path, TaskRecord> groupRecords = new LinkedHashMap<>();
        for (Path meta : paths.checkpointedRuns(agentId)) {
            try {
                TaskRecord record = Json.parse(Files.readAllBytes(meta.resolve("task.info")), TaskRecord.class);
                if (record.groupContainerId() != null) {
                    groupRecords.put(meta, record);
                    continue;
                }
                Container c = new Container(record.frameworkInfo(), record.task(), new ContainerId(record.containerId()),
                        ResourceWire.toDomain(record.task().resources(), "task.resources"),
                        Path.of(record.sandbox()), meta);
                n += recoverOne(c) ? 1 : 0;
            } catch (IOException | RuntimeException e) {
                LOG.warn("cannot recover the task checkpointed in {}: {}", meta, e.toString());
            }
        }
        List<Container> grouped = groups.recover(groupRecords);
        grouped.forEach(containers::register); // the whole group first: its rules need every task
        // every task's updates before any process: a task re-attached after it ended applies the group's rules at
        // once (its waiting successors start or are killed), and those updates go to streams already recovered
        List<Container> live = new ArrayList<>();
        for (Container c : grouped) {
            try {
                Restored restored = restoreUpdates(c);
                n += restored == Restored.ACKNOWLEDGED ? 0 : 1;
                if (restored == Restored.LIVE) {
                    live.add(c);
                }
            } catch (IOException | RuntimeException e) {
                LOG.warn("cannot recover the group task checkpointed in {}: {}", c.metaDir, e.toString());
            }
        }
        for (Container c : live) {
            try {
                reattach(c);
            } catch (IOException | RuntimeException e) {
                LOG.warn("cannot recover the group task checkpointed in {}: {}", c.metaDir, e.toString());
            }
        }
        groups.recovered(grouped);
        return n;
    }

    /** What a container's checkpointed updates say. */
    private enum Restored {
        /** Ended, and its terminal update was acknowledged: forgotten. */
        ACKNOWLEDGED,
        /** Ended; its terminal update awaits acknowledgement. */
        ENDED,
        /** Not ended: its process is to be re-attached (or, for a waiting group task, to be started). */
        LIVE
    }

    /** Re-attaches one checkpointed container; false when its terminal update was already acknowledged. */
    private boolean recoverOne(Container c) throws IOException {
        Restored restored = restoreUpdates(c);
        if (restored == Restored.LIVE) {
            reattach(c);
        }
        return restored != Restored.ACKNOWLEDGED;
    }

    /** Replays the container's update stream and registers it; a container that ended is marked so. */
    private Restored restoreUpdates(Container c) throws IOException {
        var stream = updates.recover(c.framework.id(), c.task.taskId(), c.updatesFile());
        containers.register(c);
        TaskStatus latest = stream.latest();
        if (latest != null) {
            c.lastStatus(latest);
        }
        if (latest != null && latest.state().isTerminal()) {
            synchronized (c) {
                c.terminated = true;
            }
            if (stream.done()) {
                containers.forget(c.framework.id(), c.task.taskId());
                return Restored.ACKNOWLEDGED;
            }
            return Restored.ENDED;
        }
        return Restored.LIVE;
    }

    /**
     * Watches a live container's supervisor again. One without a recorded supervisor failed to launch when the
     * previous agent stopped, unless it is a group task that never began to start: that one waits again.
     */
    private void reattach(Container c) throws IOException {
        Path pidFile = c.metaDir.resolve("forked.pid");
        if (!Files.exists(pidFile) && c.inGroup() && groups.waitsToStart(c)) {
            LOG.info("task {} of group {} had not started yet; it waits again for {}", c.task.taskId().value(),
                    c.pod.executorId(), Pod.startAfter(c.task));
            return;
        }
        if (!Files.exists(pidFile)) {
            containers.finish(c, TaskState.TASK_FAILED, TaskStatus.Reason.REASON_CONTAINER_LAUNCH_FAILED,
                    "The agent stopped while launching the task", null);
            return;
        }
        try {
            isolator.recover(c.executorContainerId());
        } catch (RuntimeException e) {
            LOG.debug("no cgroups to recover for {}", c.id);
        }
        RunningProcess p = launcher.reattach(Checkpoint.readFrom(pidFile));
        synchronized (c) {
            c.process = p;
        }
        if (ImageContainers.isImageTask(c.task) && !p.exit().isDone()) {
            images.recovered(c, p);
        }
        containers.watch(c, p);
        containers.startChecks(c); // health check and check, where the task runs (TaskChecks)
    }
}
