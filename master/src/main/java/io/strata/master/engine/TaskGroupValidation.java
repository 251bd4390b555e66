package io.strata.master.engine;

import io.strata.api.mesos.Offer;
import io.strata.api.mesos.TaskInfo;
import io.strata.core.resources.InvalidResourcesException;
import io.strata.core.resources.Resources;
import io.strata.master.registry.AgentEntry;
import io.strata.master.registry.ExecutorEntry;
import io.strata.master.registry.FrameworkEntry;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Validates a LAUNCH_GROUP against the framework, the agent and what is left of the offered resources, as Mesos'
 * {@code validation::task::group} does: a default executor (type DEFAULT, an id, no command) that no live executor of
 * the framework on that agent already uses, at least one task, every task valid and its id unique in the group, and
 * the executor's plus all tasks' resources within the offers. A group is atomic: one problem makes every task of it
 * TASK_ERROR with REASON_TASK_GROUP_INVALID and this message.
 */
public final class TaskGroupValidation {
    /** The executor type LAUNCH_GROUP requires (ExecutorInfo.Type DEFAULT). */
    public static final String DEFAULT_EXECUTOR = "DEFAULT";

    private TaskGroupValidation() {
    }

    /**
     * Returns the problem with a group, or the executor's resources and each task's resources (in task order) when it
     * may launch.
     *
     * @param where the operation's field path, e.g. {@code accept.operations[0].launch_group}
     */
    public static Result validate(Offer.Operation.LaunchGroup group, String where, FrameworkEntry f, AgentEntry agent,
                                  Resources left) {
        Offer.ExecutorInfo executor = group.executor();
        if (executor == null) {
            return Result.error(where + ".executor is missing");
        }
        if (!DEFAULT_EXECUTOR.equals(executor.type())) {
            return Result.error(where + ".executor.type must be DEFAULT, not " + executor.type());
        }
        if (executor.executorId() == null || executor.executorId().value() == null
                || executor.executorId().value().isEmpty()) {
            return Result.error(where + ".executor.executor_id is missing");
        }
        String eid = executor.executorId().value();
        if (!TaskValidation.validId(eid)) {
            return Result.error("Executor ID '" + eid + "' is invalid: it must be 1-255 characters without '/' or "
                    + "control characters");
        }
        if (executor.frameworkId() != null && !f.id.equals(executor.frameworkId())) {
            return Result.error(where + ".executor.framework_id " + executor.frameworkId().value()
                    + " is not the framework's id " + f.id.value());
        }
        if (executor.command() != null) {
            return Result.error(where + ".executor.command must not be set for a DEFAULT executor");
        }
        if (f.executors.containsKey(ExecutorEntry.key(agent.id, eid))) {
            return Result.error("Executor '" + eid + "' is already running on agent " + agent.id.value()
                    + "; a task group needs a new executor_id");
        }
        Resources executorResources;
        try {
            executorResources = io.strata.server.wire.ResourceWire.toDomain(executor.resources(),
                    where + ".executor.resources");
        } catch (InvalidResourcesException e) {
            return Result.error("Executor uses invalid resources: " + e.getMessage());
        }
        Optional<String> role = executorResources.roles().stream()
                .filter(r -> !r.equals("*") && !r.equals(f.role())).findFirst();
        if (role.isPresent()) {
            return Result.error(where + ".executor.resources are reserved for role '" + role.get()
                    + "' but the framework's role is '" + f.role() + "'");
        }
        if (!left.contains(executorResources)) {
            return Result.error("Executor uses more resources " + executorResources + " than available " + left);
        }
        Resources remaining = left.minus(executorResources);
        List<TaskInfo> tasks = group.taskGroup() == null || group.taskGroup().tasks() == null ? List.of()
                : group.taskGroup().tasks();
        if (tasks.isEmpty()) {
            return Result.error(where + ".task_group.tasks must hold at least one task");
        }
        Set<String> ids = new HashSet<>();
        List<Resources> taskResources = new ArrayList<>();
        for (int i = 0; i < tasks.size(); i++) {
            TaskInfo task = tasks.get(i);
            String at = where + ".task_group.tasks[" + i + "]";
            TaskValidation.Result r = TaskValidation.validate(task, at, f, agent, remaining);
            if (!r.valid()) {
                return Result.error(r.error());
            }
            if (!ids.add(task.taskId().value())) {
                return Result.error("Task group has duplicate task ID: " + task.taskId().value());
            }
            taskResources.add(r.resources());
            remaining = remaining.minus(r.resources());
        }
        Resources groupResources = executorResources;
        for (Resources r : taskResources) {
            groupResources = groupResources.plus(r);
        }
        String mappings = portMappingProblem(executor, groupResources, where);
        if (mappings != null) {
            return Result.error(mappings);
        }
        return new Result(null, executorResources, taskResources);
    }

    /** Host ports of the executor's port mappings must be among the group's ports resources (0 takes the next). */
    private static String portMappingProblem(Offer.ExecutorInfo executor, Resources group, String where) {
        if (executor.container() == null || executor.container().networkInfos() == null) {
            return null;
        }
        for (var network : executor.container().networkInfos()) {
            if (network == null || network.portMappings() == null) {
                continue;
            }
            for (var m : network.portMappings()) {
                if (m.containerPort() <= 0 || m.containerPort() > 65535) {
                    return where + ".executor.container.network_infos[].port_mappings: container_port "
                            + m.containerPort() + " is out of range";
                }
                if (m.hostPort() != 0 && !group.ports().contains(m.hostPort())) {
                    return where + ".executor.container.network_infos[].port_mappings: host_port " + m.hostPort()
                            + " is not among the group's ports resources " + group.ports();
                }
            }
        }
        return null;
    }

    /** Either an error message or the executor's and the tasks' resources. */
    public record Result(String error, Resources executorResources, List<Resources> taskResources) {
        static Result error(String message) {
            return new Result(message, null, List.of());
        }

        public boolean valid() {
            return error == null;
        }
    }
}
