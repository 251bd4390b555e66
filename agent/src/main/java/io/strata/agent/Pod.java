package io.strata.agent;

import io.strata.agent.isolation.CgroupPaths;
import io.strata.agent.isolation.ContainerId;
import io.strata.api.mesos.FrameworkInfo;
import io.strata.api.mesos.Offer;
import io.strata.api.mesos.TaskInfo;
import io.strata.core.resources.Resources;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The container of a task group (LAUNCH_GROUP), run with Mesos' default-executor semantics: one cgroup for the
 * whole group (limits = the executor's resources plus every task's), one network namespace every task joins, and
 * each task a supervised process with its own sandbox under the executor's ({@code runs/<cid>/tasks/<tid>}). When one
 * task fails or is killed the others are killed; the group's cgroup and namespace go when its last task has ended.
 * A Strata extension orders starts: a task labelled {@value #START_AFTER_LABEL} with the ids of earlier tasks of its
 * group starts once all of them have finished successfully (a pod's init containers before its app containers, all
 * in the group's namespace and sandbox). Mutable fields are guarded by the instance's monitor.
 */
final class Pod {
    /** Task label: comma-separated ids of earlier tasks of the same group that must finish before this one starts. */
    static final String START_AFTER_LABEL = "strata.io/start-after";
    final FrameworkInfo framework;
    final Offer.ExecutorInfo executor;
    /** The group's container: its cgroup is named by this id. */
    final ContainerId id;
    /** The executor's run sandbox; task sandboxes are under {@code tasks/}. */
    final Path sandbox;
    /** The executor's run checkpoint directory; task checkpoints are under {@code tasks/}. */
    final Path metaDir;
    /** The file the group's network namespace is bound to. */
    final Path netns;
    final Resources executorResources;
    /** The group's tasks, in launch order. */
    final List<Container> tasks = new ArrayList<>();
    /** Set once the group is being torn down (a task failed or was killed). */
    boolean killing;
    /** Set once the group's cgroup and namespace are gone. */
    boolean released;
    /** Set once this agent stopped serving the group (it stops without killing it; the next agent takes it over). */
    boolean detached;
    /** Relays into the namespace for the executor's port mappings; null without mappings. */
    io.strata.agent.oci.NamespaceRelay relay;
    /** Forwarders of the mapped host ports. */
    final List<io.strata.agent.oci.PortForwarder> forwarders = new ArrayList<>();
    /** The group's cgroup once prepared (tasks started later join it). */
    CgroupPaths cgroups;
    /** Tasks not started yet, with the ids of the tasks they still wait for. */
    final Map<Container, Set<String>> waiting = new LinkedHashMap<>();
    /**
     * Set while a restarted agent re-attaches the group's tasks: a waiting task whose predecessors have all finished
     * starts only once every task is back (the group's rules may yet kill it instead).
     */
    boolean recovering;

    Pod(FrameworkInfo framework, Offer.ExecutorInfo executor, ContainerId id, Path sandbox, Path metaDir, Path netns,
        Resources executorResources) {
        this.framework = framework;
        this.executor = executor;
        this.id = id;
        this.sandbox = sandbox;
        this.metaDir = metaDir;
        this.netns = netns;
        this.executorResources = executorResources;
    }

    /** The executor id the framework chose. */
    String executorId() {
        return executor.executorId().value();
    }

    /** The group's tasks, a snapshot. */
    synchronized List<Container> tasks() {
        return List.copyOf(tasks);
    }

    /** The resources the group holds: the executor's and every task's. */
    synchronized Resources resources() {
        Resources total = executorResources;
        for (Container c : tasks) {
            total = total.plus(c.resources);
        }
        return total;
    }

    /**
     * The tasks each task waits for ({@value #START_AFTER_LABEL}), in group order; tasks that wait for nothing are
     * left out.
     *
     * @throws IllegalArgumentException when a label names a task that is not earlier in the group
     */
    static Map<Integer, Set<String>> startOrder(List<TaskInfo> tasks) {
        Map<Integer, Set<String>> out = new LinkedHashMap<>();
        Set<String> earlier = new HashSet<>();
        for (int i = 0; i < tasks.size(); i++) {
            TaskInfo task = tasks.get(i);
            Set<String> after = startAfter(task);
            for (String id : after) {
                if (!earlier.contains(id)) {
                    throw new IllegalArgumentException("task " + task.taskId().value() + ": label "
                            + START_AFTER_LABEL + " names '" + id + "', which is not an earlier task of its group");
                }
            }
            if (!after.isEmpty()) {
                out.put(i, after);
            }
            earlier.add(task.taskId().value());
        }
        return out;
    }

    /** The task ids a task's {@value #START_AFTER_LABEL} labels name, in order; empty when it waits for none. */
    static Set<String> startAfter(TaskInfo task) {
        Set<String> after = new LinkedHashSet<>();
        for (String value : TaskLabels.values(task, START_AFTER_LABEL)) {
            for (String id : value.split(",")) {
                if (!id.isBlank()) {
                    after.add(id.strip());
                }
            }
        }
        return after;
    }

    /** Whether every task of the group has ended. */
    boolean allTerminated() {
        return tasks().stream().allMatch(Container::isTerminated);
    }
}
