package io.strata.master.engine;

import io.strata.api.mesos.TaskInfo;
import io.strata.core.resources.InvalidResourcesException;
import io.strata.core.resources.Resource;
import io.strata.core.resources.Resources;
import io.strata.master.registry.AgentEntry;
import io.strata.master.registry.FrameworkEntry;
import io.strata.master.registry.TaskKey;
import io.strata.server.wire.ResourceWire;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Validates one task of a LAUNCH against the framework, the agent and what is left of the offered
 * resources. Invalid tasks become TASK_ERROR with REASON_TASK_INVALID and this message, as in Mesos.
 */
public final class TaskValidation {
    /** Executor ids become directory names too: the same rule. */
    static boolean validId(String id) {
        return TASK_ID.matcher(id).matches() && !id.equals(".") && !id.equals("..");
    }

    /** Task ids become directory names on agents: no slashes, no control characters, no "." or "..". */
    private static final Pattern TASK_ID = Pattern.compile("[^/\\x00-\\x1f\\x7f]{1,255}");

    private TaskValidation() {
    }

    /** The task's resources when valid. */
    public record Valid(Resources resources) {
    }

    /** Returns the problem with a task, or its resources when it may launch. */
    public static Result validate(TaskInfo task, int index, FrameworkEntry f, AgentEntry agent, Resources left) {
        return validate(task, "task_infos[" + index + "]", f, agent, left);
    }

    /** As {@link #validate(TaskInfo, int, FrameworkEntry, AgentEntry, Resources)}, naming fields under {@code where}. */
    public static Result validate(TaskInfo task, String where, FrameworkEntry f, AgentEntry agent, Resources left) {
        if (task.taskId() == null || task.taskId().value() == null || task.taskId().value().isEmpty()) {
            return Result.error(where + ".task_id is missing");
        }
        String id = task.taskId().value();
        if (!TASK_ID.matcher(id).matches() || id.equals(".") || id.equals("..")) {
            return Result.error("Task ID '" + id + "' is invalid: it must be 1-255 characters without '/' or "
                    + "control characters");
        }
        if (f.tasks.containsKey(new TaskKey(f.id.value(), id))) {
            return Result.error("Task has duplicate ID: " + id);
        }
        if (task.name() == null) {
            return Result.error(where + ".name is missing");
        }
        if (task.agentId() != null && !agent.id.equals(task.agentId())) {
            return Result.error("Task uses agent_id " + task.agentId().value() + " but the offers are from "
                    + agent.id.value());
        }
        if (task.command() == null) {
            return Result.error(where + ".command is missing (executors are not supported; use a command task)");
        }
        if (task.command().isShell() && (task.command().value() == null || task.command().value().isEmpty())
                && task.container() == null) {
            return Result.error(where + ".command.value is missing for a shell command");
        }
        Resources resources;
        try {
            resources = ResourceWire.toDomain(task.resources(), where + ".resources");
        } catch (InvalidResourcesException e) {
            return Result.error("Task uses invalid resources: " + e.getMessage());
        }
        if (resources.scalar(Resource.CPUS).asDouble() <= 0 && resources.scalar(Resource.MEM).asDouble() <= 0) {
            return Result.error("Task uses no cpus and no mem: " + where + ".resources must include cpus or mem");
        }
        Optional<String> roleProblem = resources.roles().stream()
                .filter(r -> !r.equals("*") && !r.equals(f.role())).findFirst();
        if (roleProblem.isPresent()) {
            return Result.error("Task uses resources reserved for role '" + roleProblem.get()
                    + "' but the framework's role is '" + f.role() + "'");
        }
        if (!left.contains(resources)) {
            return Result.error("Task uses more resources " + resources + " than available " + left);
        }
        return new Result(null, resources);
    }

    /** Either an error message or the task's resources. */
    public record Result(String error, Resources resources) {
        static Result error(String message) {
            return new Result(message, null);
        }

        public boolean valid() {
            return error == null;
        }
    }
}
